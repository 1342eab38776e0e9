/**
 * The outbox: messages the bot sends without being spoken to (briefing notices,
 * relayed answers, ticket cards), one row per message per conversation, in the
 * same database as everything else so that a restart, a SIGKILL or a second
 * instance loses and repeats nothing it does not have to.
 *
 * A row moves queued → sending (claimed with a lease) → sent | skipped | failed,
 * or back to queued with a later `next_attempt_at` after a transient failure.
 * A row whose lease expired (its instance died mid-send) is due again. On
 * PostgreSQL the claim takes rows FOR UPDATE SKIP LOCKED, so instances never
 * claim the same row at once; SQLite has one writer, so its claim is atomic anyway.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Database } from './database.js';
import type { DeliveriesTable } from './schema.js';

export interface OutboundMessage {
  /** Unique per message: the same key is never queued twice (e.g. `briefing:<id>:<conversation>`). */
  dedupeKey: string;
  conversationId: string;
  tenantId: string | null;
  /** 'update' replaces the message that the row `targetKey` sent. */
  op?: 'send' | 'update';
  targetKey?: string;
  /** The activity to send, as JSON-safe data. */
  payload: unknown;
}

export interface ClaimedDelivery {
  id: string;
  revision: number;
  jobId: string | null;
  dedupeKey: string;
  conversationId: string;
  tenantId: string | null;
  op: 'send' | 'update';
  targetKey: string | null;
  payload: unknown;
  /** Claims so far, this one included. */
  attempts: number;
  lastDelayMs: number | null;
}

export interface JobStatus {
  id: string;
  kind: string;
  subject: string;
  createdAt: string;
  queued: number;
  sent: number;
  skipped: number;
  failed: number;
  total: number;
  done: boolean;
}

/** `job-` and ten base-32 characters: short enough to read out, random enough not to guess. */
function newJobId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return `job-${[...randomBytes(10)].map((b) => alphabet[b % 32]).join('')}`;
}

/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const INSERT_BATCH = 200;

type Row = Selectable<DeliveriesTable>;

function claimed(row: Row): ClaimedDelivery {
  return {
    id: row.id,
    revision: row.revision,
    jobId: row.job_id,
    dedupeKey: row.dedupe_key,
    conversationId: row.conversation_id,
    tenantId: row.tenant_id,
    op: row.op,
    targetKey: row.target_key,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    lastDelayMs: row.last_delay_ms,
  };
}

