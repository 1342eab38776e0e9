/**
 * Checklist assessments: answers with their full history, candidate actions,
 * sign-off and reopen, on SQLite and PostgreSQL alike.
 *
 * Several delegates may answer at once, so every write says which revision it
 * saw and the database decides atomically whether it still holds: an item's
 * `revision` for answers, a row's `revision` for actions, the assessment's
 * `version` for sign-off and reopen. A stale write changes nothing and throws a
 * typed conflict carrying what is there now, so the card can show who changed
 * what. (botbuilder's BotState writes with eTag '*', last writer wins, which is
 * why none of this lives there.)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { AnswerValue } from '../checklist/definition.js';
import {
  ActionConflictError,
  AnswerConflictError,
  AssessmentClosedError,
  AssessmentNotFoundError,
  AssessmentVersionConflictError,
  type ActionRecord,
  type AnswerRecord,
  type AssessmentRecord,
  type AssessmentSnapshot,
  type EventKind,
  type EventRecord,
  type HistoryRecord,
  type OwnerKind,
  type Person,
} from '../checklist/types.js';
import type { Database } from './database.js';
import type { Schema } from './schema.js';
import { SnapshotCache } from './snapshotCache.js';

type Row<T extends keyof Schema> = Selectable<Schema[T]>;

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Short enough to type into the report CLI, random enough never to collide: `cis-7k3m9q2xfa`. */
export function newAssessmentId(): string {
  return `cis-${[...randomBytes(10)].map((b) => BASE32[b % 32]).join('')}`;
}

/** Thrown inside a transaction to roll it back; turned into a typed conflict outside. */
class Rollback extends Error {
  constructor(readonly reason: 'answer' | 'actions', readonly itemIds: string[] = []) {
    super('rollback');
  }
}

export interface CreateAssessmentInput {
  ownerKey: string;
  ownerKind: OwnerKind;
  tenantId: string | null;
  partnershipName: string;
  checklistVersion: string;
  by: Person;
  at?: Date;
}

export interface SaveAnswerInput {
  assessmentId: string;
  itemId: string;
  value: AnswerValue;
  note: string | null;
  /** The revision the card showed; 0 when the item was unanswered. */
  expectedRevision: number;
  by: Person;
  at?: Date;
}

export interface ActionInput {
  itemId: string;
  owner: string | null;
  dueDate: string | null;
  expectedRevision: number;
}

export interface AssessmentListing extends AssessmentRecord {
  answered: number;
}

