/**
 * Shared set-up for the knowledge tests: knowledge bases over the small fixture
 * corpora (built in memory, never written to dist/) and over the real corpus.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/knowledge/loadCorpus.js';
import { LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { buildIndexData } from '../../src/knowledge/searchIndex.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const BASIC = path.join(FIXTURES, 'knowledge-basic');
export const BROKEN = path.join(FIXTURES, 'knowledge-broken');
export const REAL = path.join(ROOT, 'knowledge');

const cache = new Map<string, Promise<LscpKnowledgeBase>>();

/** A knowledge base built in memory from a directory (cached per directory). */
export function knowledgeBaseFor(dir: string): Promise<LscpKnowledgeBase> {
  let kb = cache.get(dir);
  if (!kb) {
    kb = loadCorpus(dir).then((corpus) => {
      const built = new LscpKnowledgeBase(buildIndexData(corpus));
      built.problems = corpus.problems;
      return built;
    });
    cache.set(dir, kb);
  }
  return kb;
}

/** Does a passage (title or text) contain every needle, ignoring case? */
export function contains(p: { title: string; text: string }, ...needles: string[]): boolean {
  const hay = `${p.title}\n${p.text}`.toLowerCase();
  return needles.every((n) => hay.includes(n.toLowerCase()));
}
