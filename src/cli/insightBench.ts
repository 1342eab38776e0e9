/**
 * The national picture's and the themes' cost, for `npm run bench`: how long
 * a facilitator waits for the card with 150 partnerships (each with last year's
 * signed-off assessment and this year's in progress, every item answered) and
 * 100,000 recorded questions over 90 days, on SQLite and, when
 * BENCH_POSTGRES_URL names a server, on PostgreSQL.
 *
 * Timed end to end through the real bot: a message activity over HTTP, the
 * adapter, the route, the SQL aggregates, the card, and the reply posted to a
 * loopback channel sink; the turn ends once the card has been delivered. The
 * target is 300 ms. Seeding writes rows directly (it is set-up, not timed).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT, startApp } from '../app.js';
import { checklistPath, loadChecklist, type ChecklistDefinition } from '../checklist/definition.js';
import { parseConfig } from '../config.js';
import { knownTopics } from '../insight/themes.js';
import { loadKnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { createLogger } from '../logging.js';
import { openStorage, type DatabaseOptions } from '../storage/index.js';

const FACILITATOR = '0b0b0b0b-0000-4000-8000-000000000014';
const ANSWERS = ['yes', 'yes', 'partly', 'no', 'dont-know'] as const;
const TARGET_MS = 300;

export interface InsightBenchOptions {
  partnerships?: number;
  questions?: number;
  repeat?: number;
  postgresUrl?: string;
}

interface Timing {
  dialect: string;
  what: string;
  p50: number;
  p95: number;
  max: number;
}

/** A small deterministic generator, so every run seeds the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function seed(options: DatabaseOptions, def: ChecklistDefinition, partnerships: number, questions: number): Promise<number> {
  const storage = await openStorage(options);
  const { db } = storage.database;
  const next = random(14);
  const items = def.sections.flatMap((s) => s.items.map((i) => i.id));
  try {
    for (let p = 1; p <= partnerships; p++) {
      await db.transaction().execute(async (trx) => {
        for (const year of [2025, 2026]) {
          const id = `cis-bench-${p}-${year}`;
          const at = `${year}-01-15T09:00:00.000Z`;
          const signedOff = year === 2025;
          await trx
            .insertInto('assessments')
            .values({ id, owner_key: `team:bench-${p}`, owner_kind: 'team', tenant_id: null, partnership_name: `Bench partnership ${p}`, checklist_version: def.version, status: signedOff ? 'signed_off' : 'in_progress', version: items.length + 1, created_at: at, created_by_name: 'Bench', updated_at: at, signed_off_by_name: signedOff ? 'Bench' : null, signed_off_at: signedOff ? at : null })
            .execute();
          await trx
            .insertInto('answers')
            .values(items.map((item_id) => ({ assessment_id: id, item_id, value: ANSWERS[Math.floor(next() * ANSWERS.length)]!, note: null, answered_by_id: 'bench', answered_by_name: 'Bench', answered_at: at, revision: 1 })))
            .execute();
        }
      });
    }
    // 100,000 questions as the bot counts them: one counter per day, topic, outcome and partnership.
    const topics = knownTopics(def);
    const counters = new Map<string, number>();
    const today = Date.now();
    for (let q = 0; q < questions; q++) {
      const day = new Date(today - Math.floor(next() * 90) * 86_400_000).toISOString().slice(0, 10);
      const key = `${day}|${topics[Math.floor(next() ** 2 * topics.length)]}|${next() < 0.12 ? 'declined' : 'answered'}|k${Math.floor(next() * partnerships)}`;
      counters.set(key, (counters.get(key) ?? 0) + 1);
    }
    const rows = [...counters].map(([key, n]) => {
      const [day, topic, outcome, partnership_key] = key.split('|') as [string, string, 'answered' | 'declined', string];
      return { day, topic, outcome, partnership_key, questions: n };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('question_themes').values(rows.slice(i, i + 500)).execute();
    return rows.length;
  } finally {
    await storage.close();
  }
}

/** A loopback stand-in for the Teams channel service: accepts the bot's replies. */
/** A loopback channel service that counts the Adaptive Cards it is sent. */
async function channelSink(): Promise<{ url: string; cards(): number; close(): Promise<void> }> {
  let cards = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => void (body += c.toString()));
    req.on('end', () => {
      if (body.includes('application/vnd.microsoft.card.adaptive')) cards += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cards: () => cards, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function message(serviceUrl: string, text: string, where: { personal: true } | { teamId: string }) {
  const personal = 'personal' in where;
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    text: personal ? text : `<at>LSCP Assistant</at> ${text}`,
    from: { id: '29:bench', name: 'Bench', aadObjectId: FACILITATOR },
    recipient: { id: '28:bench-bot', name: 'LSCP Assistant' },
    conversation: personal ? { id: 'a:bench-personal', conversationType: 'personal' } : { id: `19:${where.teamId}@thread.skype`, conversationType: 'channel', isGroup: true },
    channelData: personal ? {} : { team: { id: where.teamId }, channel: { id: `19:${where.teamId}@thread.skype` } },
    entities: personal ? [] : [{ type: 'mention', text: '<at>LSCP Assistant</at>', mentioned: { id: '28:bench-bot', name: 'LSCP Assistant' } }],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function measure(dialect: string, options: DatabaseOptions, knowledge: KnowledgeBase, repeat: number): Promise<Timing[]> {
  const sink = await channelSink();
  const app = await startApp(
    // Fair use raised, as for any scripted user: otherwise the later cards are the "slow down" notice.
    parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: options.dataDir, DATABASE_URL: options.databaseUrl ?? '', LOG_LEVEL: 'silent', FACILITATOR_IDS: FACILITATOR, FAIR_USE_BURST: '1000', FAIR_USE_PER_MINUTE: '10000' }),
    { knowledge, log: createLogger('silent') },
  );
  const cases = [
    { what: '`national picture` card', text: 'national picture', where: { personal: true } as const },
    { what: '`themes 90` card (all 100,000 questions)', text: 'themes 90', where: { personal: true } as const },
    { what: "a partnership's `checklist summary` (with the national comparison)", text: 'checklist summary', where: { teamId: 'bench-1' } },
  ];
  const timings: Timing[] = [];
  try {
    for (const c of cases) {
      const once = async () => {
        const start = performance.now();
        const before = sink.cards();
        const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(sink.url, c.text, c.where)) });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${c.text}: HTTP ${response.status}`);
        // The turn is timed to its card: a reply without one (an apology, a notice) is not the card measured.
        if (sink.cards() === before) throw new Error(`${c.text}: no card was sent`);
        return performance.now() - start;
      };
      for (let w = 0; w < 3; w++) await once();
      const times: number[] = [];
      for (let r = 0; r < repeat; r++) times.push(await once());
      times.sort((a, b) => a - b);
      timings.push({ dialect, what: c.what, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! });
    }
  } finally {
    await app.stop();
    await sink.close();
  }
  return timings;
}

/** A scratch database on the PostgreSQL server `adminUrl`, dropped afterwards. */
export async function scratchPostgres(adminUrl: string): Promise<{ options: DatabaseOptions; drop(): Promise<void> }> {
  const name = `lscp_bench_${Date.now().toString(36)}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { options: { dataDir: mkdtempSync(path.join(tmpdir(), 'lscp-bench-pg-')), databaseUrl: url.toString() }, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Runs the benchmark and returns its report (Markdown). */
export async function insightBench(input: InsightBenchOptions = {}): Promise<string> {
  const partnerships = input.partnerships ?? 150;
  const questions = input.questions ?? 100_000;
  const repeat = input.repeat ?? 20;
  const def = await loadChecklist(checklistPath(path.join(PROJECT_ROOT, 'knowledge')));
  const knowledge = await loadKnowledgeBase({ dir: path.join(PROJECT_ROOT, 'knowledge'), indexPath: path.join(PROJECT_ROOT, 'dist', 'knowledge-index.json') });
  const timings: Timing[] = [];
  let rows = 0;

  const dataDir = mkdtempSync(path.join(tmpdir(), 'lscp-bench-sqlite-'));
  try {
    process.stderr.write('seeding SQLite …\n');
    rows = await seed({ dataDir }, def, partnerships, questions);
    timings.push(...(await measure('SQLite', { dataDir }, knowledge, repeat)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (input.postgresUrl) {
    const scratch = await scratchPostgres(input.postgresUrl);
    try {
      process.stderr.write('seeding PostgreSQL …\n');
      await seed(scratch.options, def, partnerships, questions);
      timings.push(...(await measure('PostgreSQL', scratch.options, knowledge, repeat)));
    } finally {
      await scratch.drop();
      rmSync(scratch.options.dataDir, { recursive: true, force: true });
    }
  }

  const f = (ms: number) => `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
  const items = def.sections.reduce((n, s) => n + s.items.length, 0);
  return [
    `National picture and themes: ${partnerships} partnerships × ${items} items (each with a signed-off and an in-progress assessment), ${questions.toLocaleString('en-GB')} questions in ${rows.toLocaleString('en-GB')} counters over 90 days; ${repeat} timed turns each after 3 warm-up turns, message in to card delivered; target ${TARGET_MS} ms`,
    '',
    '| database | card | p50 | p95 | max | under target |',
    '|----------|------|-----|-----|-----|--------------|',
    ...timings.map((t) => `| ${t.dialect} | ${t.what} | ${f(t.p50)} | ${f(t.p95)} | ${f(t.max)} | ${t.p95 < TARGET_MS ? 'yes' : 'NO'} |`),
    input.postgresUrl ? '' : '\n(PostgreSQL: set BENCH_POSTGRES_URL to a server to measure it too, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres.)',
  ].join('\n');
}
