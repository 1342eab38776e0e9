/**
 * The outbox and the subscriptions, on SQLite and PostgreSQL alike: one row per
 * message ever, leases that expire, claims that never overlap, and a 'latest'
 * message that a send in flight cannot mark sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/index.js';
import type { OutboundMessage } from '../../src/storage/deliveryStore.js';
import { testDatabases } from '../support/databases.js';

const message = (conversationId: string, key = `briefing:b1:${conversationId}`): OutboundMessage => ({ dedupeKey: key, conversationId, tenantId: 't1', payload: { type: 'message', text: 'hello' } });
const at = (s: number) => new Date(Date.parse('2026-12-02T12:00:00Z') + s * 1000);

describe.each(testDatabases())('delivery storage on $name', (target) => {
  afterAll(() => target.dropAll());
  const open = async (): Promise<Storage> => openStorage(await target.create());

  it('subscribes once per conversation and counts by kind', async () => {
    const s = await open();
    expect(await s.subscriptions.subscribe({ conversationId: 'c1', kind: 'channel', tenantId: 't1' })).toEqual({ created: true });
    expect(await s.subscriptions.subscribe({ conversationId: 'c1', kind: 'channel', tenantId: 't1' })).toEqual({ created: false });
    await s.subscriptions.subscribe({ conversationId: 'c2', kind: 'personal', tenantId: 't1' });
    await s.subscriptions.subscribe({ conversationId: 'c3', kind: 'groupChat', tenantId: null });
    expect(await s.subscriptions.counts()).toEqual({ personal: 1, groupChat: 1, channel: 1, total: 3 });
    expect(await s.subscriptions.unsubscribe('c1')).toEqual({ removed: true });
    expect(await s.subscriptions.unsubscribe('c1')).toEqual({ removed: false });
    expect((await s.subscriptions.list()).map((x) => x.conversationId).sort()).toEqual(['c2', 'c3']);
    await s.close();
  });

  it('queues a message once however often it is asked for, and counts the repeats as skipped', async () => {
    const s = await open();
    const first = await s.deliveries.createJob({ kind: 'briefing_notice', subject: 'b1', requestedVia: 'cli', messages: [message('c1'), message('c2')] });
    expect(first).toMatchObject({ queued: 2, skipped: 0 });
    const again = await s.deliveries.createJob({ kind: 'briefing_notice', subject: 'b1', requestedVia: 'api', messages: [message('c1'), message('c2'), message('c3')] });
    expect(again).toMatchObject({ queued: 1, skipped: 2 });
    expect(await s.deliveries.jobStatus(again.jobId)).toMatchObject({ queued: 1, sent: 0, skipped: 2, failed: 0, total: 3, done: false });
    expect(await s.deliveries.jobStatus('job-nonexisten')).toBeUndefined();
    await s.close();
  });

  it('queues hundreds of messages in one job (batched inserts)', async () => {
    const s = await open();
    const messages = Array.from({ length: 450 }, (_, i) => message(`c${i}`));
    expect(await s.deliveries.createJob({ kind: 'k', subject: 'b1', requestedVia: 'cli', messages })).toMatchObject({ queued: 450, skipped: 0 });
    await s.close();
  });

  it('leases a claimed row; it is due again only once the lease has expired', async () => {
    const s = await open();
    await s.deliveries.createJob({ kind: 'k', subject: 'b1', requestedVia: 'cli', messages: [message('c1')], at: at(0) });
    const [row] = await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(1) });
    expect(row).toMatchObject({ conversationId: 'c1', attempts: 1, payload: { type: 'message', text: 'hello' } });
    expect(await s.deliveries.claim({ owner: 'b', leaseMs: 30_000, limit: 10, now: at(20) })).toEqual([]);
    const [taken] = await s.deliveries.claim({ owner: 'b', leaseMs: 30_000, limit: 10, now: at(31) });
    expect(taken).toMatchObject({ id: row!.id, attempts: 2 });
    // The first owner lost it: its late outcome changes nothing; the new owner's counts.
    await s.deliveries.markSent(row!, 'a', 'old');
    expect((await s.deliveries.jobStatus(row!.jobId!))!.sent).toBe(0);
    await s.deliveries.markSent(taken!, 'b', 'act-1');
    expect(await s.deliveries.jobStatus(row!.jobId!)).toMatchObject({ sent: 1, queued: 0, done: true });
    expect(await s.deliveries.sentActivityId(row!.dedupeKey)).toBe('act-1');
    await s.close();
  });

  it('reschedules a transient failure and records a final one with its status', async () => {
    const s = await open();
    const job = await s.deliveries.createJob({ kind: 'k', subject: 'b1', requestedVia: 'cli', messages: [message('c1'), message('c2')], at: at(0) });
    const claimed = await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(0) });
    const rows = ['c1', 'c2'].map((c) => claimed.find((r) => r.conversationId === c));
    expect(claimed).toHaveLength(2);
    await s.deliveries.reschedule(rows[0]!.id, 'a', { delayMs: 5_000, status: 429, error: 'HTTP 429' }, at(1));
    await s.deliveries.finish(rows[1]!.id, 'a', { status: 'failed', httpStatus: 400, error: 'HTTP 400' }, at(1));
    expect(await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(5) })).toEqual([]);
    const [retry] = await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(6) });
    expect(retry).toMatchObject({ id: rows[0]!.id, attempts: 2, lastDelayMs: 5_000 });
    expect(await s.deliveries.failures(job.jobId)).toEqual([{ conversationId: 'c2', status: 400, error: 'HTTP 400', attempts: 1 }]);
    expect(await s.deliveries.jobStatus(job.jobId)).toMatchObject({ queued: 1, failed: 1 });
    await s.close();
  });

  it('skips what is still queued for a conversation whose subscription ended', async () => {
    const s = await open();
    const job = await s.deliveries.createJob({ kind: 'k', subject: 'b1', requestedVia: 'cli', messages: [message('c1'), message('c2')] });
    expect(await s.deliveries.skipPendingFor('c1', 'unsubscribed')).toBe(1);
    expect(await s.deliveries.jobStatus(job.jobId)).toMatchObject({ queued: 1, skipped: 1 });
    await s.close();
  });

  it('keeps only the newest version of a latest-wins message, even against a send in flight', async () => {
    const s = await open();
    await s.deliveries.enqueueLatest({ ...message('c1', 'ticket:1'), payload: { v: 1 } }, at(0));
    const [inFlight] = await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(0) });
    await s.deliveries.enqueueLatest({ ...message('c1', 'ticket:1'), payload: { v: 2 } }, at(1));
    await s.deliveries.markSent(inFlight!, 'a', 'act-1', at(1));
    const [next] = await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(2) });
    expect(next).toMatchObject({ payload: { v: 2 }, revision: 1 });
    await s.deliveries.markSent(next!, 'a', 'act-1', at(2));
    expect(await s.deliveries.claim({ owner: 'a', leaseMs: 30_000, limit: 10, now: at(3) })).toEqual([]);
    await s.close();
  });

  it('never gives the same row to two claimers at once', async () => {
    const options = await target.create();
    const a = await openStorage(options);
    const b = await openStorage(options);
    await a.deliveries.createJob({ kind: 'k', subject: 'b1', requestedVia: 'cli', messages: Array.from({ length: 60 }, (_, i) => message(`c${i}`)) });
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).deliveries.claim({ owner: `w${i}`, leaseMs: 30_000, limit: 7 })));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
    await a.close();
    await b.close();
  });
});
