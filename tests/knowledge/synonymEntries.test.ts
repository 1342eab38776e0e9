/**
 * Every entry of knowledge/synonyms.yaml and every name of a glossary term, one test per
 * group or term: a question that uses the entry is read as its concept. An entry the
 * search can never recognise (reduced to nothing by stop words, or swallowed by a longer
 * reading) fails here instead of silently doing nothing.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/knowledge/loadCorpus.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

const corpus = await loadCorpus(REAL);
const recognised = async (text: string, label: string, kind: 'term' | 'group') => {
  const kb = await knowledgeBaseFor(REAL);
  return kb.search(text).plan.units.some((u) => u.concepts.some((c) => c.kind === kind && c.label === label));
};

describe('each synonym group in knowledge/synonyms.yaml', () => {
  it.each(corpus.synonyms.filter((g) => g.length > 1).map((g) => [g[0]!, g] as const))('"%s": every entry is read as the group', async (label, group) => {
    const missed: string[] = [];
    for (const entry of group) if (!(await recognised(entry, label, 'group'))) missed.push(entry);
    expect(missed).toEqual([]);
  });
});

describe('each glossary term', () => {
  const terms = corpus.documents.flatMap((d) => d.frontMatter.terms ?? []);
  it.each(terms.map((t) => [t.term, t] as const))('"%s": its name, long form and aliases are read as the term', async (label, t) => {
    const missed: string[] = [];
    for (const name of [t.term, t.standsFor, ...t.also]) if (!(await recognised(name, label, 'term'))) missed.push(name);
    expect(missed).toEqual([]);
  });
});
