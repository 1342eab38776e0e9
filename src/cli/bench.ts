/**
 * `npm run bench`: how fast the knowledge base loads and searches, and how that
 * grows with a corpus 10× and 100× larger.
 *
 * The larger corpora are synthetic copies of the real one (every document
 * repeated with its id suffixed, "-copy1", "-copy2", …; the glossary and the
 * checklist once), so the vocabulary stays the same and only the number of
 * passages grows. For each size it builds and serialises the index, then
 * measures the start-up path (read the file, parse it, lunr.Index.load, set up)
 * and the latency of `ask` over the evaluation questions, repeated.
 *
 * First (src/cli/turnBench.ts): question turns and checklist presses through
 * HTTP, our bot (built, as `npm start` runs it) against a bare botbuilder echo
 * bot, both spawned as processes; start-up time; our RSS over --turns turns.
 * --turns-only runs just that; --turns <n> (default 10,000) shortens it;
 * --profile <dir> writes a CPU profile of our process there (node --cpu-prof);
 * --no-presses leaves out the checklist presses (a profile of question turns alone),
 * --presses-only the question turns (a profile of presses alone).
 *
 * Options: --sizes 1,10,100   --repeat <times each question is asked> (default 5)
 *
 * Then the national picture and themes cards (src/cli/insightBench.ts);
 * --insight-only runs just those, BENCH_POSTGRES_URL adds PostgreSQL.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDelivery, deliveryTable } from '../delivery/bench.js';
import { benchFlood } from '../server/bench.js';
import { LscpKnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadCorpus, type Corpus, type LoadedDocument } from '../knowledge/loadCorpus.js';
import { buildIndexData, parseIndexData } from '../knowledge/searchIndex.js';
import { insightBench } from './insightBench.js';
import { execFileSync } from 'node:child_process';
import { turnBench } from './turnBench.js';
import { benchPublishSwap, swapTable } from '../publishing/bench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Questions to time: the evaluation set if present, else a built-in sample. */
async function questions(): Promise<string[]> {
  try {
    const text = await readFile(path.join(ROOT, 'tests', 'eval', 'questions.jsonl'), 'utf8');
    const qs = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => String((JSON.parse(l) as { question?: unknown }).question ?? ''))
      .filter(Boolean);
    if (qs.length) return qs;
  } catch {
    // fall through to the sample
  }
  return ['who are the lead safeguarding partners', 'wt18 scrutiny', 'rapid review timescale', 'icb', "what's the weather", 'scrutinty of the yearly report'];
}

