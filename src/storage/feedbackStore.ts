/**
 * Feedback on answers ("Was this helpful?"), kept for facilitators who improve the knowledge base.
 *
 * The question text is stored only when the caller says it passed the privacy
 * guard; otherwise only the passage ids and the vote are kept. A vote may carry
 * the id of the card it came from: recording the same id again (a replayed or
 * double-pressed button) keeps the first vote and adds nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from './database.js';

export interface FeedbackInput {
  /** Makes recording idempotent: a second vote with the same id is ignored. */
  id?: string;
  vote: 'up' | 'down';
  question: string | null;
  passageIds: string[];
  conversationType: string;
  at?: Date;
}

export interface FeedbackRecord {
  id: string;
  createdAt: string;
  vote: 'up' | 'down';
  question: string | null;
  passageIds: string[];
  conversationType: string;
}

export function feedbackStore(database: Database) {
  const { db } = database;
  return {
    /** `created` is false when a vote with this id was already recorded (the stored vote is returned). */
    async record(input: FeedbackInput): Promise<FeedbackRecord & { created: boolean }> {
      const row = {
        id: input.id ?? randomUUID(),
        created_at: (input.at ?? new Date()).toISOString(),
        vote: input.vote,
        question: input.question,
        passage_ids: JSON.stringify(input.passageIds),
        conversation_type: input.conversationType,
      };
      const result = await db.insertInto('feedback').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return { ...toRecord(row), created: true };
      const existing = await db.selectFrom('feedback').selectAll().where('id', '=', row.id).executeTakeFirst();
      return { ...toRecord(existing ?? row), created: false };
    },
    async list(): Promise<FeedbackRecord[]> {
      const rows = await db.selectFrom('feedback').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },
  };
}
export type FeedbackStore = ReturnType<typeof feedbackStore>;

function toRecord(row: { id: string; created_at: string; vote: 'up' | 'down'; question: string | null; passage_ids: string; conversation_type: string }): FeedbackRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    vote: row.vote,
    question: row.question,
    passageIds: JSON.parse(row.passage_ids) as string[],
    conversationType: row.conversation_type,
  };
}
