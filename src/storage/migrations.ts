/**
 * Schema migrations, applied in order at start-up on SQLite and PostgreSQL alike.
 *
 * Migrations are code (not SQL files) so the same definition produces both
 * dialects through Kysely's schema builder. Never edit a migration that has
 * shipped: add a new one.
 */
import { sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** An answer and each row of its history have the same columns: the history is the answer as it stood. */
function answerColumns(table: CreateTableBuilder<string, never>) {
  return table
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('answered_by_id', 'text', (c) => c.notNull())
    .addColumn('answered_by_name', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull());
}

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_key', 'text', (c) => c.notNull())
      .addColumn('owner_kind', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('partnership_name', 'text')
      .addColumn('checklist_version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('signed_off_by_name', 'text')
      .addColumn('signed_off_at', 'text')
      .execute();
    await db.schema.createIndex('assessments_owner').on('assessments').columns(['owner_key', 'created_at']).execute();

    await answerColumns(db.schema.createTable('answers')).addPrimaryKeyConstraint('answers_pk', ['assessment_id', 'item_id']).execute();

    await answerColumns(db.schema.createTable('answer_history').addColumn('id', 'text', (c) => c.primaryKey())).execute();
    await db.schema.createIndex('answer_history_item').on('answer_history').columns(['assessment_id', 'item_id', 'revision']).execute();

    await db.schema
      .createTable('assessment_actions')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('due_date', 'text')
      .addColumn('updated_by_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_actions_pk', ['assessment_id', 'item_id'])
      .execute();

    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('vote', 'text', (c) => c.notNull())
      .addColumn('question', 'text')
      .addColumn('passage_ids', 'text', (c) => c.notNull())
      .addColumn('conversation_type', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('conversation_references')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text')
      .addColumn('conversation_type', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['conversation_references', 'feedback', 'assessment_actions', 'answer_history', 'answers', 'assessments']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * The national picture and recurring themes (issue 14): a counter per day,
 * topic, outcome and opaque partnership key, and the secret those keys are made
 * with. The national picture itself reads the checklist tables as they are.
 */
const insight: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('question_themes')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('partnership_key', 'text', (c) => c.notNull())
      .addColumn('questions', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('question_themes_pk', ['day', 'topic', 'outcome', 'partnership_key'])
      .execute();
    // Covering indexes for the themes card's two aggregates (per topic and outcome, and partnerships in all):
    // with 100,000 questions they take the SQLite card from about 160 ms to about 20 ms (npm run bench).
    await db.schema.createIndex('question_themes_by_topic').on('question_themes').columns(['topic', 'outcome', 'partnership_key', 'day', 'questions']).execute();
    await db.schema.createIndex('question_themes_by_partnership').on('question_themes').columns(['partnership_key', 'day']).execute();
    await db.schema
      .createTable('insight_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('insight_secrets').ifExists().execute();
    await db.schema.dropTable('question_themes').ifExists().execute();
  },
};

/**
 * The checklist walkthrough (issue 5): who changed what at which assessment
 * version, a revision per candidate action, assessment-level events (sign-off,
 * reopen), and at most one assessment in progress per partnership space.
 */
const checklist: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('answer_history').addColumn('assessment_version', 'integer').execute();
    await db.schema.alterTable('assessment_actions').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .createTable('assessment_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('by_id', 'text', (c) => c.notNull())
      .addColumn('by_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('assessment_events_assessment').on('assessment_events').columns(['assessment_id', 'at']).execute();
    // Two people pressing Start at once in one channel must end up in the same assessment.
    await db.schema.createIndex('assessments_one_open_per_owner').on('assessments').column('owner_key').unique().where(sql.ref('status'), '=', sql.lit('in_progress')).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('assessments_one_open_per_owner').ifExists().execute();
    await db.schema.dropTable('assessment_events').ifExists().execute();
    await db.schema.alterTable('assessment_actions').dropColumn('revision').execute();
    await db.schema.alterTable('answer_history').dropColumn('assessment_version').execute();
  },
};

/** Subscriptions to briefing notices and the durable outbox that delivers them (issue 12). */
const delivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('subscriptions')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('delivery_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('requested_via', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('job_id', 'text')
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('target_key', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_delay_ms', 'integer')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('activity_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    // The workers' one question: what is due (queued and due, or leased and expired)?
    await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('deliveries_job').on('deliveries').columns(['job_id', 'status']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['deliveries', 'delivery_jobs', 'subscriptions']) await db.schema.dropTable(table).ifExists().execute();
  },
};

/** Receipts of handled activities, for exactly-once handling across instances (issue 16). */
const receipts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('activity_receipts')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('body', 'text')
      .addPrimaryKeyConstraint('activity_receipts_pk', ['conversation_id', 'activity_id'])
      .execute();
    await db.schema.createIndex('activity_receipts_age').on('activity_receipts').column('started_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('activity_receipts').ifExists().execute();
  },
};

/** Briefings published from Teams or the command line, and the drafts before them (issue 13). */
const publications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('publication_drafts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('owner_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('publication_id', 'text')
      .execute();
    await db.schema
      .createTable('publications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('publisher', 'text', (c) => c.notNull())
      .addColumn('published', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('key_points', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_type', 'text', (c) => c.notNull())
      .addColumn('supersedes', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('published_by_id', 'text', (c) => c.notNull())
      .addColumn('published_by_name', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_by_name', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('notify', 'text', (c) => c.notNull())
      .addColumn('notify_job_id', 'text')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['publications', 'publication_drafts']) await db.schema.dropTable(table).ifExists().execute();
  },
};

/** Tickets for "Ask a facilitator", their history, and settings such as the facilitators' channel (issue 15). */
const escalation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('asker_key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // The rest of the ticket, as JSON: only the columns above are ever queried on.
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tickets_state').on('tickets').columns(['state', 'created_at']).execute();
    await db.schema.createIndex('tickets_asker').on('tickets').columns(['asker_key', 'created_at']).execute();
    await db.schema
      .createTable('ticket_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'at']).execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_by_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['ticket_events', 'tickets', 'settings']) await db.schema.dropTable(table).ifExists().execute();
  },
};

/** Keyed by name; Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '2026_11_001_initial': initial,
  '2026_11_002_checklist': checklist,
  '2026_12_12_delivery': delivery,
  '2026_12_13_publications': publications,
  '2026_12_14_insight': insight,
  '2026_12_15_escalation': escalation,
  '2026_12_16_receipts': receipts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
