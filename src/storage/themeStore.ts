/**
 * Recurring themes: one counter per day, topic, outcome and opaque partnership
 * key, bumped once per question, and the counts for a period added up by the
 * database. There is no row per question, so not even the order in which
 * questions were asked is kept.
 *
 * The secret that partnership keys are made with lives here too (created on
 * first use, the same for every instance sharing the database), so a key means
 * nothing to anyone holding only the themes table.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Outcome, ThemeTallies } from '../insight/themes.js';
import type { Database } from './database.js';

const KEY_SECRET = 'themes-partnership-key';

export interface ThemeRecord {
  day: string;
  topic: string;
  outcome: Outcome;
  partnershipKey: string;
}

export function themeStore(database: Database) {
  const { db } = database;
  let secret: Promise<string> | undefined;

  async function loadSecret(): Promise<string> {
    // Two instances starting together both insert; the first one wins and both read it back.
    await db
      .insertInto('insight_secrets')
      .values({ name: KEY_SECRET, secret: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await db.selectFrom('insight_secrets').select('secret').where('name', '=', KEY_SECRET).executeTakeFirstOrThrow();
    return row.secret;
  }

  return {
    /** The secret partnership keys are made with. */
    keySecret(): Promise<string> {
      secret ??= loadSecret().catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },

    /** Count one question. */
    async record(r: ThemeRecord): Promise<void> {
      await db
        .insertInto('question_themes')
        .values({ day: r.day, topic: r.topic, outcome: r.outcome, partnership_key: r.partnershipKey, questions: 1 })
        .onConflict((oc) => oc.columns(['day', 'topic', 'outcome', 'partnership_key']).doUpdateSet({ questions: sql<number>`question_themes.questions + 1` }))
        .execute();
    },

    /** Questions and distinct partnerships per topic and outcome, from `since` (YYYY-MM-DD) on. */
    async tallies(since: string): Promise<ThemeTallies> {
      const period = db.selectFrom('question_themes').where('day', '>=', since);
      const [rows, total] = await Promise.all([
        period
          .select((eb) => ['topic', 'outcome', eb.fn.sum<number>('questions').as('questions'), eb.fn.count<number>('partnership_key').distinct().as('partnerships')])
          .groupBy(['topic', 'outcome'])
          .execute(),
        period.select((eb) => eb.fn.count<number>('partnership_key').distinct().as('partnerships')).executeTakeFirst(),
      ]);
      return {
        rows: rows.map((r) => ({ topic: r.topic, outcome: r.outcome, questions: Number(r.questions), partnerships: Number(r.partnerships) })),
        partnerships: Number(total?.partnerships ?? 0),
      };
    },
  };
}
export type ThemeStore = ReturnType<typeof themeStore>;
