/**
 * Build the index of the curated corpus plus the published briefings, in a
 * worker thread (the bot) or in this thread (the command line, benchmarks).
 *
 * Building takes seconds and is pure CPU; on the main thread it would stall
 * every question asked meanwhile. In a worker only the final step, turning the
 * index data into a live knowledge base, runs on the main thread.
 */
import { Worker } from 'node:worker_threads';
import { loadCorpus, withExtraDocuments, type ExtraDocument } from '../knowledge/loadCorpus.js';
import { buildIndexData, type IndexData } from '../knowledge/searchIndex.js';
import type { Problem } from '../knowledge/problems.js';

export interface BuildInput {
  knowledgeDir: string;
  extra: ExtraDocument[];
  supersede: Array<[string, string]>;
}

export interface BuildOutput {
  data: IndexData;
  /** Problems in the extra documents only (the curated ones are `knowledge check`'s business). */
  problems: Problem[];
}

export async function buildCombinedIndex(input: BuildInput): Promise<BuildOutput> {
  const curated = await loadCorpus(input.knowledgeDir);
  const corpus = withExtraDocuments(curated, input.extra, input.supersede);
  const extraFiles = new Set(input.extra.map((f) => f.rel));
  return { data: buildIndexData(corpus), problems: corpus.problems.filter((p) => extraFiles.has(p.file)) };
}

/**
 * The worker: the built JavaScript file, or under tsx and vitest the TypeScript file loaded through
 * tsx's loader (registered inside the worker, as loader hooks belong to the thread that registers them).
 */
function startWorker(input: BuildInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./indexWorker.js', import.meta.url), { workerData: input });
  const script = JSON.stringify(new URL('./indexWorker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${script}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, workerData: input });
}

const WorkerReply = (value: unknown): value is { ok: true; data: BuildOutput } | { ok: false; message: string } =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

export function buildInWorker(input: BuildInput): Promise<BuildOutput> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(input);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: unknown) => {
      if (!WorkerReply(reply)) return settle(() => reject(new Error('the index worker sent something unexpected')));
      if (reply.ok) settle(() => resolve(reply.data));
      else settle(() => reject(new Error(`the index build failed: ${reply.message}`)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the index worker stopped (exit code ${code}) before it finished`))));
  });
}
