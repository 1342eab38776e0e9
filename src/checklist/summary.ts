/**
 * What an assessment adds up to: counts by section and answer, the No/Partly
 * items as candidate actions, the Don't-know items to follow up, the gaps, and
 * who contributed. Shared by the summary card and the exported reports, so the
 * two can never disagree.
 */
import { ANSWERS, type AnswerValue, type ChecklistDefinition } from './definition.js';
import type { AnswerRecord, AssessmentSnapshot } from './types.js';

export type AnswerCounts = Record<AnswerValue | 'unanswered', number>;

export interface SectionSummary {
  id: string;
  title: string;
  total: number;
  counts: AnswerCounts;
}

export interface SummaryItem {
  itemId: string;
  sectionId: string;
  question: string;
  answer: AnswerRecord;
}

export interface CandidateAction extends SummaryItem {
  owner: string | null;
  dueDate: string | null;
  /** The action row's revision (0 when no owner or date has been set yet). */
  revision: number;
}

export interface Contributor {
  name: string;
  /** Answers given or changed, counting every saved change. */
  changes: number;
  /** Items whose current answer is theirs. */
  current: number;
}

export interface Summary {
  sections: SectionSummary[];
  totals: AnswerCounts & { total: number; answered: number };
  candidateActions: CandidateAction[];
  followUps: SummaryItem[];
  unanswered: Array<{ itemId: string; sectionId: string; question: string }>;
  contributors: Contributor[];
  complete: boolean;
}

const emptyCounts = (): AnswerCounts => ({ yes: 0, partly: 0, no: 0, 'dont-know': 0, unanswered: 0 });

export function buildSummary(def: ChecklistDefinition, snapshot: Pick<AssessmentSnapshot, 'answers' | 'actions' | 'history'>): Summary {
  const { answers, actions, history } = snapshot;
  const totals = { ...emptyCounts(), total: 0, answered: 0 };
  const candidateActions: CandidateAction[] = [];
  const followUps: SummaryItem[] = [];
  const unanswered: Summary['unanswered'] = [];

  const sections = def.sections.map((section) => {
    const counts = emptyCounts();
    for (const item of section.items) {
      const answer = answers.get(item.id);
      totals.total += 1;
      if (!answer) {
        counts.unanswered += 1;
        unanswered.push({ itemId: item.id, sectionId: section.id, question: item.question });
        continue;
      }
      counts[answer.value] += 1;
      totals.answered += 1;
      const entry = { itemId: item.id, sectionId: section.id, question: item.question, answer };
      if (answer.value === 'no' || answer.value === 'partly') {
        const action = actions.get(item.id);
        candidateActions.push({ ...entry, owner: action?.owner ?? null, dueDate: action?.dueDate ?? null, revision: action?.revision ?? 0 });
      } else if (answer.value === 'dont-know') {
        followUps.push(entry);
      }
    }
    for (const key of [...ANSWERS, 'unanswered'] as const) totals[key] += counts[key];
    return { id: section.id, title: section.title, total: section.items.length, counts };
  });

  return { sections, totals, candidateActions, followUps, unanswered, contributors: contributors(answers, history), complete: unanswered.length === 0 };
}

/** Everyone who saved an answer, most active first; ties by name so the order is stable. */
export function contributors(answers: ReadonlyMap<string, AnswerRecord>, history: ReadonlyArray<{ byName: string }>): Contributor[] {
  const byName = new Map<string, Contributor>();
  const entry = (name: string) => {
    let c = byName.get(name);
    if (!c) byName.set(name, (c = { name, changes: 0, current: 0 }));
    return c;
  };
  for (const h of history) entry(h.byName).changes += 1;
  for (const a of answers.values()) entry(a.byName).current += 1;
  return [...byName.values()].sort((a, b) => b.changes - a.changes || a.name.localeCompare(b.name));
}

/** "Alex Chief (20), Sam Delegate (19)" */
export function contributorLine(list: Contributor[]): string {
  return list.length === 0 ? 'Nobody yet' : list.map((c) => `${c.name} (${c.changes})`).join(', ');
}
