/**
 * The national picture's counts, added up by the database (SQLite and
 * PostgreSQL alike): per item and answer, how many partnerships' latest
 * assessments say so; per section and in all, how many partnerships answered.
 *
 * A partnership is a team or group chat with an assessment; personal drafts are
 * one person's, so they are left out. Its latest assessment is the most recent
 * signed-off one where it has one, otherwise the one in progress. Only counts
 * leave the database: no name, no id, no row per assessment.
 */
import { sql, type QueryCreator } from 'kysely';
import type { NationalTallies } from '../insight/national.js';
import type { Database } from './database.js';
import type { Schema } from './schema.js';

export function nationalStore(database: Database) {
  const { db } = database;

  /** One row per partnership: the id of the assessment that speaks for it. */
  function latest(qb: QueryCreator<Schema>) {
    return qb
      .selectFrom('assessments')
      .select((eb) => [
        'id',
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('owner_key').orderBy(sql`case when status = 'signed_off' then 0 else 1 end`).orderBy('created_at', 'desc').orderBy('id', 'desc'))
          .as('rank'),
      ])
      .where('owner_kind', '!=', 'personal');
  }

  /** Answers of the latest assessments to the items asked about (the current checklist's). */
  function latestAnswers(itemIds: readonly string[]) {
    return db
      .with('ranked', (qb) => latest(qb))
      .selectFrom('answers')
      .innerJoin('ranked', 'ranked.id', 'answers.assessment_id')
      .where('ranked.rank', '=', 1)
      .where('answers.item_id', 'in', itemIds.length > 0 ? [...itemIds] : [''])
  }

  return {
    async tallies(itemIds: readonly string[]): Promise<NationalTallies> {
      const section = sql<string>`substr(answers.item_id, 5, 1)`;
      const [answers, sections, total] = await Promise.all([
        latestAnswers(itemIds)
          .select((eb) => ['answers.item_id', 'answers.value', eb.fn.countAll<number>().as('n')])
          .groupBy(['answers.item_id', 'answers.value'])
          .execute(),
        latestAnswers(itemIds)
          .select((eb) => [section.as('section_id'), eb.fn.count<number>('answers.assessment_id').distinct().as('n')])
          .groupBy(section)
          .execute(),
        latestAnswers(itemIds)
          .select((eb) => eb.fn.count<number>('answers.assessment_id').distinct().as('n'))
          .executeTakeFirst(),
      ]);
      return {
        answers: answers.map((r) => ({ itemId: r.item_id, value: r.value, partnerships: Number(r.n) })),
        sections: sections.map((r) => ({ sectionId: r.section_id, partnerships: Number(r.n) })),
        partnerships: Number(total?.n ?? 0),
      };
    },
  };
}
export type NationalStore = ReturnType<typeof nationalStore>;
