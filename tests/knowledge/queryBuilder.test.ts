import { describe, expect, it } from 'vitest';
import { cutAtWord, editDistance, typoBudget } from '../../src/knowledge/queryBuilder.js';
import { answerType, answerWord, QUESTION_WORDS, tokenize } from '../../src/knowledge/analyser.js';
import { BASIC, REAL, knowledgeBaseFor } from './helpers.js';

const HOSTILE: unknown[] = [
  '',
  '   ',
  ':',
  'title:scrutiny',
  'scrutiny~2',
  'scrutiny^10',
  '*',
  'scrut*',
  '+scrutiny -chair',
  '-',
  '"independent scrutiny"',
  "'",
  '~^*+-:"',
  '🙂🙂 scrutiny 🚀',
  '👨‍👩‍👧',
  'constructor',
  '__proto__',
  'hasOwnProperty toString valueOf',
  'the of and to is it',
  'what is the',
  '\u0000\u0007\uFFFF',
  'scr\u0301utiny',
  '<script>alert(1)</script>',
  'a'.repeat(10_000),
  'scrutiny '.repeat(1_200),
  Array.from({ length: 2_000 }, (_, i) => `word${i}`).join(' '),
  null,
  undefined,
  42,
  { toString: () => 'scrutiny' },
];

describe('query building never throws', () => {
  for (const dir of [BASIC, REAL]) {
    it(`answers or declines every hostile input (${dir === BASIC ? 'fixture' : 'real'} corpus)`, async () => {
      const kb = await knowledgeBaseFor(dir);
      for (const input of HOSTILE) {
        const answer = kb.ask(input as string);
        expect(typeof answer.answered).toBe('boolean');
        expect(Array.isArray(answer.passages)).toBe(true);
        if (!answer.answered) {
          expect(answer.passages).toEqual([]);
          expect(answer.suggestions.length).toBeGreaterThan(0);
        }
        expect(() => kb.define(input as string)).not.toThrow();
      }
    });
  }

  it('treats lunr syntax characters as ordinary punctuation', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const plain = kb.ask('critical friend');
    for (const variant of ['critical:friend', '+critical -friend', 'critical~ friend^', '"critical friend"', 'critical* friend*']) {
      const a = kb.ask(variant);
      expect(a.answered).toBe(true);
      expect(a.passages[0]!.id).toBe(plain.passages[0]!.id);
    }
  });

  it('declines input made only of stop words, punctuation or emoji', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    for (const q of ['', 'what is the', '???', '🙂🙂🙂', 'the of and']) expect(kb.ask(q).answered).toBe(false);
  });

  it('handles 10 kB of pasted text: noise is declined, a pasted passage finds itself', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const noise = 'lorem ipsum dolor sit amet '.repeat(400);
    expect(noise.length).toBeGreaterThan(10_000);
    expect(kb.ask(noise).answered).toBe(false);
    const source = kb.chunks().find((c) => c.id === 'research-findings#who-employs-a-scrutineer')!;
    const pasted = `${source.text} `.repeat(Math.ceil(10_000 / source.text.length));
    expect(pasted.length).toBeGreaterThan(10_000);
    expect(kb.ask(pasted).passages[0]!.id).toBe(source.id);
  });

  it('cuts a long text at a word, so the last word is not a stray fragment', async () => {
    expect(cutAtWord('scrutiny scrutiny', 11)).toBe('scrutiny');
    expect(cutAtWord('scrutiny scrutiny', 9)).toBe('scrutiny');
    expect(cutAtWord('abcdefgh', 4)).toBe('abcd');
    const kb = await knowledgeBaseFor(REAL);
    const repeated = 'scrutiny '.repeat(1500);
    expect(kb.search(repeated).plan.units.map((u) => u.text)).toEqual(['scrutiny']);
    expect(kb.ask(repeated).answered).toBe(true);
  });
});

