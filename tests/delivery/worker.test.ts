/**
 * The worker on its own, with a real SQLite outbox and a scripted sender:
 * updates follow the message they replace, pacing gives a row back rather than
 * sitting on its lease, and stop() waits for the sends in flight.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryWorker, type Sender, type SendResult } from '../../src/delivery/worker.js';
import { teamsPacer, type Pacer } from '../../src/delivery/pacing.js';
import { createLogger } from '../../src/logging.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import type { ClaimedDelivery } from '../../src/storage/deliveryStore.js';
import { waitFor } from './support.js';

const opened: Storage[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

async function setUp(sender: Sender, pacer: Pacer = teamsPacer()) {
  const storage = await openStorage({ dataDir: mkdtempSync(join(tmpdir(), 'lscp-worker-')) });
  opened.push(storage);
  const gone: string[] = [];
  const worker = new DeliveryWorker({
    store: storage.deliveries,
    sender,
    pacer,
    owner: 'test',
    leaseMs: 2_000,
    concurrency: 2,
    backoff: { baseMs: 10, capMs: 50, maxAttempts: 3 },
    pollMs: 10,
    log: createLogger('silent'),
    onGone: async (id) => void gone.push(id),
  });
  return { storage, worker, gone };
}

function recordingSender(result: (row: ClaimedDelivery) => SendResult | Promise<SendResult> = () => ({ ok: true, activityId: 'sent-1' })) {
  const calls: Array<{ key: string; op: string; target?: string }> = [];
  const sender: Sender = {
    async send(row, target) {
      calls.push({ key: row.dedupeKey, op: row.op, ...(target ? { target } : {}) });
      return result(row);
    },
  };
  return { sender, calls };
}

const msg = (key: string, extra: object = {}) => ({ dedupeKey: key, conversationId: 'c1', tenantId: 't1', payload: { type: 'message' }, ...extra });

describe('DeliveryWorker', () => {
  it('sends an update only after the message it replaces, to that message’s id', async () => {
    const { sender, calls } = recordingSender((row) => ({ ok: true, activityId: row.op === 'send' ? 'teams-42' : undefined }));
    const { storage, worker } = await setUp(sender);
    // The update is queued first; it must wait for its target.
    await storage.deliveries.enqueueLatest(msg('card:1:update', { op: 'update', targetKey: 'card:1' }));
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toEqual([]);
    await storage.deliveries.createJob({ kind: 'k', subject: 's', requestedVia: 'cli', messages: [msg('card:1')] });
    await waitFor('both sent', () => (calls.length === 2 ? true : undefined));
    await worker.stop();
    expect(calls).toEqual([
      { key: 'card:1', op: 'send' },
      { key: 'card:1:update', op: 'update', target: 'teams-42' },
    ]);
  });

  it('skips an update whose original was never sent', async () => {
    const { sender, calls } = recordingSender(() => ({ ok: false, failure: { status: 400 } }));
    const { storage, worker } = await setUp(sender);
    await storage.deliveries.createJob({ kind: 'k', subject: 's', requestedVia: 'cli', messages: [msg('card:2')] });
    await storage.deliveries.enqueueLatest(msg('card:2:update', { op: 'update', targetKey: 'card:2' }));
    worker.start();
    await waitFor('the update to be settled', async () => {
      const rows = await storage.database.db.selectFrom('deliveries').select(['dedupe_key', 'status']).execute();
      return rows.every((r) => r.status !== 'queued' && r.status !== 'sending') ? rows : undefined;
    });
    await worker.stop();
    expect(calls).toEqual([{ key: 'card:2', op: 'send' }]);
    const update = await storage.database.db.selectFrom('deliveries').select(['status', 'last_error']).where('dedupe_key', '=', 'card:2:update').executeTakeFirstOrThrow();
    expect(update).toEqual({ status: 'skipped', last_error: 'the message it replaces was never sent' });
  });

  it('gives a row back when the limits would keep it waiting longer than half its lease', async () => {
    const { sender, calls } = recordingSender();
    let wait = 60_000;
    const pacer: Pacer = { waitMs: () => wait, record: () => undefined, holdTenant: () => undefined };
    const { storage, worker } = await setUp(sender, pacer);
    await storage.deliveries.createJob({ kind: 'k', subject: 's', requestedVia: 'cli', messages: [msg('paced')] });
    worker.start();
    await waitFor('the row to be given back', async () => {
      const row = await storage.database.db.selectFrom('deliveries').select(['status', 'last_error', 'attempts', 'next_attempt_at']).executeTakeFirstOrThrow();
      return row.last_error === 'paced' ? row : undefined;
    });
    const row = await storage.database.db.selectFrom('deliveries').select(['status', 'attempts', 'next_attempt_at']).executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(Date.parse(row.next_attempt_at) - Date.now()).toBeGreaterThan(50_000);
    expect(calls).toEqual([]);
    wait = 0;
    await worker.stop();
  });

  it('on stop, lets the sends in flight finish and records them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { sender } = recordingSender(async () => (await gate, { ok: true, activityId: 'late' }));
    const { storage, worker } = await setUp(sender);
    const { jobId } = await storage.deliveries.createJob({ kind: 'k', subject: 's', requestedVia: 'cli', messages: [msg('slow')] });
    worker.start();
    await waitFor('the send to start', async () => ((await storage.deliveries.jobStatus(jobId))?.queued === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 50));
    const stopping = worker.stop();
    release();
    await stopping;
    expect(await storage.deliveries.jobStatus(jobId)).toMatchObject({ sent: 1, done: true });
  });
});
