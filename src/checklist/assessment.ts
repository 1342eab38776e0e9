/**
 * The walkthrough's rules as pure functions over the definition and the answers
 * so far: where "next", "back" and "skip" lead, where a resume lands, how far
 * along each section is, and whether a card's submit still applies.
 *
 * The store enforces the same revision rule atomically; checking here first
 * lets the card explain the problem without a round trip to the database.
 */
import { ANSWERS, flattenItems, type AnswerValue, type ChecklistDefinition, type FlatItem } from './definition.js';
import type { AnswerRecord, AssessmentRecord } from './types.js';

export const NOTE_MAX_LENGTH = 2000;

export type Answers = ReadonlyMap<string, AnswerRecord>;

export function walkOrder(def: ChecklistDefinition): FlatItem[] {
  return flattenItems(def);
}

export function locate(def: ChecklistDefinition, itemId: string): (FlatItem & { index: number; total: number }) | undefined {
  const items = walkOrder(def);
  const index = items.findIndex((f) => f.item.id === itemId);
  return index < 0 ? undefined : { ...items[index]!, index, total: items.length };
}

/** The first unanswered item in walk order, or undefined when every item has an answer. */
export function firstUnanswered(def: ChecklistDefinition, answers: Answers): string | undefined {
  return walkOrder(def).find((f) => !answers.has(f.item.id))?.item.id;
}

export type Destination = { kind: 'item'; itemId: string; wrapped: boolean } | { kind: 'summary' };

/**
 * Where Save & next and Skip lead: the next item in order, so people can review
 * answered items on the way. Past the last item, back round to the first item
 * still unanswered (other than this one, which the user just passed over), or
 * the summary when there is none.
 */
export function afterItem(def: ChecklistDefinition, answers: Answers, itemId: string): Destination {
  const items = walkOrder(def);
  const index = items.findIndex((f) => f.item.id === itemId);
  const next = items[index + 1];
  if (index >= 0 && next) return { kind: 'item', itemId: next.item.id, wrapped: false };
  const remaining = items.find((f) => f.item.id !== itemId && !answers.has(f.item.id));
  return remaining ? { kind: 'item', itemId: remaining.item.id, wrapped: true } : { kind: 'summary' };
}

/** Where Back leads: the previous item, or the same item at the start. */
export function beforeItem(def: ChecklistDefinition, itemId: string): string {
  const items = walkOrder(def);
  const index = items.findIndex((f) => f.item.id === itemId);
  return index > 0 ? items[index - 1]!.item.id : (items[0]?.item.id ?? itemId);
}

/** Where `checklist` (resume) lands: the first unanswered item, or the summary when all are answered. */
export function resumeAt(def: ChecklistDefinition, answers: Answers): Destination {
  const itemId = firstUnanswered(def, answers);
  return itemId ? { kind: 'item', itemId, wrapped: false } : { kind: 'summary' };
}

export interface SectionProgress {
  id: string;
  title: string;
  answered: number;
  total: number;
}

export interface Progress {
  answered: number;
  total: number;
  sections: SectionProgress[];
}

export function progress(def: ChecklistDefinition, answers: Answers): Progress {
  const sections = def.sections.map((s) => ({
    id: s.id,
    title: s.title,
    answered: s.items.filter((i) => answers.has(i.id)).length,
    total: s.items.length,
  }));
  return {
    answered: sections.reduce((n, s) => n + s.answered, 0),
    total: sections.reduce((n, s) => n + s.total, 0),
    sections,
  };
}

/** "Section B · item 3 of 5 · 14 of 39 answered" */
export function progressLine(def: ChecklistDefinition, answers: Answers, itemId: string): string {
  const where = locate(def, itemId);
  const overall = progress(def, answers);
  if (!where) return `${overall.answered} of ${overall.total} answered`;
  return `Section ${where.section.id} · item ${where.indexInSection + 1} of ${where.sectionSize} · ${overall.answered} of ${overall.total} answered`;
}

/** What a card sends back for one item: the item, what the card showed, and the inputs. */
export interface ItemSubmit {
  assessmentId: string;
  itemId: string;
  /** The item's revision when the card was drawn (0 = unanswered). */
  revision: number;
  checklistVersion: string;
  answer?: string;
  note?: string;
}

export type SubmitCheck =
  | { ok: true; value: AnswerValue; note: string | null }
  | { ok: false; problem: 'unknown-item' }
  | { ok: false; problem: 'wrong-assessment' }
  | { ok: false; problem: 'closed' }
  | { ok: false; problem: 'checklist-changed' }
  | { ok: false; problem: 'stale'; current: AnswerRecord }
  | { ok: false; problem: 'invalid'; message: string };

export function isAnswerValue(value: unknown): value is AnswerValue {
  return typeof value === 'string' && (ANSWERS as readonly string[]).includes(value);
}

/** The evidence note as stored: trimmed, Windows line ends folded, empty → null. */
export function cleanNote(note: string | undefined): string | null {
  const cleaned = (note ?? '').replace(/\r\n?/g, '\n').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * Check a Save against the definition and the stored state. Order matters: a
 * card for the wrong or closed assessment is refused before its inputs are read.
 */
export function checkSubmit(def: ChecklistDefinition, assessment: AssessmentRecord, answers: Answers, submit: ItemSubmit): SubmitCheck {
  if (submit.assessmentId !== assessment.id) return { ok: false, problem: 'wrong-assessment' };
  if (assessment.status !== 'in_progress') return { ok: false, problem: 'closed' };
  if (!locate(def, submit.itemId)) return { ok: false, problem: 'unknown-item' };
  if (submit.checklistVersion !== assessment.checklistVersion) return { ok: false, problem: 'checklist-changed' };
  const current = answers.get(submit.itemId);
  if ((current?.revision ?? 0) !== submit.revision) {
    if (current && current.revision > submit.revision) return { ok: false, problem: 'stale', current };
    // A revision from the future, or one for an answer that no longer exists: the card was not drawn by us.
    return { ok: false, problem: 'invalid', message: 'That card does not match the saved checklist, so I left everything as it was.' };
  }
  if (submit.answer === undefined || submit.answer === '') {
    return { ok: false, problem: 'invalid', message: 'Choose an answer before saving, or press Skip to come back to this item later.' };
  }
  if (!isAnswerValue(submit.answer)) return { ok: false, problem: 'invalid', message: 'Choose one of the four answers: Yes – evidenced, Partly, No or Don\'t know.' };
  const note = cleanNote(submit.note);
  if (note && note.length > NOTE_MAX_LENGTH) {
    return { ok: false, problem: 'invalid', message: `The evidence note is ${note.length} characters long; please shorten it to ${NOTE_MAX_LENGTH} or fewer.` };
  }
  return { ok: true, value: submit.answer, note };
}

/** True when saving would change nothing (same answer, same note): no new revision is written. */
export function isUnchanged(current: AnswerRecord | undefined, value: AnswerValue, note: string | null): boolean {
  return !!current && current.value === value && (current.note ?? null) === note;
}

/** The hint is worth showing unasked when the partnership said No or does not know. */
export function hintByDefault(answer: AnswerRecord | undefined): boolean {
  return answer?.value === 'no' || answer?.value === 'dont-know';
}
