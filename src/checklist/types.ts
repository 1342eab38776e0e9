/**
 * The assessment as plain data: what the store returns and what the state
 * machine, summary and reports work on.
 *
 * No Bot Framework or database types here, so the rules of the walkthrough can
 * be tested with literals and reused by the CLI.
 */
import type { AnswerValue } from './definition.js';

/** Somebody acting on an assessment: a Teams user (id is their Teams id) or the CLI. */
export interface Person {
  id: string;
  name: string;
}

export type OwnerKind = 'team' | 'chat' | 'personal';
export type AssessmentStatus = 'in_progress' | 'signed_off';

export interface AssessmentRecord {
  id: string;
  /** The partnership's space (a team, a group chat) or one person's own draft. */
  ownerKey: string;
  ownerKind: OwnerKind;
  tenantId: string | null;
  partnershipName: string;
  /** The checklist version the answers were given against. */
  checklistVersion: string;
  status: AssessmentStatus;
  /** Bumped on every change; sign-off and reopen must carry the version they saw. */
  version: number;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  signedOffByName: string | null;
  signedOffAt: string | null;
}

export interface AnswerRecord {
  itemId: string;
  value: AnswerValue;
  note: string | null;
  byId: string;
  byName: string;
  at: string;
  /** Per item; a writer must send the revision it saw. 1 after the first answer. */
  revision: number;
}

/** One change to one answer; the latest per item equals the AnswerRecord. */
export interface HistoryRecord extends AnswerRecord {
  /** The assessment version this change produced, so "what changed since version N" is one query. */
  assessmentVersion: number | null;
}

/** Owner and due date for a No/Partly item (a candidate action). */
export interface ActionRecord {
  itemId: string;
  owner: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  updatedByName: string;
  updatedAt: string;
  revision: number;
}

export type EventKind = 'created' | 'signed_off' | 'reopened' | 'checklist_updated';

/** Assessment-level changes kept for the record (who signed off, who reopened, when). */
export interface EventRecord {
  kind: EventKind;
  byId: string;
  byName: string;
  at: string;
  detail: string | null;
}

/** Everything about one assessment that a card or report needs. */
export interface AssessmentSnapshot {
  assessment: AssessmentRecord;
  answers: Map<string, AnswerRecord>;
  actions: Map<string, ActionRecord>;
  history: HistoryRecord[];
  events: EventRecord[];
}

/** Another writer got there first: the item now holds `current`. Nothing was saved. */
export class AnswerConflictError extends Error {
  override name = 'AnswerConflictError';
  constructor(
    readonly itemId: string,
    readonly current: AnswerRecord,
  ) {
    super(`${itemId} was changed by ${current.byName} (revision ${current.revision})`);
  }
}

/** The assessment moved on since the card was drawn (sign-off, reopen). Nothing was saved. */
export class AssessmentVersionConflictError extends Error {
  override name = 'AssessmentVersionConflictError';
  constructor(
    readonly current: AssessmentRecord,
    /** Answer changes made after the version the writer saw, oldest first. */
    readonly changes: HistoryRecord[],
  ) {
    super(`assessment ${current.id} is at version ${current.version}`);
  }
}

/** Owners or due dates were changed by somebody else since the card was drawn. Nothing was saved. */
export class ActionConflictError extends Error {
  override name = 'ActionConflictError';
  constructor(readonly current: ActionRecord[]) {
    super(`actions changed: ${current.map((a) => a.itemId).join(', ')}`);
  }
}

/** The assessment is signed off (read-only) or otherwise not open for this change. */
export class AssessmentClosedError extends Error {
  override name = 'AssessmentClosedError';
  constructor(readonly current: AssessmentRecord) {
    super(`assessment ${current.id} is ${current.status}`);
  }
}

export class AssessmentNotFoundError extends Error {
  override name = 'AssessmentNotFoundError';
  constructor(readonly id: string) {
    super(`no assessment ${id}`);
  }
}
