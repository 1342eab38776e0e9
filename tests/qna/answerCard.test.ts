import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { loadCardTemplates } from '../../src/cards/renderCard.js';
import { answerCardData, PAGE_SIZE, THANKS } from '../../src/qna/answerCard.js';
import { boundedQuestion, emphasise, excerpt, MAX_QUESTION_CHARS, plainMarkdown, supersededNote } from '../../src/qna/text.js';
import { cardActions, cardText } from '../support/conversation.js';
import { cardProblems } from '../support/validateCard.js';
import { largestAnswerCard, largestMorePage, passage } from './cardSamples.js';

const cards = loadCardTemplates(`${PROJECT_ROOT}cards`);
const FID = '6f1c1f8e-2b6a-4d7e-9a51-0c2f3e4d5b6a';

describe('emphasis', () => {
  it('bolds whole words that matched, in any case, and joins neighbouring matches into one phrase', () => {
    expect(emphasise('Lead safeguarding partners must agree.', ['lead', 'safeguarding', 'partners'])).toBe('**Lead safeguarding partners** must agree.');
    expect(emphasise('The scrutineer scrutinises.', ['scrutineer'])).toBe('The **scrutineer** scrutinises.');
  });

  it('does not bold parts of words', () => {
    expect(emphasise('ICBs and the ICB', ['ICB'])).toBe('ICBs and the **ICB**');
  });

  it('prefers the longest term', () => {
    expect(emphasise('the safeguarding partners', ['partners', 'safeguarding partners'])).toBe('the **safeguarding partners**');
  });

  it('neutralises Markdown in the source text so only the emphasis shows', () => {
    expect(plainMarkdown('a *b* [link](http://x) _c_')).toBe('a b link c');
    expect(emphasise('a *risky* text', ['text'])).toBe('a risky **text**');
  });

  it('turns line breaks into paragraph breaks, which is how Teams shows them', () => {
    expect(emphasise('one\ntwo', [])).toBe('one\n\ntwo');
  });

  it('treats regular-expression characters in terms as text, never as a pattern', () => {
    expect(emphasise('costs (£) and more', ['(£)', '.*', '[a-z]+'])).toBe('costs (£) and more');
    expect(emphasise('a 12-month period, not 12 month', ['12-month'])).toBe('a **12-month** period, not 12 month');
    expect(emphasise("the children's views", ["children's"])).toBe("the **children's** views");
  });
});

