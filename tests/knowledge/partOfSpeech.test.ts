import { describe, expect, it } from 'vitest';
import { wordClass } from '../../src/knowledge/partOfSpeech.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

describe('parts of speech', () => {
  it('tells the words that name things from the words that frame a question', () => {
    expect(wordClass('binned')).toBe('verb');
    expect(wordClass('SCRs')).toBe('noun');
    expect(wordClass('pension')).toBe('noun');
    expect(wordClass('legally')).toBe('adverb');
    expect(wordClass('')).toBe('noun');
  });

  it('a common word the guidance lacks sinks a question only when it names a thing', async () => {
    const kb = await knowledgeBaseFor(REAL);
    // "binned", "spring from": verbs the corpus never uses, around a clear question.
    expect(kb.ask('are SCRs still a thing or did they get binned').answered).toBe(true);
    expect(kb.ask('is TASP a charity and where did it spring from').answered).toBe(true);
    // "pension", "bin collection": nouns the corpus never uses are what the question is about.
    expect(kb.ask('how much is my nhs pension contribution').answered).toBe(false);
    expect(kb.ask('council bin collection days').answered).toBe(false);
  });
});
