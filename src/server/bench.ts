/**
 * The fair-use part of `npm run bench`: five people asking questions while a
 * sixth floods the bot with 400 messages at once. Reports the five's p95 with
 * and without the flood (a ratio from one run) and the process's memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startApp, type RunningApp } from '../app.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../logging.js';

const QUESTIONS = ['who appoints the independent scrutineer', 'what does working together 2023 say about scrutiny', 'how often must we publish a yearly report', 'what is a rapid review', 'who are the lead safeguarding partners'];

async function channelStandIn(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function message(serviceUrl: string, person: string, conversation: string, text: string) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: `29:${person}`, name: person, aadObjectId: person },
    recipient: { id: '28:bench-bot', name: 'LSCP Assistant' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: 'bench' },
    channelData: { tenant: { id: 'bench' } },
  };
}

async function post(app: RunningApp, body: unknown): Promise<number> {
  const started = performance.now();
  await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.arrayBuffer());
  return performance.now() - started;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? 0;

/** Five people, each asking their questions one after another; returns every turn's time. */
async function others(app: RunningApp, serviceUrl: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: 5 }, async (_, p) => {
      const person = randomUUID();
      for (let i = 0; i < rounds; i += 1) times.push(await post(app, message(serviceUrl, person, `a:bench-${p}`, QUESTIONS[(i + p) % QUESTIONS.length]!)));
    }),
  );
  return times;
}

export async function benchFlood(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lscp-bench-flood-'));
  const channel = await channelStandIn();
  const app = await startApp(parseConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
  try {
    await others(app, channel.url, 4); // warm-up
    const quiet = await others(app, channel.url, 20);
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    const flooder = randomUUID();
    const flood = Promise.all(Array.from({ length: 400 }, (_, i) => post(app, message(channel.url, flooder, 'a:bench-flood', `flood ${i} who scrutinises`))));
    const busy = await others(app, channel.url, 20);
    await flood;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    const [q, b] = [p95(quiet), p95(busy)];
    return [
      'Fair use: five people asking questions, alone and while a sixth sends 400 messages at once (same process, SQLite):',
      '| others p95 alone | others p95 during the flood | ratio | RSS before → after the flood |',
      '|---|---|---|---|',
      `| ${q.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(b / q).toFixed(2)}× (${b >= q ? '+' : '−'}${Math.abs(b - q).toFixed(1)} ms) | ${rssBefore.toFixed(0)} → ${rssMb.toFixed(0)} MB |`,
    ].join('\n');
  } finally {
    await app.stop();
    await new Promise<void>((resolve) => channel.server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  }
}
