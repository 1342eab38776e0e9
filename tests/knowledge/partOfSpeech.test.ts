import { describe, expect, it } from 'vitest';
import { wordClasses } from '../../src/knowledge/partOfSpeech.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

describe('parts of speech', () => {
  it('tells the words that name things from the words that frame a question', () => {
    const classes = wordClasses('are SCRs still a thing or did they get binned');
    expect(classes.get('binned')).toBe('verb');
    expect(classes.get('scrs')).toBe('noun');
    expect(wordClasses('how much is my nhs pension contribution').get('pension')).toBe('noun');
    expect(wordClasses('do we legally have to have a chair').get('legally')).toBe('adverb');
    expect(wordClasses('').size).toBe(0);
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
