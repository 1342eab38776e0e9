import { describe, expect, it } from 'vitest';
import { DECLINE_MESSAGE, LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { BASIC, REAL, contains, knowledgeBaseFor } from './helpers.js';

describe('synonyms and acronyms', () => {
  it('"wt18" finds passages that only say "Working Together 2018"', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('wt18 critical friend');
    expect(a.answered).toBe(true);
    expect(a.passages[0]!.docId).toBe('wt2018-scrutiny');
    expect(a.passages[0]!.text).not.toMatch(/wt18/i);
  });

  it('"icb" and "ccg" find the health passages, whichever name they use', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    for (const q of ['icb', 'ccg', 'when did the ccgs go']) {
      const a = kb.ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.passages.some((p) => p.docId === 'health-partners'), q).toBe(true);
    }
  });

  it('"scrutineer" finds "scrutiny" and "education" finds "schools" through synonym groups', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const scrutineer = kb.ask('scrutineer purpose');
    expect(scrutineer.passages[0]!.title).toMatch(/Purpose of independent scrutiny/);
    expect(scrutineer.passages[0]!.text).not.toMatch(/scrutineer/i);
    const education = kb.ask('education survey').passages[0]!;
    expect(education.id).toBe('research-findings#schools-in-the-survey');
    expect(education.text).not.toMatch(/education/i);
  });

  it('on the real corpus: wt18, icb and lsp shorthand reach their guidance', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('wt18 scrutiny paragraphs').passages.slice(0, 3).some((p) => p.docId.startsWith('wt2018'))).toBe(true);
    expect(kb.ask('icb lsp').passages.slice(0, 3).some((p) => contains(p, 'integrated care board'))).toBe(true);
    expect(kb.ask('who are the lsps').passages.slice(0, 3).some((p) => contains(p, 'chief constable'))).toBe(true);
  });
});

describe('declining', () => {
  const OFF_TOPIC = ["what's the weather", 'reset my password', 'book annual leave for friday', 'tell me a joke', 'how do I install excel'];

  it('declines off-topic questions with suggestions instead of unrelated passages', async () => {
    for (const dir of [BASIC, REAL]) {
      const kb = await knowledgeBaseFor(dir);
      for (const q of OFF_TOPIC) {
        const a = kb.ask(q);
        expect(a.answered, q).toBe(false);
        expect(a.answer).toBe(DECLINE_MESSAGE);
        expect(a.passages).toEqual([]);
        expect(a.sentences).toEqual([]);
        expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
        expect(a.suggestions.length).toBeLessThanOrEqual(3);
      }
    }
  });

  it('an everyday noun used as a verb does not make a question off-topic: "leave" after "can I" is not annual leave', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const skip = kb.ask('can I leave a question in the checklist and come back to it later');
    expect(skip.answered).toBe(true);
    expect(skip.passages[0]!.docId).toBe('about-the-cis');
    expect(kb.ask('how do i book annual leave').answered).toBe(false);
  });

  it('answers on-topic questions typed tersely', async () => {
    const kb = await knowledgeBaseFor(REAL);
    for (const q of ['rapid review timescale', 'six steps', 'neglect?', 'essex schools', 'who chairs under wt23']) {
      expect(kb.ask(q).answered, q).toBe(true);
    }
  });

  it('needs what a question asks apart from its places covered: a place says where, not what', async () => {
    const kb = await knowledgeBaseFor(REAL);
    // Birmingham's practice example names the city; it says nothing about trains.
    expect(kb.ask('train times london euston to birmingham new street').answered).toBe(false);
    for (const q of ['how does birmingham chair its partnership', 'what did rotherham do about chairing', 'essex schools']) expect(kb.ask(q).answered, q).toBe(true);
  });

  it('suggests labels close to a partly matching question', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const a = kb.ask('scrutiny of football hooliganism');
    expect(a.answered).toBe(false);
    expect(a.suggestions.some((s) => /scrutin/i.test(s))).toBe(true);
  });
});

describe('supersession', () => {
  it('prefers the current source when both match, and marks the old one with its successor', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('purpose of independent scrutiny');
    expect(a.passages[0]!.docId).toBe('wt2023-scrutiny');
    expect(a.passages[0]!.superseded).toBe(false);
    const old = a.passages.find((p) => p.docId === 'wt2018-scrutiny')!;
    expect(old.superseded).toBe(true);
    expect(old.supersededBy).toMatchObject({ id: 'wt2023-scrutiny', title: 'Working Together 2023: independent scrutiny', note: 'Replaced on 15 December 2023.' });
  });

  it('still answers from a superseded source when the question names it', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('purpose of scrutiny under wt18');
    expect(a.passages[0]!.docId).toBe('wt2018-scrutiny');
    expect(a.passages[0]!.superseded).toBe(true);
  });

  it('marks superseded glossary terms (CCG → ICB)', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('what does ccg stand for');
    expect(a.passages[0]!.id).toBe('glossary#ccg');
    expect(a.passages[0]!.superseded).toBe(true);
    expect(a.passages[0]!.supersededBy).toMatchObject({ id: 'glossary#icb', title: 'ICB (Integrated Care Board)' });
  });

  it('lists documents with their successor', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    expect(kb.document('wt2018-scrutiny')).toMatchObject({ superseded: true, supersededBy: { id: 'wt2023-scrutiny' } });
    expect(kb.document('wt2023-scrutiny')).toMatchObject({ superseded: false });
  });
});

