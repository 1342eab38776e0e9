/**
 * American spellings are searched as the British spellings the knowledge files use.
 */
import { describe, expect, it } from 'vitest';
import { britishSpellings } from '../../src/knowledge/britishSpelling.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

const clauseTerms = (kb: Awaited<ReturnType<typeof knowledgeBaseFor>>, q: string) => kb.search(q).plan.clauses.map((c) => `${c.term}|${c.fields.join(',')}`).sort();

describe('britishSpellings', () => {
  it.each([
    ['neighboring', 'neighbouring'],
    ['behavior', 'behaviour'],
    ['prioritize', 'prioritise'],
    ['organizations', 'organisations'],
    ['analyze', 'analyse'],
    ['center', 'centre'],
    ['defense', 'defence'],
    ['catalog', 'catalogue'],
    ['program', 'programme'],
    ['counselor', 'counsellor'],
    ['judgment', 'judgement'],
    ['pediatric', 'paediatric'],
  ])('%s has the British spelling %s among its candidates', (american, british) => {
    expect(britishSpellings(american)).toContain(british);
  });

  it('offers nothing for a word without an American pattern', () => {
    expect(britishSpellings('scrutiny')).toEqual([]);
    expect(britishSpellings('partnership')).toEqual([]);
  });
});

describe('a question in American spelling', () => {
  it.each([
    ['neighboring boroughs', 'neighbouring boroughs'],
    ['how do partners prioritize', 'how do partners prioritise'],
    ['local organizations and scrutiny', 'local organisations and scrutiny'],
  ])('"%s" is searched as "%s"', async (american, british) => {
    const kb = await knowledgeBaseFor(REAL);
    expect(clauseTerms(kb, american)).toEqual(clauseTerms(kb, british));
  });

  it('is left as typed when the index has no British form of it ("motor" is not "motour")', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.search('motor insurance').plan.units[0]?.text).toBe('motor');
    expect(kb.search('motor insurance').plan.units[0]?.known).toBe(false);
  });
});
