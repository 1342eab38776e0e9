/**
 * The turn part of `npm run bench` (issue 17): our bot against a bare
 * botbuilder echo bot, both as separate processes started the way `npm start`
 * starts ours, measured through HTTP only.
 *
 * A turn is timed from the POST to /api/messages to the reply arriving at a
 * loopback stand-in for the channel service (src/cli/benchChannel.ts); a card
 * press (Action.Execute invoke) from the POST to its HTTP answer. Rounds
 * alternate between the two bots, so the machine's load (other work shares
 * its 2 cores) falls on both alike and the ratio is what to read.
 *
 * Also: spawn → /readyz 200 for each, and our process's RSS (VmRSS from
 * /proc/<pid>/status) at start, after 1,000 turns and after all of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchChannel } from './benchChannel.js';
import { scratchPostgres } from './insightBench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CARD = 'application/vnd.microsoft.card.adaptive';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface TurnBenchOptions {
  questions: string[];
  /** Question turns sent to our bot in all (the memory figures); default 10,000. */
  turns?: number;
  /** Concurrent conversations per measured round; default [10, 50]. */
  concurrency?: number[];
  rounds?: number;
  turnsPerRound?: number;
  postgresUrl?: string;
  /** false: question turns only (for profiling them alone); default true. */
  presses?: boolean;
  /** false: checklist presses only (for profiling them alone); default true. */
  questionTurns?: boolean;
  /** Extra node options for our process, e.g. ['--cpu-prof', '--cpu-prof-dir=prof'] (`--profile <dir>`). */
  ourNodeArgs?: string[];
}

// ─── Processes ───────────────────────────────────────────────────────────────

interface Bot {
  name: 'echo' | 'ours';
  url: string;
  pid: number;
  child: ChildProcess;
  /** Spawn to /readyz answering 200, ms. */
  readyMs: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start`'s own command line (package.json), so the bench runs what people run. */
export function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`the start script does not run node directly: ${pkg.scripts.start}`);
  return words.slice(1);
}

async function spawnBot(name: Bot['name'], args: string[], env: Record<string, string>): Promise<Bot> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const done = await Promise.race([exited.then(() => 'exited' as const), get(`${url}/readyz`).then((s) => s)]);
    if (done === 'exited') throw new Error(`${name} bot exited before it was ready: ${stderr}`);
    if (done === 200) break;
    if (performance.now() - started > 60_000) throw new Error(`${name} bot not ready within 60 s: ${stderr}`);
    await sleep(5);
  }
  const readyMs = performance.now() - started;
  return {
    name,
    url,
    pid: child.pid!,
    child,
    readyMs,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* keep the text */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

// ─── Conversations ───────────────────────────────────────────────────────────

class Conversation {
  readonly id = `a:bench-${randomUUID()}`;
  readonly user = randomUUID();
  constructor(private readonly channel: BenchChannel) {}

  activity(extra: Record<string, unknown>) {
    return {
      id: `in-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.channel.url,
      from: { id: `29:${this.user}`, name: 'Bench Person', aadObjectId: this.user },
      recipient: { id: '28:lscp-assistant-bot', name: 'LSCP Assistant' },
      conversation: { id: this.id, conversationType: 'personal', tenantId: 'bench-tenant' },
      channelData: { tenant: { id: 'bench-tenant' } },
      locale: 'en-GB',
      ...extra,
    };
  }

  /** A typed message; resolves with ms from the POST to the reply message arriving, and the HTTP status. */
  async say(bot: Bot, text: string): Promise<number> {
    const reply = this.channel.nextMessage(this.id);
    const started = performance.now();
    const [{ status }, arrived] = await Promise.all([post(`${bot.url}/api/messages`, this.activity({ type: 'message', text, textFormat: 'plain' })), reply]);
    if (status !== 200) throw new Error(`${bot.name}: HTTP ${status} for a message`);
    return arrived.at - started;
  }

  /** An Action.Execute press; resolves with ms to the HTTP answer and the card in it. */
  async execute(bot: Bot, verb: string, data: Record<string, unknown>): Promise<{ ms: number; card: Record<string, unknown> }> {
    const started = performance.now();
    const res = await post(`${bot.url}/api/messages`, this.activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }));
    const ms = performance.now() - started;
    const body = res.body as { statusCode?: number; type?: string; value?: Record<string, unknown> } | undefined;
    if (res.status !== 200 || body?.type !== CARD || !body.value) throw new Error(`${bot.name}: invoke ${verb} gave HTTP ${res.status} without a card`);
    return { ms, card: body.value };
  }
}