export function assessmentStore(database: Database) {
  const { db } = database;
  const snapshots = new SnapshotCache();

  async function get(id: string): Promise<AssessmentRecord | undefined> {
    const row = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAssessment(row) : undefined;
  }

  async function require(id: string): Promise<AssessmentRecord> {
    const found = await get(id);
    if (!found) throw new AssessmentNotFoundError(id);
    return found;
  }

  async function answer(assessmentId: string, itemId: string): Promise<AnswerRecord | undefined> {
    const row = await db.selectFrom('answers').selectAll().where('assessment_id', '=', assessmentId).where('item_id', '=', itemId).executeTakeFirst();
    return row ? toAnswer(row) : undefined;
  }

  async function changesSince(assessmentId: string, version: number): Promise<HistoryRecord[]> {
    const rows = await db
      .selectFrom('answer_history')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .where('assessment_version', '>', version)
      .orderBy('assessment_version')
      .execute();
    return rows.map(toHistory);
  }

  /** Bump the version of an assessment that is still open, inside `trx`; closed or missing ones throw. */
  async function bumpOpen(trx: Transaction<Schema>, id: string, at: string): Promise<number> {
    const bumped = await trx
      .updateTable('assessments')
      .set({ version: sql<number>`version + 1`, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'in_progress')
      .returning('version')
      .executeTakeFirst();
    if (bumped) return Number(bumped.version);
    const current = await trx.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw new AssessmentNotFoundError(id);
    throw new AssessmentClosedError(toAssessment(current));
  }

  type HistoryInsert = Omit<Row<'answer_history'>, 'assessment_version'>;

  /** SQLite: the save as a transaction (in-process, so its statements cost no round trips). The new version, or undefined if nothing was written. */
  async function saveInTransaction(history: HistoryInsert, expectedRevision: number): Promise<number | undefined> {
    const { id: _id, ...row } = history;
    try {
      return await db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('assessments')
          .set({ version: sql<number>`version + 1`, updated_at: row.answered_at })
          .where('id', '=', row.assessment_id)
          .where('status', '=', 'in_progress')
          .returning('version')
          .executeTakeFirst();
        if (!bumped) throw new Rollback('answer');
        const written =
          expectedRevision === 0
            ? (await trx.insertInto('answers').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows
            : (await trx.updateTable('answers').set(row).where('assessment_id', '=', row.assessment_id).where('item_id', '=', row.item_id).where('revision', '=', expectedRevision).executeTakeFirst()).numUpdatedRows;
        if (Number(written ?? 0) === 0) throw new Rollback('answer');
        await trx.insertInto('answer_history').values({ ...history, assessment_version: Number(bumped.version) }).execute();
        return Number(bumped.version);
      });
    } catch (error) {
      if (error instanceof Rollback) return undefined;
      throw error;
    }
  }

  /**
   * PostgreSQL: the same save as one statement, one round trip where the
   * transaction took five (BEGIN, three writes, COMMIT), each costing more than
   * the statement itself. The assessment row is locked first, as the
   * transaction's version bump locks it, so saves to one assessment still take
   * their versions in turn; each step runs only if the one before wrote, so a
   * stale revision or a closed assessment writes nothing.
   */
  async function saveInOneStatement(history: HistoryInsert, expectedRevision: number): Promise<number | undefined> {
    const h = history;
    const written =
      expectedRevision === 0
        ? sql`insert into answers (assessment_id, item_id, value, note, answered_by_id, answered_by_name, answered_at, revision)
              select ${h.assessment_id}, ${h.item_id}, ${h.value}, ${h.note}, ${h.answered_by_id}, ${h.answered_by_name}, ${h.answered_at}, ${h.revision} from open
              on conflict do nothing returning item_id`
        : sql`update answers set value = ${h.value}, note = ${h.note}, answered_by_id = ${h.answered_by_id}, answered_by_name = ${h.answered_by_name}, answered_at = ${h.answered_at}, revision = ${h.revision}
              where assessment_id = ${h.assessment_id} and item_id = ${h.item_id} and revision = ${expectedRevision} and exists (select 1 from open) returning item_id`;
    const result = await sql<{ version: number }>`
      with open as (select id from assessments where id = ${h.assessment_id} and status = 'in_progress' for update),
      written as (${written}),
      bumped as (update assessments set version = version + 1, updated_at = ${h.answered_at} where id = ${h.assessment_id} and exists (select 1 from written) returning version)
      insert into answer_history (id, assessment_id, item_id, value, note, answered_by_id, answered_by_name, answered_at, revision, assessment_version)
      select ${h.id}, ${h.assessment_id}, ${h.item_id}, ${h.value}, ${h.note}, ${h.answered_by_id}, ${h.answered_by_name}, ${h.answered_at}, ${h.revision}, version from bumped
      returning assessment_version as version`.execute(db);
    const version = result.rows[0]?.version;
    return version === undefined ? undefined : Number(version);
  }

  async function addEvent(trx: Transaction<Schema>, assessmentId: string, kind: EventKind, by: Person, at: string, detail: string | null = null) {
    await trx.insertInto('assessment_events').values({ id: randomUUID(), assessment_id: assessmentId, kind, by_id: by.id, by_name: by.name, at, detail }).execute();
  }

  return {
    get,

    /** The partnership's latest assessment (open or signed off), if it has one. */
    async current(ownerKey: string): Promise<AssessmentRecord | undefined> {
      const row = await db.selectFrom('assessments').selectAll().where('owner_key', '=', ownerKey).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      return row ? toAssessment(row) : undefined;
    },

    /**
     * Start an assessment for a space. If one is already in progress there (a
     * colleague pressed Start a moment earlier) that one is returned instead.
     */
    async create(input: CreateAssessmentInput): Promise<{ assessment: AssessmentRecord; created: boolean }> {
      const at = (input.at ?? new Date()).toISOString();
      const id = newAssessmentId();
      const created = await db.transaction().execute(async (trx) => {
        const result = await trx
          .insertInto('assessments')
          .values({
            id,
            owner_key: input.ownerKey,
            owner_kind: input.ownerKind,
            tenant_id: input.tenantId,
            partnership_name: input.partnershipName,
            checklist_version: input.checklistVersion,
            status: 'in_progress',
            version: 1,
            created_at: at,
            created_by_name: input.by.name,
            updated_at: at,
            signed_off_by_name: null,
            signed_off_at: null,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await addEvent(trx, id, 'created', input.by, at, input.partnershipName);
        return true;
      });
      if (created) return { assessment: await require(id), created: true };
      const open = await db.selectFrom('assessments').selectAll().where('owner_key', '=', input.ownerKey).where('status', '=', 'in_progress').executeTakeFirst();
      if (!open) throw new Error('could not create the assessment and found none in progress');
      return { assessment: toAssessment(open), created: false };
    },

    /**
     * Everything about an assessment, as of its version now. `known`: the record
     * the caller has just read, so it is not read twice.
     */
    async snapshot(id: string, known?: AssessmentRecord): Promise<AssessmentSnapshot> {
      const assessment = known ?? (await require(id));
      const kept = await snapshots.upTo(assessment, (version) => changesSince(id, version));
      if (kept) return kept;
      const [answers, actions, history, events] = await Promise.all([
        db.selectFrom('answers').selectAll().where('assessment_id', '=', id).execute(),
        db.selectFrom('assessment_actions').selectAll().where('assessment_id', '=', id).execute(),
        db.selectFrom('answer_history').selectAll().where('assessment_id', '=', id).orderBy('answered_at').orderBy('revision').execute(),
        db.selectFrom('assessment_events').selectAll().where('assessment_id', '=', id).orderBy('at').execute(),
      ]);
      const read: AssessmentSnapshot = {
        assessment,
        answers: new Map(answers.map((r) => [r.item_id, toAnswer(r)])),
        actions: new Map(actions.map((r) => [r.item_id, toAction(r)])),
        history: history.map(toHistory),
        events: events.map(toEvent),
      };
      snapshots.keep(read);
      return read;
    },

    /** The snapshot as of `version`, which this instance's own save produced: kept, so not read again unless another write came between. */
    async snapshotAt(id: string, version: number): Promise<AssessmentSnapshot> {
      return snapshots.at(id, version) ?? this.snapshot(id);
    },

    answer,
    changesSince,

    /** Every change to one item, oldest first. */
    async history(assessmentId: string, itemId: string): Promise<HistoryRecord[]> {
      const rows = await db.selectFrom('answer_history').selectAll().where('assessment_id', '=', assessmentId).where('item_id', '=', itemId).orderBy('revision').execute();
      return rows.map(toHistory);
    },

    /**
     * Save one answer if the item is still at `expectedRevision` and the
     * assessment is open: the answer, a history row and the assessment's new
     * version, all or nothing.
     */
    async saveAnswer(input: SaveAnswerInput): Promise<HistoryRecord & { assessmentVersion: number }> {
      const at = (input.at ?? new Date()).toISOString();
      const row = {
        assessment_id: input.assessmentId,
        item_id: input.itemId,
        value: input.value,
        note: input.note,
        answered_by_id: input.by.id,
        answered_by_name: input.by.name,
        answered_at: at,
        revision: input.expectedRevision + 1,
      };
      const history = { id: randomUUID(), ...row };
      const version = database.dialect === 'postgres' ? await saveInOneStatement(history, input.expectedRevision) : await saveInTransaction(history, input.expectedRevision);
      if (version === undefined) {
        // Nothing was written: say why (the rare path, so the extra reads cost nothing on the usual one).
        const assessment = await require(input.assessmentId);
        if (assessment.status !== 'in_progress') throw new AssessmentClosedError(assessment);
        const current = await answer(input.assessmentId, input.itemId);
        if (!current) throw new Error(`${input.itemId} has no answer at revision ${input.expectedRevision}`);
        throw new AnswerConflictError(input.itemId, current);
      }
      const saved = { itemId: input.itemId, value: input.value, note: input.note, byId: input.by.id, byName: input.by.name, at, revision: row.revision, assessmentVersion: version };
      snapshots.saved(input.assessmentId, saved);
      return saved;
    },

    /**
     * Set owners and due dates for candidate actions, all or nothing: if any
     * row moved on since the card was drawn, none is saved.
     */
    async saveActions(input: { assessmentId: string; rows: ActionInput[]; by: Person; at?: Date }): Promise<void> {
      if (input.rows.length === 0) return;
      const at = (input.at ?? new Date()).toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await bumpOpen(trx, input.assessmentId, at);
          const conflicts: string[] = [];
          for (const r of input.rows) {
            const values = { owner: r.owner, due_date: r.dueDate, updated_by_name: input.by.name, updated_at: at, revision: r.expectedRevision + 1 };
            const written =
              r.expectedRevision === 0
                ? (await trx.insertInto('assessment_actions').values({ assessment_id: input.assessmentId, item_id: r.itemId, ...values }).onConflict((oc) => oc.doNothing()).executeTakeFirst())
                    .numInsertedOrUpdatedRows
                : (
                    await trx
                      .updateTable('assessment_actions')
                      .set(values)
                      .where('assessment_id', '=', input.assessmentId)
                      .where('item_id', '=', r.itemId)
                      .where('revision', '=', r.expectedRevision)
                      .executeTakeFirst()
                  ).numUpdatedRows;
            if (Number(written ?? 0) === 0) conflicts.push(r.itemId);
          }
          if (conflicts.length > 0) throw new Rollback('actions', conflicts);
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
        const rows = await db.selectFrom('assessment_actions').selectAll().where('assessment_id', '=', input.assessmentId).where('item_id', 'in', error.itemIds).execute();
        throw new ActionConflictError(rows.map(toAction));
      }
    },

    /** Record the sign-off; from then on the assessment is read-only until reopened. */
    async signOff(input: { assessmentId: string; expectedVersion: number; by: Person; at?: Date }): Promise<AssessmentRecord> {
      const at = (input.at ?? new Date()).toISOString();
      const done = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('assessments')
          .set({ status: 'signed_off', version: sql<number>`version + 1`, updated_at: at, signed_off_by_name: input.by.name, signed_off_at: at })
          .where('id', '=', input.assessmentId)
          .where('version', '=', input.expectedVersion)
          .where('status', '=', 'in_progress')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        await addEvent(trx, input.assessmentId, 'signed_off', input.by, at);
        return true;
      });
      const current = await require(input.assessmentId);
      if (done) return current;
      if (current.status !== 'in_progress') throw new AssessmentClosedError(current);
      throw new AssessmentVersionConflictError(current, await changesSince(input.assessmentId, input.expectedVersion));
    },

    /** Undo a sign-off so answers can change again; the sign-off stays in the event record. */
    async reopen(input: { assessmentId: string; expectedVersion: number; by: Person; at?: Date }): Promise<AssessmentRecord> {
      const at = (input.at ?? new Date()).toISOString();
      const before = await require(input.assessmentId);
      const done = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('assessments')
          .set({ status: 'in_progress', version: sql<number>`version + 1`, updated_at: at, signed_off_by_name: null, signed_off_at: null })
          .where('id', '=', input.assessmentId)
          .where('version', '=', input.expectedVersion)
          .where('status', '=', 'signed_off')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        await addEvent(trx, input.assessmentId, 'reopened', input.by, at, before.signedOffByName ? `signed off by ${before.signedOffByName} on ${before.signedOffAt}` : null);
        return true;
      });
      const current = await require(input.assessmentId);
      if (done) return current;
      throw new AssessmentVersionConflictError(current, await changesSince(input.assessmentId, input.expectedVersion));
    },

    /** Move an open assessment onto a newer checklist version; answers to items that remain are kept. */
    async updateChecklistVersion(input: { assessmentId: string; from: string; to: string; by: Person; at?: Date }): Promise<AssessmentRecord> {
      const at = (input.at ?? new Date()).toISOString();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('assessments')
          .set({ checklist_version: input.to, version: sql<number>`version + 1`, updated_at: at })
          .where('id', '=', input.assessmentId)
          .where('checklist_version', '=', input.from)
          .where('status', '=', 'in_progress')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) > 0) await addEvent(trx, input.assessmentId, 'checklist_updated', input.by, at, `${input.from} → ${input.to}`);
      });
      return require(input.assessmentId);
    },

    /** Every assessment with how many items are answered, newest first (for facilitators and the CLI). */
    async list(): Promise<AssessmentListing[]> {
      const [rows, counts] = await Promise.all([
        db.selectFrom('assessments').selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
        db.selectFrom('answers').select(['assessment_id', db.fn.countAll<number>().as('answered')]).groupBy('assessment_id').execute(),
      ]);
      const answered = new Map(counts.map((c) => [c.assessment_id, Number(c.answered)]));
      return rows.map((r) => ({ ...toAssessment(r), answered: answered.get(r.id) ?? 0 }));
    },

    /** Assessments whose id starts with `prefix` (so the CLI accepts a shortened id). */
    async findByIdPrefix(prefix: string): Promise<AssessmentRecord[]> {
      const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await db.selectFrom('assessments').selectAll().where(sql<boolean>`id like ${`${escaped}%`} escape '\\'`).limit(5).execute();
      return rows.map(toAssessment);
    },
  };
}
export type AssessmentStore = ReturnType<typeof assessmentStore>;

