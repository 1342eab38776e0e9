/**
 * The worker thread that builds a search index off the main thread, so the
 * bot keeps answering (from the old index) while a new one is built. It reads
 * the curated knowledge files itself, adds the published briefings it is
 * given, and posts back the index data, or one line saying why it failed.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildCombinedIndex, type BuildInput } from './buildIndex.js';

// A lower priority for this thread only (Linux nice values are per thread): when the CPU is short, questions on
// the main thread come first (nice 10 weighs about a tenth of normal), yet a busy machine still finishes the build.
try {
  setPriority(10);
} catch {
  // Not permitted here: build at normal priority.
}

const input = workerData as BuildInput;
buildCombinedIndex(input)
  .then((data) => parentPort?.postMessage({ ok: true, data }))
  .catch((error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }));
