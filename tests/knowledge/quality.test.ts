/**
 * The search's named constants and rules, checked together the only way that
 * means anything: on the tuning question sets. A change to a weight, a
 * threshold or a word list that makes the search worse on them fails here.
 * (The blind set is never read by tests: it is only scored, tables only, by
 * `npm run eval -- --blind`.)
 */
import { describe, expect, it } from 'vitest';
import { REAL, knowledgeBaseFor } from './helpers.js';
import { figures, tuningQuestions } from './tuningSets.js';

describe('search quality on the tuning sets', () => {
  it('keeps to its floors (measured 2026-12-04, late: hit@1 0.845, hit@3 0.950, off-topic declined 0.853, answerable declined 0.44%)', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(tuningQuestions.filter((q) => !q.offTopic).length).toBeGreaterThan(1300);
    const { hit1, hit3, declined, offDeclined } = figures(kb);
    // Floors a little under today's figures, so noise-free (the search is deterministic) but not brittle to a one-question trade.
    expect(hit1).toBeGreaterThanOrEqual(0.84);
    expect(hit3).toBeGreaterThanOrEqual(0.94);
    expect(offDeclined).toBeGreaterThanOrEqual(0.84);
    expect(declined).toBeLessThanOrEqual(0.01);
  });
});
