/**
 * Benchmark for `npm run bench`: publishing a briefing while questions keep
 * coming. For the real corpus and one ten times larger (every curated document
 * copied with its id suffixed, as the search benchmark does), it measures the
 * time from "published" to the new index serving, and question latency before
 * and during that rebuild (questions asked one after another, on the main
 * thread, while the worker builds). The figure that matters is the ratio of the
 * p95s, measured in the same run.
 */
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { KnowledgeHolder } from '../knowledge/holder.js';
import { LscpKnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadCorpus, type ExtraDocument } from '../knowledge/loadCorpus.js';
import { createLogger } from '../logging.js';
import type { Publication } from '../storage/publicationStore.js';
import { buildCombinedIndex, buildInWorker } from './buildIndex.js';
import { LiveKnowledge } from './liveKnowledge.js';

export interface SwapRow {
  size: number;
  passages: number;
  publishToServingMs: number;
  baselineP95: number;
  duringP95: number;
  duringMax: number;
  during: number;
}

const BRIEFING: Publication = {
  id: 'bench-kestrel-review-cycle',
  title: 'The Kestrel review cycle',
  publisher: 'Northmoor Safeguarding Partnership',
  published: '2026-11-20',
  topic: 'scrutiny',
  keyPoints: ['A scrutineer looks again at twelve closed referrals.', 'Practitioners never review their own team.', 'The executive agrees at most three actions.'],
  body: '## What the Kestrel review cycle is\n\nThe Kestrel review cycle is a six-week rhythm of looking again at a sample of closed multi-agency referrals.\n',
  fileName: 'kestrel.pdf',
  fileType: 'pdf',
  supersedes: null,
  status: 'published',
  publishedById: 'bench',
  publishedByName: 'Bench',
  publishedAt: '2026-12-03T08:00:00.000Z',
  withdrawnByName: null,
  withdrawnAt: null,
  notify: 'none',
  notifyJobId: null,
};

/** The curated Markdown documents again, `times - 1` more times, ids suffixed (the glossary once: its terms must stay unique). */
async function copies(knowledgeDir: string, times: number): Promise<ExtraDocument[]> {
  if (times <= 1) return [];
  const corpus = await loadCorpus(knowledgeDir, { displayRoot: knowledgeDir });
  const texts = await Promise.all(corpus.documents.filter((d) => d.frontMatter.kind !== 'glossary').map(async (d) => ({ file: d.file, text: await readFile(`${knowledgeDir}/${d.file}`, 'utf8') })));
  const out: ExtraDocument[] = [];
  for (let k = 1; k < times; k++) {
    for (const { file, text } of texts) {
      out.push({ rel: `copies/${k}/${file}`, text: text.replace(/^(id|supersededBy): *"?([a-z0-9-]+)"?\s*$/gm, `$1: $2-copy${k}`) });
    }
  }
  return out;
}

function p95(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.95 * sorted.length) - 1))] ?? 0;
}

async function timedAsk(kb: KnowledgeHolder, question: string): Promise<number> {
  const s = performance.now();
  kb.ask(question);
  const ms = performance.now() - s;
  await yieldToEvents(); // let the worker's reply (and the swap) in between questions, as between turns
  return ms;
}

export async function benchPublishSwap(options: { knowledgeDir: string; questions: string[]; sizes?: number[]; repeat?: number }): Promise<SwapRow[]> {
  const rows: SwapRow[] = [];
  for (const size of options.sizes ?? [1, 10]) {
    const extra = await copies(options.knowledgeDir, size);
    const initial = await buildCombinedIndex({ knowledgeDir: options.knowledgeDir, extra, supersede: [] });
    const holder = new KnowledgeHolder(new LscpKnowledgeBase(initial.data));
    for (let w = 0; w < 2; w++) for (const q of options.questions) holder.ask(q);
    const baseline: number[] = [];
    for (let r = 0; r < (options.repeat ?? 3); r++) for (const q of options.questions) baseline.push(await timedAsk(holder, q));

    let revision = 0;
    const live = new LiveKnowledge({
      holder,
      store: { revision: async () => revision, list: async () => (revision ? [BRIEFING] : []) },
      knowledgeDir: options.knowledgeDir,
      pollMs: 60_000,
      log: createLogger('silent'),
      build: (input) => buildInWorker({ ...input, extra: [...extra, ...input.extra] }),
    });
    revision = 1;
    const started = performance.now();
    let done = false;
    const swapped = live.sync().then(() => {
      done = true;
    });
    const during: number[] = [];
    while (!done) for (const q of options.questions) if (!done) during.push(await timedAsk(holder, q));
    await swapped;
    const publishToServingMs = performance.now() - started;
    if (!holder.document(BRIEFING.id)) throw new Error('the new briefing was not swapped in');
    // "Normal" is measured before and after the rebuild, so a shared machine's load drifting meanwhile counts on both sides.
    for (let w = 0; w < 2; w++) for (const q of options.questions) holder.ask(q);
    for (let r = 0; r < (options.repeat ?? 3); r++) for (const q of options.questions) baseline.push(await timedAsk(holder, q));
    rows.push({ size, passages: holder.stats.chunks, publishToServingMs, baselineP95: p95(baseline), duringP95: p95(during), duringMax: Math.max(0, ...during), during: during.length });
    await live.stop();
  }
  return rows;
}

export function swapTable(rows: SwapRow[]): string {
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const lines = [
    'Publishing a briefing while answering: the index rebuilt in a worker thread and swapped in; questions asked one after another meanwhile',
    '',
    '| corpus | passages | publish → serving | question p95, before and after | p95 during rebuild (ratio) | slowest during | questions during |',
    '|--------|----------|-------------------|--------------------------------|----------------------------|----------------|------------------|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.size}× | ${r.passages} | ${f(r.publishToServingMs / 1000)} s | ${f(r.baselineP95)} ms | ${f(r.duringP95)} ms (${(r.duringP95 / Math.max(r.baselineP95, 0.001)).toFixed(1)}×) | ${f(r.duringMax)} ms | ${r.during} |`,
    );
  }
  return lines.join('\n');
}