export function deliveryStore(database: Database) {
  const { db, dialect } = database;

  const rowOf = (m: OutboundMessage, jobId: string | null, now: string) => ({
    id: randomUUID(),
    job_id: jobId,
    dedupe_key: m.dedupeKey,
    conversation_id: m.conversationId,
    tenant_id: m.tenantId,
    op: m.op ?? 'send',
    target_key: m.targetKey ?? null,
    payload: JSON.stringify(m.payload),
    revision: 0,
    status: 'queued' as const,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
  });

  /** Settle a claimed row, if this owner still holds it (a lease taken over by another instance is theirs). */
  const settle = (id: string, owner: string) => db.updateTable('deliveries').where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending');

  return {
    /**
     * Record a job and queue its messages in one transaction. A message whose key
     * is already in the outbox (an earlier announcement reached that conversation)
     * is not queued again and counts as skipped.
     */
    async createJob(input: { kind: string; subject: string; requestedVia: string; messages: OutboundMessage[]; at?: Date }): Promise<{ jobId: string; queued: number; skipped: number }> {
      const now = (input.at ?? new Date()).toISOString();
      const jobId = newJobId();
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('delivery_jobs').values({ id: jobId, kind: input.kind, subject: input.subject, requested_via: input.requestedVia, created_at: now, skipped: 0 }).execute();
        let queued = 0;
        for (let i = 0; i < input.messages.length; i += INSERT_BATCH) {
          const rows = input.messages.slice(i, i + INSERT_BATCH).map((m) => rowOf(m, jobId, now));
          const result = await trx.insertInto('deliveries').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
          queued += Number(result.numInsertedOrUpdatedRows ?? 0n);
        }
        const skipped = input.messages.length - queued;
        if (skipped > 0) await trx.updateTable('delivery_jobs').set({ skipped }).where('id', '=', jobId).execute();
        return { jobId, queued, skipped };
      });
    },

    /**
     * Queue a message whose newest version is all that matters (a ticket card's
     * latest state): a row with the same key that has not gone out yet gets the
     * new payload; one that has gone out is queued again with it.
     */
    async enqueueLatest(message: OutboundMessage, at = new Date()): Promise<void> {
      const now = at.toISOString();
      const payload = JSON.stringify(message.payload);
      await db
        .insertInto('deliveries')
        .values(rowOf(message, null, now))
        .onConflict((oc) =>
          oc.column('dedupe_key').doUpdateSet({
            payload,
            revision: sql<number>`deliveries.revision + 1`,
            status: 'queued',
            attempts: 0,
            next_attempt_at: now,
            last_delay_ms: null,
            last_error: null,
            updated_at: now,
          }),
        )
        .execute();
    },

    /** Take up to `limit` due rows for `owner`, leased until now + leaseMs. */
    async claim(input: { owner: string; leaseMs: number; limit: number; now?: Date }): Promise<ClaimedDelivery[]> {
      if (input.limit <= 0) return [];
      const now = (input.now ?? new Date()).toISOString();
      const leaseUntil = new Date(Date.parse(now) + input.leaseMs).toISOString();
      let due = db
        .selectFrom('deliveries')
        .select('id')
        .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)])]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(input.limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('deliveries')
        .set({ status: 'sending', lease_owner: input.owner, lease_until: leaseUntil, attempts: sql<number>`attempts + 1`, updated_at: now })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id)).map(claimed);
    },

    /** Sent: keep the id Teams gave it. If the payload was replaced meanwhile, the newer one is still to go. */
    async markSent(row: Pick<ClaimedDelivery, 'id' | 'revision'>, owner: string, activityId: string | undefined, at = new Date()): Promise<void> {
      const now = at.toISOString();
      await settle(row.id, owner)
        .set({
          status: sql`case when revision = ${row.revision} then 'sent' else 'queued' end`,
          activity_id: activityId ?? null,
          sent_at: now,
          lease_owner: null,
          lease_until: null,
          last_status: null,
          last_error: null,
          updated_at: now,
        })
        .execute();
    },

    /** A transient failure: try again after `delayMs`. */
    async reschedule(id: string, owner: string, input: { delayMs: number; status?: number; error: string; countAttempt?: boolean }, at = new Date()): Promise<void> {
      const now = at.getTime();
      await settle(id, owner)
        .set({
          status: 'queued',
          next_attempt_at: new Date(now + input.delayMs).toISOString(),
          last_delay_ms: input.delayMs,
          last_status: input.status ?? null,
          last_error: input.error.slice(0, 200),
          lease_owner: null,
          lease_until: null,
          // Waiting for something else (an earlier message to go first) is not a failed attempt.
          ...(input.countAttempt === false ? { attempts: sql<number>`attempts - 1` } : {}),
          updated_at: new Date(now).toISOString(),
        })
        .execute();
    },

    /** A final outcome other than sent: failed (after the last retry, or permanent) or skipped (the conversation is gone). */
    async finish(id: string, owner: string, input: { status: 'failed' | 'skipped'; httpStatus?: number; error: string }, at = new Date()): Promise<void> {
      await settle(id, owner)
        .set({ status: input.status, last_status: input.httpStatus ?? null, last_error: input.error.slice(0, 200), lease_owner: null, lease_until: null, updated_at: at.toISOString() })
        .execute();
    },

    /** Skip every message still waiting for a conversation (its subscription ended). */
    async skipPendingFor(conversationId: string, reason: string, at = new Date()): Promise<number> {
      const result = await db
        .updateTable('deliveries')
        .set({ status: 'skipped', last_error: reason.slice(0, 200), lease_owner: null, lease_until: null, updated_at: at.toISOString() })
        .where('conversation_id', '=', conversationId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The id of the message a row sent, for updating it later. */
    async sentActivityId(dedupeKey: string): Promise<string | undefined> {
      return (await this.target(dedupeKey))?.activityId;
    },

    /** Where the message an 'update' replaces stands: its status and, once sent, its id. */
    async target(dedupeKey: string): Promise<{ status: Row['status']; activityId?: string } | undefined> {
      const row = await db.selectFrom('deliveries').select(['status', 'activity_id']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
      return row && { status: row.status, ...(row.activity_id ? { activityId: row.activity_id } : {}) };
    },

    async jobStatus(jobId: string): Promise<JobStatus | undefined> {
      const job = await db.selectFrom('delivery_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
      if (!job) return undefined;
      const rows = await db.selectFrom('deliveries').select(['status', db.fn.countAll<string | number>().as('n')]).where('job_id', '=', jobId).groupBy('status').execute();
      const count = (s: Row['status']) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      const queued = count('queued') + count('sending');
      const status = { queued, sent: count('sent'), skipped: count('skipped') + job.skipped, failed: count('failed') };
      return { id: job.id, kind: job.kind, subject: job.subject, createdAt: job.created_at, ...status, total: queued + status.sent + status.skipped + status.failed, done: queued === 0 };
    },

    /** Failed rows with their last status, for the record (never silently lost). */
    async failures(jobId: string): Promise<Array<{ conversationId: string; status: number | null; error: string | null; attempts: number }>> {
      const rows = await db.selectFrom('deliveries').select(['conversation_id', 'last_status', 'last_error', 'attempts']).where('job_id', '=', jobId).where('status', '=', 'failed').orderBy('conversation_id').execute();
      return rows.map((r) => ({ conversationId: r.conversation_id, status: r.last_status, error: r.last_error, attempts: r.attempts }));
    },

    /** When the next row falls due (for a worker deciding how long to sleep), or undefined if none waits. */
    async nextDue(): Promise<string | undefined> {
      const queued = await db.selectFrom('deliveries').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'queued').executeTakeFirst();
      const leased = await db.selectFrom('deliveries').select((eb) => eb.fn.min('lease_until').as('at')).where('status', '=', 'sending').executeTakeFirst();
      const times = [queued?.at, leased?.at].filter((t): t is string => typeof t === 'string');
      return times.sort()[0];
    },
  };
}
export type DeliveryStore = ReturnType<typeof deliveryStore>;
