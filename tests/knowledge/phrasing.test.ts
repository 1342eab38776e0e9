/**
 * Every entry of knowledge/phrasing.yaml, one test each: a question written
 * with it is searched as the same question written out in full.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isStandardStopword, isStopWord } from '../../src/knowledge/analyser.js';
import { PhrasingFile } from '../../src/knowledge/phrasing.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

const phrasing = PhrasingFile.parse(parse(readFileSync(path.join(REAL, 'phrasing.yaml'), 'utf8')));
const clauseTerms = (kb: Awaited<ReturnType<typeof knowledgeBaseFor>>, q: string) => kb.search(q).plan.clauses.map((c) => `${c.term}|${c.fields.join(',')}`).sort();

describe('shorthand in knowledge/phrasing.yaml', () => {
  it.each(Object.entries(phrasing.shorthand))('"%s" is read as "%s"', async (short, word) => {
    // Shorthand for topic words belongs in the glossary or synonyms.yaml; here only words that frame a question.
    expect(isStopWord(word) || isStandardStopword(word), `${word} is not a stop word`).toBe(true);
    const kb = await knowledgeBaseFor(REAL);
    expect(clauseTerms(kb, `${short} independent scrutineer yearly report`)).toEqual(clauseTerms(kb, `${word} independent scrutineer yearly report`));
  });
});

describe('asking for the gist in knowledge/phrasing.yaml', () => {
  it.each(phrasing.gist)('"%s" says how to answer, not what about', async (gist) => {
    const kb = await knowledgeBaseFor(REAL);
    const units = kb.search(`${gist} of the wood review`).plan.units.map((u) => u.text.toLowerCase());
    for (const word of gist.split(' ')) expect(units).not.toContain(word);
    expect(units).toContain('wood review');
  });
});

describe('everyday things in knowledge/phrasing.yaml (elsewhere)', () => {
  it.each(phrasing.elsewhere)('"%s" names what a question is about, something the guidance does not cover', async (word) => {
    const kb = await knowledgeBaseFor(REAL);
    // Nothing else marks a word off-topic: an entry that a synonym group or the glossary swallows ("train" is read as training) does nothing and fails here.
    const unit = kb.search(`the partnership ${word}`).plan.units.find((u) => u.text.toLowerCase() === word);
    expect(unit?.offTopic).toBe(true);
  });

  it('decide declines: a question about one of them is declined though it names the partnership', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('my desk chair is broken who do i ask').answered).toBe(false);
    expect(kb.ask('will it rain in leeds tomorrow').answered).toBe(false);
  });
});
