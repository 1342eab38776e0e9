/**
 * Sample data for the checklist card templates, drawn by the real card builder
 * from the real checklist, including the largest cards (every item No, long
 * notes, every action with an owner), so the templates test validates and
 * size-checks what users will actually see.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checklistCard, type CardSpec } from '../../src/checklist/cards.js';
import { flattenItems, parseChecklist, type AnswerValue } from '../../src/checklist/definition.js';
import type { ActionRecord, AnswerRecord, AssessmentSnapshot } from '../../src/checklist/types.js';
import type { View } from '../../src/checklist/walkthrough.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const realChecklist = () => parseChecklist(readFileSync(join(ROOT, 'knowledge', 'checklist', 'cis.yaml'), 'utf8'));

const context = { userId: '29:alex', spaceKind: 'team' as const, now: new Date('2026-03-02T12:00:00Z') };

export function sampleSnapshot(options: { answer?: (index: number) => AnswerValue | undefined; note?: string; owners?: boolean; signedOff?: boolean } = {}): AssessmentSnapshot {
  const def = realChecklist();
  const answers = new Map<string, AnswerRecord>();
  const actions = new Map<string, ActionRecord>();
  flattenItems(def).forEach(({ item }, i) => {
    const value = options.answer?.(i);
    if (!value) return;
    answers.set(item.id, { itemId: item.id, value, note: options.note ?? null, byId: '29:sam', byName: i % 2 ? 'Sam Delegate' : 'Alex Chief', at: '2026-03-02T10:42:00Z', revision: 1 });
    if (options.owners) actions.set(item.id, { itemId: item.id, owner: 'Head of Quality Assurance, Anytown Council', dueDate: '2026-06-30', updatedByName: 'Alex Chief', updatedAt: '2026-03-02T11:00:00Z', revision: 1 });
  });
  return {
    assessment: {
      id: 'cis-abcdefghjk',
      ownerKey: 'team:19:abc',
      ownerKind: 'team',
      tenantId: 't',
      partnershipName: 'Anytown and Somewhere Safeguarding Children Partnership (Three Counties Joint Arrangements)',
      checklistVersion: def.version,
      status: options.signedOff ? 'signed_off' : 'in_progress',
      version: 40,
      createdAt: '2026-03-01T09:00:00Z',
      createdByName: 'Alex Chief',
      updatedAt: '2026-03-02T10:42:00Z',
      signedOffByName: options.signedOff ? 'Alex Chief' : null,
      signedOffAt: options.signedOff ? '2026-03-05T16:00:00Z' : null,
    },
    answers,
    actions,
    history: [...answers.values()].map((a) => ({ ...a, assessmentVersion: 2 })),
    events: [],
  };
}

const longNote = `Arrangements republished ${'with the scrutiny plan, minutes of the executive and the yearly report; '.repeat(26)}`.slice(0, 2000);
const allNo = () => 'no' as const;
const mixed = (i: number): AnswerValue | undefined => (['yes', 'partly', 'no', 'dont-know', undefined] as const)[i % 5];

const nationalLines = (def: ReturnType<typeof realChecklist>) => new Map(flattenItems(def).map(({ item }) => [item.id, 'nationally: 123 of 150 partnerships say Yes']));

function specs(): CardSpec[] {
  const def = realChecklist();
  const v = (view: View) => checklistCard(def, view, context);
  const empty = sampleSnapshot();
  const full = sampleSnapshot({ answer: allNo, note: longNote, owners: true });
  const partly = sampleSnapshot({ answer: mixed, note: 'Scrutiny plan 2025, minutes of 3 March' });
  const signed = sampleSnapshot({ answer: mixed, signedOff: true });
  const longest = flattenItems(def).reduce((a, b) => (a.item.question.length + a.item.why.length >= b.item.question.length + b.item.why.length ? a : b)).item.id;
  return [
    v({ kind: 'name' }),
    v({ kind: 'name', startAt: 'CIS-E3', draftName: 'x', notice: { style: 'attention', text: 'Please give the partnership\'s name in 2 to 100 characters.' } }),
    v({ kind: 'item', snapshot: empty, itemId: 'CIS-A1' }),
    v({ kind: 'item', snapshot: full, itemId: longest, notice: { style: 'attention', text: 'Sam Delegate answered this at 10:42 while you were editing. Their answer: Partly. Review and save again.' }, draft: { answer: 'no', note: longNote } }),
    v({ kind: 'item', snapshot: signed, itemId: 'CIS-H4' }),
    v({ kind: 'paused', snapshot: partly, itemId: 'CIS-B3', notice: { style: 'good', text: 'Saved CIS-B3: Partly.' } }),
    v({ kind: 'summary', snapshot: empty }),
    v({ kind: 'summary', snapshot: full, notice: { style: 'good', text: 'Saved owners and due dates.' } }),
    v({ kind: 'summary', snapshot: partly }),
    v({ kind: 'summary', snapshot: signed }),
    v({ kind: 'summary', snapshot: sampleSnapshot({ answer: () => 'dont-know', note: longNote }) }),
    // The largest summary, with its "How you compare nationally" button, and that comparison with every item.
    checklistCard(def, { kind: 'summary', snapshot: full }, { ...context, national: nationalLines(def) }),
    checklistCard(def, { kind: 'compare', snapshot: full }, { ...context, national: nationalLines(def) }),
    checklistCard(def, { kind: 'compare', snapshot: empty }, context),
    v({ kind: 'status', snapshot: partly }),
    v({ kind: 'actions', snapshot: full, page: 0 }),
    v({ kind: 'actions', snapshot: full, page: 3, notice: { style: 'attention', text: 'Nothing was saved.' } }),
    v({ kind: 'confirm-signoff', snapshot: full }),
    v({ kind: 'confirm-reopen', snapshot: signed }),
    v({ kind: 'export', snapshot: signed, links: { md: 'http://127.0.0.1:3978/reports/abc.def', csv: 'http://127.0.0.1:3978/reports/ghi.jkl' }, expiresAt: new Date('2026-03-05T17:00:00Z') }),
    v({ kind: 'message', title: 'No checklist yet', text: 'Nobody has started the checklist here yet.', offerStart: true }),
  ];
}

export const checklistSamples: Record<string, object[]> = specs().reduce<Record<string, object[]>>((acc, spec) => {
  (acc[spec.template] ??= []).push(spec.data);
  return acc;
}, {});
