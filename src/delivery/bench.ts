/**
 * The delivery part of `npm run bench`: how long a briefing notice takes to
 * reach N subscribed conversations through the real app (outbox, worker,
 * pacing, connector) against a loopback stand-in for Teams that answers each
 * request after a set latency. All subscribers are in one tenant, the worst
 * case: Teams' ~50 requests a second per app per tenant then sets the pace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from '../app.js';
import { parseConfig } from '../config.js';
import { announceBriefing } from '../facilitators/announce.js';
import { createLogger } from '../logging.js';
import { PER_TENANT } from './pacing.js';

const TENANT = '00000000-0000-4000-8000-0000000000be';

async function standIn(latencyMs: number): Promise<{ url: string; server: Server; count: () => number }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${received}` }));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, count: () => received };
}

export interface DeliveryBenchRow {
  subscribers: number;
  latencyMs: number;
  seconds: number;
  perSecond: number;
}

export async function benchDelivery(options: { subscribers: number[]; latencyMs: number; briefingId: string }): Promise<DeliveryBenchRow[]> {
  const rows: DeliveryBenchRow[] = [];
  for (const n of options.subscribers) {
    const dir = await mkdtemp(path.join(tmpdir(), 'lscp-bench-delivery-'));
    const channel = await standIn(options.latencyMs);
    const app = await startApp(parseConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', DELIVERY_POLL_MS: '50' }), { log: createLogger('silent') });
    try {
      for (let i = 0; i < n; i += 1) {
        const conversationId = `19:bench-${i}@thread.skype`;
        const reference = { channelId: 'msteams', serviceUrl: channel.url, conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT }, bot: { id: '28:bench-bot', name: 'LSCP Assistant' }, user: { id: '29:bench' } };
        await app.storage.conversations.remember({ conversationId, tenantId: TENANT, conversationType: 'channel', reference });
        await app.storage.subscriptions.subscribe({ conversationId, kind: 'channel', tenantId: TENANT });
      }
      const started = performance.now();
      const { jobId } = await announceBriefing(app.services, options.briefingId, 'cli');
      app.services.delivery.wake();
      for (;;) {
        const job = await app.storage.deliveries.jobStatus(jobId);
        if (job?.done) {
          if (job.sent !== n) throw new Error(`expected ${n} sent, got ${job.sent} (failed ${job.failed})`);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push({ subscribers: n, latencyMs: options.latencyMs, seconds, perSecond: n / seconds });
    } finally {
      await app.stop();
      await new Promise<void>((resolve) => channel.server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function deliveryTable(rows: DeliveryBenchRow[]): string {
  const limit = PER_TENANT[0]!;
  const lines = [
    `Briefing notices (paced to ${limit.limit} requests per ${limit.spanMs / 1000} s per tenant, one tenant, stand-in latency ${rows[0]?.latencyMs ?? 0} ms):`,
    '| subscribers | time | notices/s | 150 partnerships × 3 channels at this rate |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.subscribers} | ${r.seconds.toFixed(1)} s | ${r.perSecond.toFixed(1)} | ${(450 / r.perSecond).toFixed(1)} s |`),
  ];
  return lines.join('\n');
}
