/**
 * The delivery worker: takes due rows from the outbox, paces them to Teams'
 * limits, sends them and records what happened.
 *
 * Every instance runs one. A row is claimed with a lease (DELIVERY_LEASE_SECONDS,
 * 30 s at most) that covers one attempt: the send has a timeout shorter than the
 * lease, and a retry is a new claim later, never a sleep while holding the row.
 * So a row claimed by an instance that dies is due again once its lease expires,
 * and at most `concurrency` rows of a killed instance (those whose request was in
 * flight) can reach Teams twice.
 *
 * Free of Bot Framework types: the Sender is supplied by the bot glue.
 */
import type { ClaimedDelivery, DeliveryStore } from '../storage/deliveryStore.js';
import type { Logger } from '../logging.js';
import type { Pacer } from './pacing.js';
import { classifyFailure, retryDelayMs, type BackoffSettings, type SendFailure } from './retryPolicy.js';

export type SendResult = { ok: true; activityId?: string } | { ok: false; failure: SendFailure };

export interface Sender {
  /** Send (or, for op 'update', replace `targetActivityId` with) the row's payload. Never throws. */
  send(row: ClaimedDelivery, targetActivityId?: string): Promise<SendResult>;
}

export interface WorkerOptions {
  store: DeliveryStore;
  sender: Sender;
  pacer: Pacer;
  /** This instance's name in the lease column. */
  owner: string;
  leaseMs: number;
  /** Sends in flight at once; also the most rows a killed instance can leave half-sent. */
  concurrency: number;
  backoff: BackoffSettings;
  /** How often to look for rows queued by other instances or the command line. */
  pollMs: number;
  log: Logger;
  /** The conversation is gone (bot removed or blocked): end its subscription. */
  onGone(conversationId: string): Promise<void>;
}

/** An 'update' waits this long for the message it replaces to be sent first. */
const WAIT_FOR_TARGET_MS = 500;

export class DeliveryWorker {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(private readonly options: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Look for work now (a job was just queued here). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stop claiming, and wait for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const { store, owner, leaseMs, concurrency, pollMs, log } = this.options;
    while (this.running) {
      let claimed: ClaimedDelivery[] = [];
      const free = concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await store.claim({ owner, leaseMs, limit: free });
        } catch (error) {
          // The database may be restarting; the rows are safe in it, so wait and ask again.
          log.warn({ err: error }, 'delivery: could not claim from the outbox');
        }
      }
      for (const row of claimed) {
        const done: Promise<void> = this.deliver(row).finally(() => {
          this.inFlight.delete(done);
          this.wake();
        });
        this.inFlight.add(done);
      }
      if (claimed.length === 0 || this.inFlight.size >= concurrency) await this.sleep(pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async deliver(row: ClaimedDelivery): Promise<void> {
    try {
      await this.attempt(row);
    } catch (error) {
      // Only the store can throw here (the sender never does); the row's lease runs out and it is tried again.
      this.options.log.error({ err: error, delivery: row.id }, 'delivery: could not record an outcome');
    }
  }

  private async attempt(row: ClaimedDelivery): Promise<void> {
    const { store, sender, pacer, owner, leaseMs, backoff, log } = this.options;

    let target: string | undefined;
    if (row.op === 'update') {
      const original = row.targetKey ? await store.target(row.targetKey) : undefined;
      target = original?.activityId;
      if (!target) {
        // Nothing to replace if the original will never go; wait while it is on its way. An original not
        // (yet) in the outbox at all counts against the attempts, so a mistaken key cannot wait for ever.
        if (original?.status === 'failed' || original?.status === 'skipped') {
          await store.finish(row.id, owner, { status: 'skipped', error: 'the message it replaces was never sent' });
        } else if (!original && row.attempts >= backoff.maxAttempts) {
          await store.finish(row.id, owner, { status: 'failed', error: 'the message it replaces is not in the outbox' });
        } else {
          await store.reschedule(row.id, owner, { delayMs: WAIT_FOR_TARGET_MS, error: 'waiting for the message it replaces', countAttempt: !original });
        }
        return;
      }
    }

    const wait = pacer.waitMs(row.conversationId, row.tenantId, Date.now());
    if (wait > leaseMs / 2) {
      // Do not sit on a lease: give the row back, due when the limits allow.
      await store.reschedule(row.id, owner, { delayMs: wait, error: 'paced', countAttempt: false });
      return;
    }
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pacer.record(row.conversationId, row.tenantId, Date.now());

    const result = await sender.send(row, target);
    if (result.ok) {
      await store.markSent(row, owner, result.activityId);
      log.debug({ delivery: row.id, job: row.jobId, attempts: row.attempts }, 'delivery: sent');
      return;
    }

    const { failure } = result;
    const outcome = classifyFailure(failure);
    const what = failure.status !== undefined ? `HTTP ${failure.status}` : (failure.code ?? 'error');
    if (outcome.action === 'gone') {
      await store.finish(row.id, owner, { status: 'skipped', httpStatus: failure.status, error: `conversation gone (${what})` });
      await this.options.onGone(row.conversationId);
      log.info({ delivery: row.id, job: row.jobId, status: failure.status }, 'delivery: the conversation is gone; its subscription ended');
      return;
    }
    if (outcome.action === 'retry' && row.attempts < backoff.maxAttempts) {
      const delayMs = retryDelayMs(outcome, row.lastDelayMs ?? undefined, backoff);
      if (outcome.retryAfterMs !== undefined) pacer.holdTenant(row.tenantId, Date.now() + outcome.retryAfterMs);
      await store.reschedule(row.id, owner, { delayMs, status: failure.status, error: what });
      log.info({ delivery: row.id, job: row.jobId, status: failure.status, code: failure.code, attempt: row.attempts, delayMs }, 'delivery: will retry');
      return;
    }
    await store.finish(row.id, owner, { status: 'failed', httpStatus: failure.status, error: outcome.action === 'retry' ? `${what} after ${row.attempts} attempts` : what });
    log.warn({ delivery: row.id, job: row.jobId, status: failure.status, code: failure.code, attempts: row.attempts }, 'delivery: failed; recorded');
  }
}
