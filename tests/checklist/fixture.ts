/**
 * A small checklist (two sections, five items) for the pure tests, so they
 * read clearly and do not change when the real corpus is edited.
 */
import { ChecklistDefinition, type AnswerValue } from '../../src/checklist/definition.js';
import type { AnswerRecord, AssessmentRecord, AssessmentSnapshot } from '../../src/checklist/types.js';

const item = (id: string, question: string, timeSensitive = false) => ({
  id,
  question,
  why: `Why ${id} matters to the partnership.`,
  evidence: [`Evidence for ${id}`, 'Minutes'],
  sources: ['Working Together 2018'],
  timeSensitive,
  tags: [],
});

export const fixture = ChecklistDefinition.parse({
  id: 'cis',
  title: 'Test checklist',
  version: '1.0',
  published: '2022-08',
  publisher: 'Test',
  status: 'Working structure for tests.',
  basedOn: 'Nothing real.',
  sections: [
    { id: 'A', title: 'Arrangements', summary: 'About the arrangements.', items: [item('CIS-A1', 'Are the arrangements published?', true), item('CIS-A2', 'Is there a scrutiny plan?'), item('CIS-A3', 'Is there a review cycle?')] },
    { id: 'B', title: 'Leadership', summary: 'About leadership.', items: [item('CIS-B1', 'Has each partner delegated?'), item('CIS-B2', 'Does scrutiny test leadership?')] },
  ],
});

export function answer(itemId: string, value: AnswerValue, extra: Partial<AnswerRecord> = {}): AnswerRecord {
  return { itemId, value, note: null, byId: '29:alex', byName: 'Alex Chief', at: '2026-03-02T10:42:00.000Z', revision: 1, ...extra };
}

export function answers(...list: AnswerRecord[]): Map<string, AnswerRecord> {
  return new Map(list.map((a) => [a.itemId, a]));
}

export function assessment(extra: Partial<AssessmentRecord> = {}): AssessmentRecord {
  return {
    id: 'cis-testtest01',
    ownerKey: 'team:1',
    ownerKind: 'team',
    tenantId: null,
    partnershipName: 'Anytown SCP',
    checklistVersion: '1.0',
    status: 'in_progress',
    version: 5,
    createdAt: '2026-03-01T09:00:00.000Z',
    createdByName: 'Alex Chief',
    updatedAt: '2026-03-02T10:42:00.000Z',
    signedOffByName: null,
    signedOffAt: null,
    ...extra,
  };
}

export function snapshot(list: AnswerRecord[], extra: Partial<AssessmentSnapshot> = {}): AssessmentSnapshot {
  const map = answers(...list);
  return { assessment: assessment(), answers: map, actions: new Map(), history: list.map((a) => ({ ...a, assessmentVersion: 2 })), events: [], ...extra };
}