/** The corpus with every document repeated `times` times (ids suffixed); glossary terms and the checklist once. */
export function syntheticCorpus(corpus: Corpus, times: number): Corpus {
  if (times <= 1) return corpus;
  const copies: LoadedDocument[] = [];
  for (let k = 1; k < times; k++) {
    for (const d of corpus.documents) {
      const fm = d.frontMatter;
      const { terms: _terms, ...rest } = fm;
      copies.push({
        ...d,
        frontMatter: {
          ...rest,
          id: `${fm.id}-copy${k}`,
          ...(fm.supersededBy ? { supersededBy: `${fm.supersededBy}-copy${k}` } : {}),
        },
      });
    }
  }
  return { ...corpus, documents: [...corpus.documents, ...copies], contentHash: `${corpus.contentHash}-x${times}` };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

interface Row {
  size: number;
  passages: number;
  buildMs: number;
  indexMb: number;
  loadMs: number;
  p50: number;
  p95: number;
  p99: number;
  queries: number;
}

async function measure(corpus: Corpus, size: number, qs: string[], repeat: number, dir: string): Promise<Row> {
  const synthetic = syntheticCorpus(corpus, size);
  let t = performance.now();
  const data = buildIndexData(synthetic);
  const buildMs = performance.now() - t;
  const file = path.join(dir, `index-${size}.json`);
  const json = JSON.stringify(data);
  await writeFile(file, json);
  const indexMb = Buffer.byteLength(json) / 1e6;

  // Start-up path, as loadKnowledgeBase does it: read, parse, load lunr, set up the engine.
  const loads: number[] = [];
  let kb: LscpKnowledgeBase | undefined;
  for (let i = 0; i < (size >= 100 ? 2 : 5); i++) {
    global.gc?.();
    t = performance.now();
    const parsed = parseIndexData(await readFile(file, 'utf8'));
    if (!parsed) throw new Error('could not read the index back');
    kb = new LscpKnowledgeBase(parsed);
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);

  // Untimed passes warm the JIT and the per-term caches, as a running bot would have.
  for (let w = 0; w < 2; w++) for (const q of qs) kb!.ask(q);
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    for (const q of qs) {
      const s = performance.now();
      kb!.ask(q);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  return {
    size,
    passages: data.chunks.length,
    buildMs,
    indexMb,
    loadMs: loads[Math.floor(loads.length / 2)]!,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    queries: times.length,
  };
}

function table(rows: Row[]): string {
  const base = rows[0]!;
  const ratio = (v: number, b: number) => (b > 0 ? `${(v / b).toFixed(1)}×` : '-');
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const lines = [
    '| corpus | passages | index file | build | load (ratio) | search p50 | search p95 (ratio) | search p99 |',
    '|--------|----------|------------|-------|--------------|------------|--------------------|------------|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${`${r.size}×`.padEnd(6)} | ${String(r.passages).padEnd(8)} | ${`${r.indexMb.toFixed(1)} MB`.padEnd(10)} | ${`${f(r.buildMs / 1000)} s`.padEnd(5)} | ${`${f(r.loadMs)} ms (${ratio(r.loadMs, base.loadMs)})`.padEnd(12)} | ${`${f(r.p50)} ms`.padEnd(10)} | ${`${f(r.p95)} ms (${ratio(r.p95, base.p95)})`.padEnd(18)} | ${`${f(r.p99)} ms`.padEnd(10)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const insight = () => insightBench({ postgresUrl: process.env.BENCH_POSTGRES_URL || undefined });
  if (argv.includes('--insight-only')) return void process.stdout.write(`${await insight()}\n`);
  const qs = await questions();
  // The turn figures are of the built bot, as `npm start` runs it.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-state.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const turns = await turnBench({ questions: qs, turns: Number(arg('--turns') ?? 10_000) || 10_000, postgresUrl: process.env.BENCH_POSTGRES_URL || process.env.TEST_DATABASE_URL || undefined,
    presses: !argv.includes('--no-presses'),
    questionTurns: !argv.includes('--presses-only'),
    ourNodeArgs: arg('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(arg('--profile')!)}`] : [],
  });
  process.stdout.write(`${turns}\n\n`);
  if (argv.includes('--turns-only') || argv.includes('--presses-only')) return;
  const sizes = (arg('--sizes') ?? '1,10,100').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1);
  const repeat = Math.max(1, Number(arg('--repeat') ?? 5) || 5);
  const corpus = await loadCorpus(path.join(ROOT, 'knowledge'));
  const dir = await mkdtemp(path.join(tmpdir(), 'lscp-bench-'));
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      process.stderr.write(`measuring ${size}× …\n`);
      rows.push(await measure(corpus, size, qs, repeat, dir));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${await insight()}\n\n`);
  process.stdout.write(
    `Search benchmark: ${qs.length} questions × ${repeat} timed runs per size (after two warm-up passes); load = read + parse + lunr.Index.load; Node ${process.version}\n\n`,
  );
  process.stdout.write(`${table(rows)}\n`);

  process.stderr.write('measuring briefing notice delivery …\n');
  const delivery = await benchDelivery({ subscribers: [1000], latencyMs: 20, briefingId: 'briefing-independent-scrutiny-7-minute' });
  process.stdout.write(`\n${deliveryTable(delivery)}\n`);

  process.stderr.write('measuring a briefing published while answering …\n');
  process.stdout.write(`\n${swapTable(await benchPublishSwap({ knowledgeDir: path.join(ROOT, 'knowledge'), questions: qs }))}\n`);

  process.stderr.write('measuring fair use under a flood …\n');
  process.stdout.write(`\n${await benchFlood()}\n`);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