/** The Action.Execute titled `title` on `card`, pressed as Teams presses it (inputs merged into its data). */
function button(card: unknown, title: string): { verb: string; data: Record<string, unknown>; inputs: boolean } | undefined {
  let found: { verb: string; data: Record<string, unknown>; inputs: boolean } | undefined;
  const walk = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.title === title) found = { verb: String(o.verb), data: (o.data as Record<string, unknown>) ?? {}, inputs: o.associatedInputs !== 'none' };
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

// ─── Measuring ───────────────────────────────────────────────────────────────

interface Sample {
  times: number[];
  elapsedMs: number;
  failures: number;
}

/** `total` operations over `concurrency` workers, each with its own conversation. */
async function drive(concurrency: number, total: number, work: (worker: number, n: number) => Promise<number>): Promise<Sample> {
  const times: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = next++; n < total; n = next++) {
        try {
          times.push(await work(worker, n));
        } catch (error) {
          failures += 1;
          if (failures <= 3) process.stderr.write(`  ${(error as Error).message}\n`);
        }
      }
    }),
  );
  return { times, elapsedMs: performance.now() - started, failures };
}

function merge(samples: Sample[]): Sample {
  return { times: samples.flatMap((s) => s.times), elapsedMs: samples.reduce((a, s) => a + s.elapsedMs, 0), failures: samples.reduce((a, s) => a + s.failures, 0) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Figures {
  p50: number;
  p95: number;
  perSecond: number;
  turns: number;
  failures: number;
}

const figures = (s: Sample): Figures => ({ p50: percentile(s.times, 50), p95: percentile(s.times, 95), perSecond: (s.times.length / s.elapsedMs) * 1000, turns: s.times.length, failures: s.failures });

const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`);

/** Interleaved rounds: echo then ours, ours then echo, … */
async function interleaved(bots: [Bot, Bot], rounds: number, run: (bot: Bot) => Promise<Sample>): Promise<[Figures, Figures]> {
  const samples: [Sample[], Sample[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) samples[i]!.push(await run(bots[i]!));
  }
  return [figures(merge(samples[0])), figures(merge(samples[1]))];
}

function ratioRows(label: string, echo: Figures, ours: Figures): string[] {
  const failed = (f: Figures) => (f.failures ? ` (${f.failures} failed)` : '');
  return [
    `| ${label} | echo bot | ${echo.turns}${failed(echo)} | ${ms(echo.p50)} | ${ms(echo.p95)} | ${echo.perSecond.toFixed(0)} |`,
    `| ${label} | ours | ${ours.turns}${failed(ours)} | ${ms(ours.p50)} | ${ms(ours.p95)} | ${ours.perSecond.toFixed(0)} |`,
    `| ${label} | **ours / echo** | | ${(ours.p50 / echo.p50).toFixed(2)}× | **${(ours.p95 / echo.p95).toFixed(2)}×** | ${(ours.perSecond / echo.perSecond).toFixed(2)}× |`,
  ];
}

// ─── The checklist press ─────────────────────────────────────────────────────

/** One person working through the walkthrough: each press of Save & next is a timed write. */
class Walkthrough {
  private conversation?: Conversation;
  private card?: Record<string, unknown>;
  constructor(
    private readonly channel: BenchChannel,
    private readonly bot: Bot,
  ) {}

  private async begin() {
    const conversation = new Conversation(this.channel);
    // The start card arrives as a message; its Start button only needs the partnership's name.
    const started = this.channel.nextMessage(conversation.id);
    const sent = await post(`${this.bot.url}/api/messages`, conversation.activity({ type: 'message', text: 'checklist', textFormat: 'plain' }));
    if (sent.status !== 200) throw new Error(`checklist: HTTP ${sent.status}`);
    const startCard = ((await started).activity.attachments as Array<{ content?: unknown }> | undefined)?.[0]?.content;
    const startButton = button(startCard, 'Start');
    if (!startButton) throw new Error('the checklist start card has no Start button');
    const start = await conversation.execute(this.bot, startButton.verb, { ...startButton.data, partnershipName: 'Benchtown Safeguarding Children Partnership' });
    this.conversation = conversation;
    this.card = start.card;
  }

  async press(): Promise<number> {
    let save = this.card && button(this.card, 'Save & next');
    if (!save) {
      await this.begin();
      save = button(this.card, 'Save & next');
      if (!save) throw new Error('the checklist did not open an item card with Save & next');
    }
    const pressed = await this.conversation!.execute(this.bot, save.verb, save.inputs ? { ...save.data, answer: 'partly', note: 'Minutes of the March board' } : save.data);
    this.card = pressed.card;
    return pressed.ms;
  }
}

async function checklistPresses(channel: BenchChannel, bots: [Bot, Bot], options: { concurrency: number; rounds: number; perRound: number }) {
  const walkers = new Map<Bot, Walkthrough[]>();
  for (const bot of bots) walkers.set(bot, Array.from({ length: options.concurrency }, () => new Walkthrough(channel, bot)));
  const echoConversations = Array.from({ length: options.concurrency }, () => new Conversation(channel));
  return interleaved(bots, options.rounds, (bot) =>
    drive(options.concurrency, options.perRound, async (worker) =>
      bot.name === 'echo' ? (await echoConversations[worker]!.execute(bot, 'save', { answer: 'partly', note: 'Minutes of the March board' })).ms : walkers.get(bot)![worker]!.press(),
    ),
  );
}

// ─── The whole run ───────────────────────────────────────────────────────────

export async function turnBench(options: TurnBenchOptions): Promise<string> {
  const total = options.turns ?? 10_000;
  const levels = options.concurrency ?? [10, 50];
  const rounds = options.rounds ?? 4;
  const perRound = options.turnsPerRound ?? 250;
  const qs = options.questions;
  const channel = await new BenchChannel().start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lscp-turn-bench-'));
  const ourEnv = { DATA_DIR: dataDir, DATABASE_URL: '', FAIR_USE_BURST: '1000', FAIR_USE_PER_MINUTE: '10000', MicrosoftAppId: '', MicrosoftAppPassword: '' };
  const out: string[] = [];
  const bots: Bot[] = [];
  try {
    process.stderr.write('turns: starting the echo bot and ours …\n');
    const echo = await spawnBot('echo', [path.join('dist', 'cli', 'echoBot.js')], {});
    bots.push(echo);
    // BENCH_OURS_NODE_OPTIONS tries node options on our process only (e.g. heap sizes) without editing package.json.
    const ours = await spawnBot('ours', [...(options.ourNodeArgs ?? []), ...(process.env.BENCH_OURS_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? []), ...startCommand()], ourEnv);
    bots.push(ours);
    const pair: [Bot, Bot] = [echo, ours];
    // RSS of both bots at the same points, so ours is read against the framework's own floor.
    const rss = new Map<string, Map<Bot, number>>([['at start (ready, no turn yet)', new Map(pair.map((b) => [b, rssMb(b.pid)]))]]);
    // Each bot's question turns are counted wherever they happen, so RSS is read at exactly 1,000.
    const turnsOf = new Map<Bot, number>(pair.map((b) => [b, 0]));
    const checkpoints = [1000, 2000, 5000, total].filter((n, i, all) => n <= total && all.indexOf(n) === i);
    const countTurn = (bot: Bot) => {
      const n = turnsOf.get(bot)! + 1;
      turnsOf.set(bot, n);
      if (!checkpoints.includes(n)) return;
      const when = `after ${n.toLocaleString('en-GB')} turns`;
      if (!rss.has(when)) rss.set(when, new Map());
      rss.get(when)!.set(bot, rssMb(bot.pid));
    };
    const conversations = new Map<Bot, Conversation[]>();
    for (const bot of pair) conversations.set(bot, Array.from({ length: Math.max(...levels) }, () => new Conversation(channel)));
    const ask = (bot: Bot, worker: number, n: number) =>
      conversations
        .get(bot)![worker]!.say(bot, qs[n % qs.length]!)
        .finally(() => countTurn(bot));

    // --presses-only leaves the question turns out (a profile of presses alone).
    if (options.questionTurns !== false) {
      const first = [await ask(echo, 0, 0), await ask(ours, 0, 0)];
      // Untimed: each conversation's first turn stores its reference, and the JIT settles.
      for (const bot of pair) await drive(Math.max(...levels), Math.max(...levels) * 2, (worker, n) => ask(bot, worker, n));

      out.push(
        `Question turns through HTTP: POST /api/messages → the reply at a loopback channel stand-in; ${qs.length} evaluation questions in turn; ${rounds} rounds of ${perRound} turns per bot and level, interleaved; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
        '',
        '| concurrent conversations | bot | turns | p50 | p95 | turns/s |',
        '|---|---|---|---|---|---|',
      );
      for (const c of levels) {
        process.stderr.write(`turns: ${c} concurrent conversations …\n`);
        const [e, o] = await interleaved(pair, rounds, (bot) => drive(c, perRound, (worker, n) => ask(bot, worker, n)));
        out.push(...ratioRows(String(c), e, o));
      }

      for (const bot of pair) {
        const more = total - turnsOf.get(bot)!;
        if (more <= 0) continue;
        process.stderr.write(`turns: ${more} more question turns for the memory figures (${bot.name}) …\n`);
        await drive(10, more, (worker, n) => ask(bot, worker, n));
      }

      out.push('', `Start-up (spawn → /readyz 200) and the first question turn after it:`, '', '| bot | spawn → ready | first turn |', '|---|---|---|');
      out.push(`| echo bot | ${ms(echo.readyMs)} | ${ms(first[0]!)} |`, `| ours (\`${['node', ...startCommand()].join(' ')}\`) | ${ms(ours.readyMs)} | ${ms(first[1]!)} |`);

      out.push('', 'RSS (VmRSS) of each process, question turns only:', '', '| when | ours | echo bot |', '|---|---|---|');
      const mb = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} MB`);
      for (const [when, of] of rss) out.push(`| ${when} | ${mb(of.get(ours))} | ${mb(of.get(echo))} |`);
    }

    if (options.presses === false) return out.join('\n');
    process.stderr.write('checklist: Save & next presses on SQLite …\n');
    out.push('', 'Checklist presses (Action.Execute invoke, POST → the card in the HTTP answer): ours saves an answer (Save & next on the CIS walkthrough); the echo bot answers the invoke with a card. 10 concurrent people, interleaved rounds.', '');
    out.push('| database | bot | presses | p50 | p95 | presses/s |', '|---|---|---|---|---|---|');
    const [ce, co] = await checklistPresses(channel, pair, { concurrency: 10, rounds, perRound: 100 });
    out.push(...ratioRows('SQLite', ce, co));

    if (options.postgresUrl) {
      process.stderr.write('checklist: Save & next presses on PostgreSQL …\n');
      const scratch = await scratchPostgres(options.postgresUrl);
      const pgBot = await spawnBot('ours', startCommand(), { ...ourEnv, DATABASE_URL: scratch.options.databaseUrl!, DATA_DIR: scratch.options.dataDir });
      try {
        const [pe, po] = await checklistPresses(channel, [echo, pgBot], { concurrency: 10, rounds, perRound: 100 });
        out.push(...ratioRows('PostgreSQL', pe, po));
      } finally {
        await pgBot.stop();
        await scratch.drop();
        rmSync(scratch.options.dataDir, { recursive: true, force: true });
      }
    } else {
      out.push('| PostgreSQL | skipped: set BENCH_POSTGRES_URL (or TEST_DATABASE_URL) to a server | | | | |');
    }
    return out.join('\n');
  } finally {
    for (const bot of bots) await bot.stop();
    await channel.stop();
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
