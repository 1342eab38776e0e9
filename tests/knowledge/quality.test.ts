/**
 * The search's named constants and rules, checked together the only way that
 * means anything: on the tuning question sets. A change to a weight, a
 * threshold or a word list that makes the search worse on them fails here.
 * (The blind set is never read by tests: it is only scored, tables only, by
 * `npm run eval -- --blind`.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankOf } from '../../src/cli/eval.js';
import { REAL, ROOT, knowledgeBaseFor } from './helpers.js';

interface Question {
  id: string;
  question: string;
  mustContain: string[];
  offTopic: boolean;
}

const questions: Question[] = ['questions.jsonl', 'holdout.jsonl', 'dev.jsonl'].flatMap((f) =>
  readFileSync(path.join(ROOT, 'tests', 'eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ mustContain: [], offTopic: false, ...(JSON.parse(l) as Partial<Question>) }) as Question),
);

describe('search quality on the tuning sets', () => {
  it('keeps to its floors (measured 2026-12-03: hit@1 0.85, hit@3 0.94, off-topic declined 0.89, answerable declined 1.6%)', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const on = questions.filter((q) => !q.offTopic);
    const off = questions.filter((q) => q.offTopic);
    expect(on.length).toBeGreaterThan(600);
    const ranks = on.map((q) => {
      const a = kb.ask(q.question, { limit: 10 });
      return rankOf(q, { answered: a.answered, passages: a.passages });
    });
    const share = (n: number, d: number) => n / d;
    const hit1 = share(ranks.filter((r) => r === 1).length, on.length);
    const hit3 = share(ranks.filter((r) => r >= 1 && r <= 3).length, on.length);
    const declined = share(on.filter((q) => !kb.ask(q.question).answered).length, on.length);
    const offDeclined = share(off.filter((q) => !kb.ask(q.question).answered).length, off.length);
    // Floors a little under today's figures, so noise-free (the search is deterministic) but not brittle to a one-question trade.
    expect(hit1).toBeGreaterThanOrEqual(0.84);
    expect(hit3).toBeGreaterThanOrEqual(0.93);
    expect(offDeclined).toBeGreaterThanOrEqual(0.87);
    expect(declined).toBeLessThanOrEqual(0.025);
  });
});