describe('ranking', () => {
  it('spreads the top three over several documents when several match', async () => {
    const kb = await knowledgeBaseFor(REAL);
    for (const q of ['independent chair', 'yearly report', 'schools', 'scrutineer']) {
      const docs = new Set(kb.ask(q).passages.slice(0, 3).map((p) => p.docId));
      expect(docs.size, q).toBeGreaterThanOrEqual(2);
    }
  });

  it('pages through results with limit and offset without repeats', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const first = kb.ask('independent scrutiny', { limit: 3 });
    const next = kb.ask('independent scrutiny', { limit: 3, offset: 3 });
    expect(first.passages).toHaveLength(3);
    expect(next.passages.length).toBeGreaterThan(0);
    const ids = [...first.passages, ...next.passages].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.passages[0]!.score).toBeGreaterThanOrEqual(first.passages[2]!.score);
  });

  it('reports which words of a passage matched', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const p = kb.ask('critical friend').passages[0]!;
    expect(p.matchedTerms.map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['critical', 'friend']));
    for (const w of p.matchedTerms) expect(p.text).toContain(w);
  });
});

describe('checklist items', () => {
  it('are searchable passages of kind "checklist" with ids like cis#CIS-E3', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('information sharing between agencies');
    expect(a.passages[0]).toMatchObject({ id: 'cis#CIS-E3', docId: 'cis', kind: 'checklist', topic: 'checklist' });
  });

  it('an answer brings the items on its theme, and none that share only a word', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    expect(kb.ask('do head teachers have a say?').relatedChecklistItems[0]).toMatchObject({ itemId: 'CIS-E2', sectionId: 'E' });
    expect(kb.ask("what's the weather").relatedChecklistItems).toEqual([]);
  });

  it('on the real corpus, an item sharing a word with the question but not its subject is not offered', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('how quickly must a serious incident be notified to the national panel').relatedChecklistItems).toEqual([]);
    expect(kb.ask('who were the national facilitators in 2019').relatedChecklistItems).toEqual([]);
    // … nor one far behind the best item: a rapid review's timescale is CIS-E4's, not every item naming reviews.
    expect(kb.ask('rapid review timescale').relatedChecklistItems.map((i) => i.itemId)).toEqual(['CIS-E4']);
  });

  it('an answer brings its related checklist items from the same search, so a turn searches once', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const a = kb.ask('information sharing agreements audited');
    expect(a.relatedChecklistItems.map((i) => i.itemId)).toContain('CIS-E3');
    expect(a.relatedChecklistItems.length).toBeLessThanOrEqual(3);
    expect(kb.ask("what's the weather").relatedChecklistItems).toEqual([]);
  });

  it('a question about the checklist itself is answered by the passages about it, one on a subject by its items', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('can i get the checklist results out as a file to send round').passages[0]!.docId).not.toBe('cis');
    expect(kb.ask('what does the checklist ask about information sharing').passages[0]!.docId).toBe('cis');
  });

  it('a question asking for evidence, in any word the synonyms give for it, is answered by the items, which list what would evidence each', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('how do we prove our scrutiny is independent').passages[0]!.docId).toBe('cis');
    expect(kb.ask('what would demonstrate that partners hold each other to account').passages[0]!.docId).toBe('cis');
  });

  it('on the real corpus, every CIS item is indexed', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const items = kb.chunks().filter((c) => c.docId === 'cis');
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(items.every((c) => /^cis#CIS-[A-Z]\d{1,2}$/.test(c.id))).toBe(true);
  });
});