describe('tokens and typo tolerance', () => {
  it('reads small numbers the same in digits and words ("3 partners", "three partners")', async () => {
    expect(tokenize('3 partners').map((t) => t.term)).toEqual(tokenize('three partners').map((t) => t.term));
    expect(tokenize('28 of 95').map((t) => t.norm)).toEqual(['28', 'of', '95']);
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('what are the 3 safeguarding partners').passages[0]!.title).toMatch(/three safeguarding partners/i);
  });

  it('reads a pronoun with its verb run on as the pronoun, not as "wed" or "well"', async () => {
    expect(tokenize("we'd they’ll you've I'm").every((t) => t.stop)).toBe(true);
    expect(tokenize("children's").map((t) => t.norm)).toEqual(['children']);
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.search("how we'd show we'll meet the wt23 duties").plan.units.map((u) => u.text)).not.toContain("we'd");
    expect(kb.search("how we'd show we'll meet the wt23 duties").plan.units.map((u) => u.text)).not.toContain("we'll");
  });

  it('reads a contraction typed without its apostrophe ("isnt", "doesnt") as the stop word it is', async () => {
    const kb = await knowledgeBaseFor(REAL);
    for (const q of ['isnt the scrutineer independent', 'doesnt the scrutineer need to be independent']) {
      const unit = kb.search(q).plan.units.find((u) => u.text === q.split(' ')[0]);
      // Framing if it is a unit at all: it weighs as little as any everyday word and never decides a decline.
      if (unit) expect(unit.everyday, q).toBe(true);
      expect(kb.search(q).plan.units.map((u) => u.text)).toContain('independent');
    }
  });

  it('splits on punctuation, strips possessives and accents, keeps positions', () => {
    const tokens = tokenize("Children's (ICB) café—scrutiny?");
    expect(tokens.map((t) => t.norm)).toEqual(['children', 'icb', 'cafe', 'scrutiny']);
    expect(tokens[1]).toMatchObject({ raw: 'ICB', start: 12, length: 3 });
  });

  it('measures edit distance with adjacent swaps as one edit', () => {
    expect(editDistance('scrutiny', 'scrutniy', 2)).toBe(1);
    expect(editDistance('delegation', 'delagation', 2)).toBe(1);
    expect(editDistance('weather', 'whether', 1)).toBe(2);
  });

  it('only tolerates typos in longer words', () => {
    expect(typoBudget(4)).toBe(0);
    expect(typoBudget(5)).toBe(1);
    expect(typoBudget(6)).toBe(1);
    expect(typoBudget(10)).toBe(2);
  });

  it('corrects a slip in a five-letter word against the index vocabulary ("survy")', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const a = kb.ask('who ran the survy');
    expect(a.answered).toBe(true);
    expect(a.passages.slice(0, 3).some((p) => /survey/i.test(p.text))).toBe(true);
  });

  it('reads a phrase with a slip in it as the phrase meant ("yearley report")', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const unit = kb.search('what goes in the yearley report').plan.units.find((u) => /yearley/.test(u.text))!;
    expect(unit.alternatives.some((a) => a.kind === 'fuzzy' && a.terms.includes('yearli') && a.terms.includes('report'))).toBe(true);
    expect(kb.ask('what needs to go in the yearley report').passages[0]!.docId).toBe('yearly-report');
  });

  it('matches a misspelt word as its correction, not only as the concept the correction names ("reccomendations")', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const unit = kb.search('reccomendations of the arthur and star review').plan.units.find((u) => u.text === 'reccomendations')!;
    expect(unit.concepts.length).toBeGreaterThan(0);
    expect(unit.alternatives.some((a) => a.kind === 'fuzzy' && a.terms.includes('recommend'))).toBe(true);
    // So the heading that names the recommendations leads, as it does for the word spelt right.
    const typed = kb.ask('what were the reccomendations in the arthur and star review').passages[0]!.id;
    expect(typed).toBe(kb.ask('what were the recommendations in the arthur and star review').passages[0]!.id);
  });

  it('reads a listed stop word that one passage happens to use ("versus") as framing, not as a rare topic word', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const q = 'how do derby and derbyshire cope with city vs rural areas';
    const vs = kb.search(q).plan.units.find((u) => u.text === 'vs')!;
    expect(vs.alternatives.some((a) => a.terms.includes('versu'))).toBe(true); // the corpus has the word …
    expect(vs.everyday).toBe(true); // … in one passage only, so it frames the question
    expect(kb.ask(q).passages[0]!.docId).toBe('practice-derby-and-derbyshire');
  });

  it('finds misspelt words, without ranking a typo above an exact match', async () => {
    const kb = await knowledgeBaseFor(REAL);
    for (const [typo, needle] of [
      ['scrutinty', 'scrutin'],
      ['delagation', 'delegat'],
      ['safegaurding partners', 'safeguarding partner'],
      ['indepedent chair', 'independent chair'],
    ] as const) {
      const a = kb.ask(typo);
      expect(a.answered, typo).toBe(true);
      expect(a.passages[0]!.text.toLowerCase(), typo).toContain(needle);
    }
    // An exact word is never outranked by a passage that only matches its near-spelling.
    const exact = kb.ask('chair');
    expect(exact.passages[0]!.text.toLowerCase()).toMatch(/\bchair/);
  });

  it('reads abbreviations and run-together words', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const indep = kb.search('indep scrutineer').plan.units.find((u) => u.text === 'indep')!;
    expect(indep.alternatives.map((a) => a.terms.join('+'))).toContain('independ');
    expect(kb.ask('indep scrutineer').passages.some((p) => /independent scrutineer/i.test(p.text))).toBe(true);
    expect(kb.ask('headteacher representatives').passages.some((p) => /head teacher/i.test(p.text))).toBe(true);
  });
});

describe('question words', () => {
  const asks = (q: string) => answerType(tokenize(q));
  it('say what kind of answer a question asks for, "how" taking the word after it', () => {
    expect(asks('how often must partners publish')).toBe('how often');
    expect(asks('how do we start')).toBe('how');
    expect(asks('whose job is the yearly report')).toBe('who');
    expect(asks('which cis items depend on wt23')).toBe('which');
    expect(asks('constructor toString')).toBeUndefined();
  });

  it('headings keep the one word of each kind of answer, not "what" or a bare "how", which ask for an explanation', () => {
    expect([...QUESTION_WORDS].sort()).toEqual(['long', 'many', 'much', 'often', 'when', 'where', 'which', 'who', 'why']);
    expect(answerWord('how many')).toBe('many');
    expect(answerWord('what')).toBeUndefined();
    expect(answerWord('how')).toBeUndefined();
  });
});