describe('excerpts and questions', () => {
  it('cuts at a sentence or a word, never mid-word', () => {
    const text = 'First sentence is here. Second sentence is rather longer than the first one.';
    expect(excerpt(text, 30)).toBe('First sentence is here.');
    expect(excerpt('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
    expect(excerpt('short', 20)).toBe('short');
  });

  it('bounds a long question', () => {
    const q = boundedQuestion('word '.repeat(200));
    expect(q.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(q.endsWith('word')).toBe(true);
  });
});

describe('the superseded note', () => {
  it('names the replacement and says to check the current guidance', () => {
    expect(supersededNote({ id: 'health-partner-icb', title: 'The ICB as the health partner', note: 'ICBs replaced CCGs on 1 July 2022.' })).toBe(
      'Superseded by the ICB as the health partner — check the current guidance. ICBs replaced CCGs on 1 July 2022.',
    );
    expect(supersededNote(undefined)).toBe('Superseded by newer guidance — check the current guidance.');
  });
});

describe('answer card data', () => {
  const answer = (n: number) => ({
    answered: true,
    answer: 'The scrutineer should be objective.',
    sentences: ['The scrutineer should be objective.'],
    passages: Array.from({ length: n }, (_, i) => passage({ id: `doc#p${i}`, matchedTerms: ['scrutineer'] })),
    suggestions: [],
    relatedChecklistItems: [],
  });

  it('shows the answer with emphasis, the lead source, and the rest as "Also relevant"', () => {
    const data = answerCardData({ question: 'who scrutinises?', answer: answer(PAGE_SIZE + 1), offset: 0, feedbackId: FID, related: [] });
    expect(data.answer).toBe('The **scrutineer** should be objective.');
    expect(data.lead.map((p) => p.id)).toEqual(['doc#p0']);
    expect(data.passages.map((p) => p.id)).toEqual(['doc#p1', 'doc#p2']);
    expect(data.hasMore).toBe(true);
    expect(data.more.data).toEqual({ q: 'who scrutinises?', o: PAGE_SIZE, f: FID });
    expect(data.more.submit).toEqual({ verb: 'answer.more', q: 'who scrutinises?', o: PAGE_SIZE, f: FID });
    expect(data.yes.data).toEqual({ q: 'who scrutinises?', o: 0, f: FID, v: 'up', p: ['doc#p0', 'doc#p1', 'doc#p2'] });
  });

  it('has no More results when the search has nothing past this page', () => {
    expect(answerCardData({ question: 'q', answer: answer(PAGE_SIZE), offset: 0, feedbackId: FID, related: [] }).hasMore).toBe(false);
  });

  it('on a later page shows every passage with text, and a way back', () => {
    const data = answerCardData({ question: 'q', answer: answer(2), offset: PAGE_SIZE, feedbackId: FID, related: [] });
    expect(data.heading).toBe('More from the guidance (results 4 to 5)');
    expect(data.hasAnswer).toBe(false);
    expect(data.passages.map((p) => p.id)).toEqual(['doc#p0', 'doc#p1']);
    expect(data.passages[0]!.text).toContain('**scrutineer**');
    expect(data.showBack).toBe(true);
    expect(data.back.data.o).toBe(0);
  });

  it('carries the vote to later pages so the thanks stays', () => {
    const data = answerCardData({ question: 'q', answer: answer(PAGE_SIZE + 1), offset: 0, feedbackId: FID, voted: 'down', related: [] });
    expect(data.voted).toBe(true);
    expect(data.more.data.d).toBe('down');
    const card = cards.render('answer', data);
    expect(cardText(card)).toContain(THANKS);
    expect(cardActions(card).some((a) => a.title === 'Yes')).toBe(false);
  });

  it('offers an OpenUrl for a source with a link, and opens a CIS item in the checklist', () => {
    const withUrl = answerCardData({ question: 'q', answer: { ...answer(0), passages: [passage(), passage({ id: 'cis#CIS-E3', kind: 'checklist', source: { ...passage().source, url: undefined } })] }, offset: 0, feedbackId: FID, related: [] });
    const card = cards.render('answer', withUrl);
    const actions = cardActions(card);
    expect(actions.find((a) => a.title === 'Open source')).toMatchObject({ type: 'Action.OpenUrl' });
    expect(actions.find((a) => a.title === 'Open CIS-E3 in the checklist')).toMatchObject({ type: 'Action.Submit', data: { command: 'checklist CIS-E3' } });
  });

  it('shows the superseded note in attention colour', () => {
    const data = answerCardData({
      question: 'q',
      answer: { ...answer(0), passages: [passage({ superseded: true, supersededBy: { id: 'x', title: 'ICB guidance' } })] },
      offset: 0,
      feedbackId: FID,
      related: [],
    });
    const json = JSON.stringify(cards.render('answer', data));
    expect(json).toContain('"text":"Superseded by ICB guidance — check the current guidance.","wrap":true,"color":"Attention"');
  });

  it('lists related checklist items in a ShowCard, each opening the checklist at that item', () => {
    const data = answerCardData({ question: 'q', answer: answer(1), offset: 0, feedbackId: FID, related: [{ itemId: 'CIS-E3', sectionId: 'E', question: 'Is scrutiny independent?' }] });
    const related = cardActions(cards.render('answer', data)).find((a) => a.title === 'Related checklist items') as { type: string; card: unknown };
    expect(related.type).toBe('Action.ShowCard');
    expect(cardActions(related.card)).toEqual([expect.objectContaining({ type: 'Action.Submit', title: 'Open CIS-E3 in the checklist', data: { command: 'checklist CIS-E3' } })]);
  });

  it('keeps the largest possible cards valid and under 20 KB', () => {
    for (const data of [largestAnswerCard, largestMorePage]) {
      const card = cards.render('answer', data);
      expect(cardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
    }
  });
});
