/**
 * Two instances behind a load balancer on one PostgreSQL database: the same
 * briefing announced through both at once reaches each subscriber once, both
 * share the sending (FOR UPDATE SKIP LOCKED), and when one is killed mid-send
 * the other finishes its work once the leases expire.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelStandIn } from '../support/channel.js';
import { TestConversation, type Kind } from '../support/conversation.js';
import { postgresRequired, postgresUrl, testDatabases } from '../support/databases.js';
import { freePort, startBotProcess, stopProcess } from '../support/process.js';
import { BRIEFING, NOTIFY_KEY, waitFor } from './support.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');
const CONCURRENCY = 4;

describe.runIf(postgres)('two instances on one PostgreSQL database', () => {
  let channel: ChannelStandIn;
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const url = (i: number) => `http://127.0.0.1:${ports[i]}`;

  beforeAll(async () => {
    channel = await new ChannelStandIn().start();
    const { dataDir, databaseUrl } = await postgres!.create();
    const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl!, NOTIFY_API_KEY: NOTIFY_KEY, DELIVERY_LEASE_SECONDS: '2', DELIVERY_POLL_MS: '100', DELIVERY_CONCURRENCY: String(CONCURRENCY) };
    for (let i = 0; i < 2; i += 1) {
      ports.push(await freePort());
      // One after the other: the first applies the migrations.
      children.push(await startBotProcess(ports[i]!, env));
    }
  }, 120_000);
  afterAll(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL');
    await channel.stop();
    await postgres?.dropAll();
  });

  it('announced through both at once, each subscriber gets one copy; killing one, the other finishes', async () => {
    const kinds: Kind[] = ['personal', 'groupChat', 'channel'];
    const conversations = Array.from({ length: 60 }, (_, i) => new TestConversation(() => url(i % 2), channel, kinds[i % 3]!));
    for (const c of conversations) await c.say('subscribe');

    channel.delayMs = 60;
    const announce = (i: number) =>
      fetch(`${url(i)}/api/notify`, { method: 'POST', headers: { authorization: `Bearer ${NOTIFY_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ briefingId: BRIEFING }) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { jobId: string; queued: number; skipped: number },
      }));
    const [a, b] = await Promise.all([announce(0), announce(1)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    // Between them the two jobs queued every subscriber exactly once.
    expect(a.body.queued + b.body.queued).toBe(60);
    expect(a.body.skipped + b.body.skipped).toBe(60);

    const notices = () => channel.records.filter((r) => r.op === 'send' && /New briefing/.test(JSON.stringify(r.activity)));
    await waitFor('some notices to arrive', () => (notices().length >= 12 ? true : undefined));
    await stopProcess(children[0]!, 'SIGKILL');
    expect(notices().length).toBeLessThan(60);

    const status = (jobId: string) => fetch(`${url(1)}/api/notify/${jobId}`, { headers: { authorization: `Bearer ${NOTIFY_KEY}` } }).then((r) => r.json() as Promise<{ state: string; sent: number; failed: number; skipped: number }>);
    const [doneA, doneB] = await waitFor('both jobs to finish on the surviving instance', async () => {
      const both = await Promise.all([status(a.body.jobId), status(b.body.jobId)]);
      return both.every((s) => s.state === 'done') ? both : undefined;
    }, 45_000);
    expect(doneA!.sent + doneB!.sent).toBe(60);
    expect(doneA!.failed + doneB!.failed).toBe(0);

    const perConversation = new Map<string, number>();
    for (const r of notices()) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    for (const c of conversations) expect(perConversation.get(c.id) ?? 0, c.id).toBeGreaterThanOrEqual(1);
    expect([...perConversation.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(CONCURRENCY);
  }, 120_000);
});

describe('PostgreSQL for the two-instance delivery test', () => {
  it.runIf(postgresRequired)('is configured when REQUIRE_POSTGRES=1 (CI)', () => {
    expect(postgresUrl).toBeTruthy();
  });
});
