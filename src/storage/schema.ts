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

/** Conversations that asked for briefing notices (issue 12). One row per conversation; a channel is its own conversation. */
export interface SubscriptionsTable {
  conversation_id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  tenant_id: string | null;
  created_at: string;
}

/** One announcement (or other batch of proactive messages), so its progress can be reported. */
export interface DeliveryJobsTable {
  id: string;
  /** What the job sends, e.g. 'briefing_notice'. */
  kind: string;
  /** What it is about, e.g. the briefing id. */
  subject: string;
  /** 'chat', 'api' or 'cli': how it was asked for (never a person's name). */
  requested_via: string;
  created_at: string;
  /** Conversations left out at creation because they already had this message. */
  skipped: number;
}

/**
 * The outbox: one row per message to one conversation. `dedupe_key` is unique,
 * so a message is queued (and sent) once however often it is asked for.
 */
export interface DeliveriesTable {
  id: string;
  job_id: string | null;
  dedupe_key: string;
  conversation_id: string;
  tenant_id: string | null;
  /** 'send' posts a new message; 'update' replaces the message sent by the row whose dedupe_key is `target_key`. */
  op: 'send' | 'update';
  target_key: string | null;
  /** JSON of the activity to send. */
  payload: string;
  /** Bumped when a 'latest' message is replaced before it went out, so a send in flight cannot mark the newer one sent. */
  revision: number;
  status: 'queued' | 'sending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_delay_ms: number | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  /** The id Teams gave the sent message (for later updates). */
  activity_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Activities already handled, so a delivery Teams repeats is answered the same and not handled twice (issue 16). */
export interface ActivityReceiptsTable {
  conversation_id: string;
  activity_id: string;
  state: 'processing' | 'done';
  /** The instance handling it, and since when (a receipt left 'processing' by a dead instance is taken over). */
  owner: string;
  started_at: string;
  /** The HTTP answer given, for repeats. */
  status: number | null;
  body: string | null;
}

/** A briefing read from a file and shown back as a draft card; kept until published or discarded (issue 13). */
export interface PublicationDraftsTable {
  id: string;
  /** The facilitator's Azure AD object id: only they see and publish their draft. */
  owner_id: string;
  owner_name: string;
  status: 'open' | 'published' | 'discarded';
  /** JSON: what was read from the file (see src/publishing/draft.ts). */
  content: string;
  created_at: string;
  updated_at: string;
  publication_id: string | null;
}

/** A briefing published in Teams or with `knowledge publish`; answers use it beside the curated knowledge/ files. */
export interface PublicationsTable {
  id: string;
  title: string;
  publisher: string;
  /** YYYY-MM-DD (or YYYY-MM, YYYY) as on the briefing. */
  published: string;
  topic: string;
  /** JSON array of three to five strings. */
  key_points: string;
  /** The passages' Markdown. */
  body: string;
  file_name: string;
  file_type: 'pdf' | 'docx' | 'md';
  /** The id of the briefing this one replaces (answers citing that one say so). */
  supersedes: string | null;
  status: 'published' | 'withdrawn';
  published_by_id: string;
  published_by_name: string;
  published_at: string;
  withdrawn_by_name: string | null;
  withdrawn_at: string | null;
  /** Whether subscribers are to be sent its notice once the index has it. */
  notify: 'none' | 'pending' | 'done';
  notify_job_id: string | null;
  /** Bumped on every change; the sum over all rows tells each instance when to rebuild. */
  revision: number;
}

/** "Ask a facilitator" tickets (issue 15): the queried columns, and the rest of the ticket as JSON. */
export interface TicketsTable {
  id: string;
  state: 'open' | 'assigned' | 'answered' | 'closed';
  /** Whose question it is (`my questions`): `aad:<object id>` or `id:<Teams id>`. */
  asker_key: string;
  version: number;
  created_at: string;
  updated_at: string;
  data: string;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  action: string;
  actor_name: string;
  at: string;
}

/** Settings changed from Teams (the facilitators' channel), so that they survive restarts and are shared by instances. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_by_name: string;
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
  subscriptions: SubscriptionsTable;
  delivery_jobs: DeliveryJobsTable;
  deliveries: DeliveriesTable;
  activity_receipts: ActivityReceiptsTable;
  publication_drafts: PublicationDraftsTable;
  publications: PublicationsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  settings: SettingsTable;
}
