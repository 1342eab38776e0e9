/**
 * A SIGKILL in the middle of a slow delivery: the real entry point runs as a
 * child process, a briefing is announced to 40 subscribers over a slow channel,
 * the process is killed with SIGKILL part-way, and a new process on the same
 * database delivers the rest once the dead one's leases expire. At most the
 * sends that were in flight at the kill (DELIVERY_CONCURRENCY) arrive twice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, stopProcess } from '../support/process.js';
import { ChannelStandIn } from '../support/channel.js';
import { TestConversation, type Kind } from '../support/conversation.js';
import { BRIEFING, NOTIFY_KEY, waitFor } from './support.js';

const CONCURRENCY = 4;

describe('delivery survives SIGKILL', () => {
  let channel: ChannelStandIn;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-kill-delivery-'));
  const env = { DATA_DIR: dataDir, NOTIFY_API_KEY: NOTIFY_KEY, DELIVERY_LEASE_SECONDS: '2', DELIVERY_POLL_MS: '100', DELIVERY_CONCURRENCY: String(CONCURRENCY) };

  beforeAll(async () => {
    channel = await new ChannelStandIn().start();
  });
  afterAll(async () => {
    if (child) await stopProcess(child, 'SIGKILL');
    await channel.stop();
  });

  it('resumes where it stopped after a restart, with at most the in-flight sends twice', async () => {
    let port = await freePort();
    child = await startBotProcess(port, env);
    const kinds: Kind[] = ['personal', 'groupChat', 'channel', 'personal'];
    const conversations = Array.from({ length: 40 }, (_, i) => new TestConversation(() => `http://127.0.0.1:${port}`, channel, kinds[i % 4]!));
    for (const c of conversations) await c.say('subscribe');

    channel.delayMs = 150;
    const response = await fetch(`http://127.0.0.1:${port}/api/notify`, { method: 'POST', headers: { authorization: `Bearer ${NOTIFY_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ briefingId: BRIEFING }) });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };

    const notices = () => channel.records.filter((r) => r.op === 'send' && /New briefing/.test(JSON.stringify(r.activity)));
    await waitFor('some notices to arrive', () => (notices().length >= 8 ? true : undefined));
    await stopProcess(child, 'SIGKILL');
    const atKill = notices().length;
    expect(atKill).toBeLessThan(40);

    port = await freePort();
    child = await startBotProcess(port, env);
    const status = await waitFor('the job to finish after the restart', async () => {
      const r = await fetch(`http://127.0.0.1:${port}/api/notify/${jobId}`, { headers: { authorization: `Bearer ${NOTIFY_KEY}` } });
      const body = (await r.json()) as { state: string; sent: number; failed: number };
      return body.state === 'done' ? body : undefined;
    }, 30_000);
    expect(status).toMatchObject({ sent: 40, failed: 0 });

    const perConversation = new Map<string, number>();
    for (const r of notices()) perConversation.set(r.conversationId, (perConversation.get(r.conversationId) ?? 0) + 1);
    for (const c of conversations) expect(perConversation.get(c.id) ?? 0, c.id).toBeGreaterThanOrEqual(1);
    const twice = [...perConversation.values()].filter((n) => n > 1).length;
    expect([...perConversation.values()].every((n) => n <= 2)).toBe(true);
    expect(twice).toBeLessThanOrEqual(CONCURRENCY);
  }, 120_000);
});
