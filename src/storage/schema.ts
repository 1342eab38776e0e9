/**
 * The tables, as TypeScript types for the query builder.
 *
 * Column types are the common ground of SQLite and PostgreSQL: text, integers,
 * ISO-8601 timestamps as text and JSON as text, so one schema and one set of
 * queries serve both.
 */
import type { Generated } from 'kysely';

export interface AssessmentsTable {
  id: string;
  /** The partnership's space: a team, a group chat, or one person's own draft. */
  owner_key: string;
  owner_kind: 'team' | 'chat' | 'personal';
  tenant_id: string | null;
  partnership_name: string | null;
  checklist_version: string;
  status: 'in_progress' | 'signed_off';
  /** Bumped on every change; writers send the version they saw (optimistic concurrency). */
  version: number;
  created_at: string;
  created_by_name: string;
  updated_at: string;
  signed_off_by_name: string | null;
  signed_off_at: string | null;
}

export interface AnswersTable {
  assessment_id: string;
  item_id: string;
  value: string;
  note: string | null;
  answered_by_id: string;
  answered_by_name: string;
  answered_at: string;
  /** Per-item revision, so a stale card for one item is detected even if others moved on. */
  revision: number;
}

export interface AnswerHistoryTable {
  id: string;
  assessment_id: string;
  item_id: string;
  value: string;
  note: string | null;
  answered_by_id: string;
  answered_by_name: string;
  answered_at: string;
  revision: number;
  /** The assessment version this change produced (null for rows written before it was recorded). */
  assessment_version: number | null;
}

export interface AssessmentActionsTable {
  assessment_id: string;
  item_id: string;
  owner: string | null;
  due_date: string | null;
  updated_by_name: string;
  updated_at: string;
  /** Per row, for optimistic concurrency when two people set owners and dates. */
  revision: Generated<number>;
}

/** Assessment-level changes kept for the record: created, signed_off, reopened, checklist_updated. */
export interface AssessmentEventsTable {
  id: string;
  assessment_id: string;
  kind: string;
  by_id: string;
  by_name: string;
  at: string;
  detail: string | null;
}

export interface FeedbackTable {
  id: string;
  created_at: string;
  vote: 'up' | 'down';
  /** Only kept when the question passed the privacy guard. */
  question: string | null;
  /** JSON array of passage ids shown. */
  passage_ids: string;
  conversation_type: string;
}

/**
 * Recurring themes (issue 14): how many questions one partnership asked on one
 * day about one topic, and whether they were answered. Never the question's
 * text, never who asked; the key is an HMAC of the conversation's space.
 */
export interface QuestionThemesTable {
  /** YYYY-MM-DD (UTC): the day, not the time of day. */
  day: string;
  /** 'guidance:<topic>', 'checklist:<section>' or 'none'. */
  topic: string;
  outcome: 'answered' | 'declined';
  partnership_key: string;
  questions: number;
}

/** Secrets the insight features keep in the database, so every instance derives the same keys. */
export interface InsightSecretsTable {
  name: string;
  secret: string;
  created_at: string;
}

/** Where the bot may post later without being spoken to (briefing notices). */
export interface ConversationReferencesTable {
  conversation_id: string;
  tenant_id: string | null;
  conversation_type: string;
  /** JSON of botbuilder's ConversationReference. */
  reference: string;
  created_at: string;
  updated_at: string;
}

export interface Schema {
  assessments: AssessmentsTable;
  answers: AnswersTable;
  answer_history: AnswerHistoryTable;
  assessment_actions: AssessmentActionsTable;
  assessment_events: AssessmentEventsTable;
  question_themes: QuestionThemesTable;
  insight_secrets: InsightSecretsTable;
  feedback: FeedbackTable;
  conversation_references: ConversationReferencesTable;
}
