/**
 * Each of the search's tuning constants (DEFAULT_TUNING in src/knowledge/search.ts, with
 * the query builder's DEFAULT_QUERY_TUNING, and the index's FIELD_BOOSTS) earns its place, one at a time: set to the value that switches it off, the
 * tuning sets score worse. A constant that stopped mattering fails here and
 * should go. The two that only bound the work done per question (how many
 * candidates are re-ranked, which common words are left out of retrieval)
 * must change nothing at all.
 */
import { describe, expect, it } from 'vitest';
import { LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { loadCorpus } from '../../src/knowledge/loadCorpus.js';
import { buildIndexData, FIELD_BOOSTS, type IndexData } from '../../src/knowledge/searchIndex.js';
import type { SearchTuning } from '../../src/knowledge/search.js';
import { REAL } from './helpers.js';
import { figures, type Figures } from './tuningSets.js';

let data: Promise<IndexData> | undefined;
const measured = new Map<string, Figures>();
async function measure(tuning: Partial<SearchTuning>): Promise<Figures> {
  const key = JSON.stringify(tuning);
  const known = measured.get(key);
  if (known) return known;
  data ??= loadCorpus(REAL).then(buildIndexData);
  const result = figures(new LscpKnowledgeBase(await data, { tuning }));
  measured.set(key, result);
  return result;
}

/** One figure for "how good": every measure counts, none can buy the others. */
const quality = (f: Figures) => f.hit1 + f.hit3 + f.offDeclined - f.declined;

describe('each tuning constant, switched off, makes the search worse on the tuning sets', () => {
  it.each<[string, Partial<SearchTuning>]>([
    ['minCoverage (decline below this coverage)', { minCoverage: 0 }],
    ['supersededFactor', { supersededFactor: 1 }],
    ['sameDocumentFactors (diversity)', { sameDocumentFactors: [1, 1, 1] }],
    ['coverageWeight', { coverageWeight: 0 }],
    ['glossaryFactor', { glossaryFactor: 1 }],
    ['besideGuidanceFactor (checklist items, the assistant\'s description of itself)', { besideGuidanceFactor: 1 }],
    ['documentLevelCredit (a match in the title or tags only)', { documentLevelCredit: 1 }],
    ['everydayCredit', { everydayCredit: 1 }],
    ['offTopicCredit', { offTopicCredit: 1 }],
    // The query builder's (QueryTuning in src/knowledge/queryBuilder.ts): a boost or credit is off at 1,
    // the strength of an exact word match.
    ['groupBoost (synonym groups, other forms of a word)', { groupBoost: 1 }],
    ['guessBoost (typos and prefixes)', { guessBoost: 1 }],
    ['questionBoost (question words against headings)', { questionBoost: 0 }],
    ['guessCredit', { guessCredit: 1 }],
    ['guessWeightFactor', { guessWeightFactor: 1 }],
    ['everydayWeight (cap)', { everydayWeight: Infinity }],
    ['framingScore', { framingScore: -Infinity }],
    ['realWordCount (real words are not typos)', { realWordCount: Infinity }],
    ['englishWordCount', { englishWordCount: Infinity }],
    ['commonWordCount', { commonWordCount: Infinity }],
    ['offTopicWeight', { offTopicWeight: 0 }],
    ['conceptWeightFactor', { conceptWeightFactor: 1 }],
  ])('%s', async (_name, off) => {
    expect(quality(await measure(off))).toBeLessThan(quality(await measure({})));
  }, 120_000);
});

describe('each field boost of the index, set to 1, makes the search worse on the tuning sets', () => {
  const corpus = loadCorpus(REAL);
  const quality0 = async () => quality(await measure({}));
  it.each((Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[]).filter((f) => FIELD_BOOSTS[f] !== 1))('%s', async (field) => {
    const data = buildIndexData(await corpus, { boosts: { ...FIELD_BOOSTS, [field]: 1 } });
    expect(quality(figures(new LscpKnowledgeBase(data)))).toBeLessThan(await quality0());
  }, 120_000);
});

describe('the work bounds change no ranking', () => {
  it.each<[string, Partial<SearchTuning>]>([
    ['candidates (re-ranked per question)', { candidates: 100_000 }],
    ['commonShare (common words left out of retrieval)', { commonShare: 1 }],
  ])('%s', async (_name, unbounded) => {
    expect((await measure(unbounded)).ranks).toEqual((await measure({})).ranks);
  }, 120_000);
});