describe('glossary', () => {
  it('define() understands the ways people ask', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    for (const q of ['define WT23', 'what does DSP mean', 'dsp?', 'DSP', 'what is a dsp', 'dsps', 'wt 2023', 'what does wt23 stand for', 'Delegated Safeguarding Partner']) {
      expect(kb.define(q)?.term, q).toBe(q.toLowerCase().includes('23') ? 'WT23' : 'DSP');
    }
    expect(kb.define('weather')).toBeUndefined();
    expect(kb.define('define')).toBeUndefined();
  });

  it('a bare acronym question leads with its glossary entry', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('dsp?');
    expect(a.passages[0]!.id).toBe('glossary#dsp');
    expect(a.answer).toContain('Delegated Safeguarding Partner');
  });

  it('answers with the whole entry: what the letters stand for and what the thing is', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const a = kb.ask('whats masa');
    expect(a.passages[0]!.id).toBe('glossary#masa');
    expect(a.answer).toMatch(/^MASA: Multi-Agency Safeguarding Arrangements\. The document in which/);
    expect(a.answer).not.toContain('Also written');
  });

  it('"what is X" leads with a passage whose heading says what X is, never one that only mentions it', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const dsp = kb.ask('what is a dsp');
    expect(dsp.passages[0]!.title).toMatch(/› Who the delegated safeguarding partners \(DSPs\) are$/);
    expect(dsp.passages[1]!.id).toBe('glossary#dsp');
    // The top JTAI passage is about 2022-23 inspections: the glossary explains what a JTAI is.
    expect(kb.ask('what is jtai').passages[0]!.id).toBe('glossary#jtai');
    expect(kb.ask('what is wt23').passages[0]!.id).toBe('glossary#wt23');
    // A heading about a narrower case ("Who the health lead safeguarding partner is") does not explain the term.
    expect(kb.ask('what is an lsp').passages[0]!.id).toBe('glossary#lsp');
    expect(kb.ask('who are the lead safeguarding partners').passages[0]!.title).toMatch(/› Who the lead safeguarding partners are under Working Together 2023$/);
  });

  it('the subject first, then "what is it", is a definition too', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('CIS - what is it and who made it').passages[0]!.id).toBe('glossary#cis');
    expect(kb.ask('the CIS what is it').passages[0]!.id).toBe('glossary#cis');
  });
});

describe('topics and documents', () => {
  it('lists topics with documents and filters documents by topic', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const topics = kb.topics();
    expect(topics.every((t) => t.documentCount > 0)).toBe(true);
    expect(topics.find((t) => t.topic === 'scrutiny')?.documentCount).toBe(3);
    expect(kb.documents('practice-examples').map((d) => d.id)).toEqual(['practice-essex']);
    expect(kb.documents().length).toBe(kb.stats.documents);
    expect(kb.document('practice-essex')).toMatchObject({ area: 'Essex', source: { dateLabel: '2019' } });
    expect(kb.document('wt2023-scrutiny')?.source.dateLabel).toBe('15 December 2023');
  });
});

describe('kinds of source', () => {
  it('"any research on …" finds the research, not the guidance on the same subject', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const a = kb.ask('what research is there on annual reports');
    expect(a.passages[0]!.source.publisher).toMatch(/What Works/);
    expect(kb.ask('any practice examples of young scrutineers').passages[0]!.id).toMatch(/^practice-/);
  });
});

describe('asked lines', () => {
  it('find a passage by the words readers use, which the passage itself never says, and never show them', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('who deputises for the nhs boss');
    expect(a.answered).toBe(true);
    expect(a.passages[0]!.id).toBe('health-partners#delegation-in-health');
    expect(a.passages[0]!.text).not.toMatch(/deputis|boss/i);
    expect(a.answer).not.toMatch(/deputis|boss/i);
  });

  it('an ordinary English word the guidance never uses ("pension", "bin") is what the question is about', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const units = kb.search('what will my nhs pension be worth on my desk').plan.units;
    const weight = (text: string) => units.find((u) => u.text === text)!.weight;
    expect(weight('pension')).toBe(weight('desk'));
    expect(weight('pension')).toBeGreaterThan(2 * weight('nhs'));
    const a = kb.ask('ofsted rating for the kids school');
    expect(a.answered).toBe(false);
    expect(a.answer).toBe(DECLINE_MESSAGE);
    // … but a typo for a word it does use is corrected, not held against the question.
    expect(kb.ask('what does the indepedent scrutineer do').answered).toBe(true);
  });

  it('do not make a question about something else look answered', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    expect(kb.ask('boss parking permit').answered).toBe(false);
  });
});

describe('practice examples', () => {
  it('give way to the guidance on a question that names no area and asks for no examples (besideGuidanceFactor)', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const off = new LscpKnowledgeBase(kb.data, { tuning: { besideGuidanceFactor: 1 } });
    const q = 'why did the independent chair stop being statutory';
    // Without the rule, Staffordshire and Stoke-on-Trent's example of how they chair now leads …
    expect(off.ask(q).passages[0]!.docId).toBe('practice-staffordshire-stoke');
    // … with it, the guidance on what happened to the independent chair does, and the example is still offered further down.
    const a = kb.ask(q, { limit: 10 });
    expect(a.passages[0]!.kind).toBe('guidance');
    expect(a.passages.some((p) => p.docId === 'practice-staffordshire-stoke')).toBe(true);
  });

  it('lead when the question names the area, even misspelt, or asks for examples', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('how does rotherham combine chairing and scrutiny').passages[0]!.docId).toBe('practice-rotherham');
    expect(kb.ask('birmingam new chairing arrangments').passages[0]!.docId).toBe('practice-birmingham');
    expect(kb.ask('which area has young scrutineers').passages[0]!.docId).toBe('practice-enfield');
  });
});