function toAssessment(r: Row<'assessments'>): AssessmentRecord {
  return {
    id: r.id,
    ownerKey: r.owner_key,
    ownerKind: r.owner_kind,
    tenantId: r.tenant_id,
    partnershipName: r.partnership_name ?? '',
    checklistVersion: r.checklist_version,
    status: r.status,
    version: Number(r.version),
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    signedOffByName: r.signed_off_by_name,
    signedOffAt: r.signed_off_at,
  };
}

function toAnswer(r: Row<'answers'>): AnswerRecord {
  return {
    itemId: r.item_id,
    value: r.value as AnswerValue,
    note: r.note,
    byId: r.answered_by_id,
    byName: r.answered_by_name,
    at: r.answered_at,
    revision: Number(r.revision),
  };
}

function toHistory(r: Row<'answer_history'>): HistoryRecord {
  return { ...toAnswer(r), assessmentVersion: r.assessment_version === null ? null : Number(r.assessment_version) };
}

function toAction(r: Row<'assessment_actions'>): ActionRecord {
  return { itemId: r.item_id, owner: r.owner, dueDate: r.due_date, updatedByName: r.updated_by_name, updatedAt: r.updated_at, revision: Number(r.revision) };
}

function toEvent(r: Row<'assessment_events'>): EventRecord {
  return { kind: r.kind as EventKind, byId: r.by_id, byName: r.by_name, at: r.at, detail: r.detail };
}
