import { describe, expect, it } from 'vitest';
import { aboutAssistantQuery } from '../../src/knowledge/aboutAssistant.js';
import { LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { REAL, knowledgeBaseFor } from './helpers.js';

describe('questions about the assistant itself', () => {
  it('are recognised only when they address the assistant', () => {
    expect(aboutAssistantQuery('where does your information come from?')).toMatch(/answers come from/);
    expect(aboutAssistantQuery('Who made this bot')).toMatch(/what LSCP Assistant is/);
    expect(aboutAssistantQuery('can I trust these answers')).toMatch(/answers come from/);
    expect(aboutAssistantQuery('are you official guidance?')).toMatch(/official guidance/);
    expect(aboutAssistantQuery('how up to date are you')).toMatch(/up to date/);
    expect(aboutAssistantQuery('do you store what I type')).toMatch(/what you type/);
    // About safeguarding, not about the assistant: left to the search.
    expect(aboutAssistantQuery('where does the scrutineer get information from')).toBeUndefined();
    expect(aboutAssistantQuery('is working together 2023 official guidance')).toBeUndefined();
  });

  it('include the reader asking what happens to what they type or hold, in the first person', () => {
    expect(aboutAssistantQuery('is my data safe')).toMatch(/what you type/);
    expect(aboutAssistantQuery('who can see what i type')).toMatch(/what you type/);
    expect(aboutAssistantQuery('can i paste a chronology with names in')).toMatch(/what you type/);
    // The first person alone is not about the assistant, nor data alone.
    expect(aboutAssistantQuery('what should i bring to the board')).toBeUndefined();
    expect(aboutAssistantQuery('what does the panel say about using data')).toBeUndefined();
    // … and words the guidance covers make it a safeguarding question, as for "you".
    expect(aboutAssistantQuery('can i share data with the police', (rest) => /\bpolice\b/.test(rest))).toBeUndefined();
  });

  it('give way when words the guidance covers are left once the assistant and its intents are taken out', () => {
    const guidanceWords = (rest: string) => /\b(?:chair|scrutineer|objective)\b/.test(rest);
    // "you" is anyone here: the question is about keeping scrutiny independent.
    expect(aboutAssistantQuery('rotherham chair is also scrutineer - how do you keep that objective', guidanceWords)).toBeUndefined();
    // Only the assistant and its intents' words: still about the assistant.
    expect(aboutAssistantQuery('how current is your info', guidanceWords)).toMatch(/up to date/);
  });

  it('tell the two apart with the real index', async () => {
    const kb = await knowledgeBaseFor(REAL);
    expect(kb.ask('rotherham chair is also scrutineer - how do you keep that objective').passages[0]!.source.publisher).not.toBe('LSCP Assistant team');
    expect(kb.ask('how current is your info').passages[0]!.title).toMatch(/up to date/);
    expect(kb.ask('is my data safe').passages[0]!.docId).toBe('lscp-assistant');
    expect(kb.ask('can i share data with the police').passages[0]!.docId).not.toBe('lscp-assistant');
  });

  it('are answered from the about document, with it cited as the source', async () => {
    const kb = await knowledgeBaseFor(REAL);
    const sources = kb.ask('where does your information come from');
    expect(sources.answered).toBe(true);
    expect(sources.passages[0]!.title).toMatch(/Where LSCP Assistant's answers come from$/);
    expect(sources.passages[0]!.source.publisher).toBe('LSCP Assistant team');
    expect(kb.ask('who made this bot').passages[0]!.title).toMatch(/What LSCP Assistant is/);
    expect(kb.ask('how up to date are you').answer).toMatch(/up to date to September 2025/);
    // Questions about safeguarding never lead with the about document.
    expect(kb.ask('who chairs the partnership under wt23').passages[0]!.source.publisher).not.toBe('LSCP Assistant team');
  });

  it('give way to the guidance on a question not addressed to the assistant (besideGuidanceFactor)', async () => {
    const data = (await knowledgeBaseFor(REAL)).data;
    const ours = (tuning = {}) => new LscpKnowledgeBase(data, { tuning });
    const question = 'what does vkpp actually do for lscps';
    // Without the rule, the assistant's description of itself (which names VKPP and partnerships) leads …
    expect(ours({ besideGuidanceFactor: 1 }).ask(question).passages[0]!.docId).toBe('lscp-assistant');
    // … with it, a passage of the guidance or research does.
    expect(ours().ask(question).passages[0]!.docId).not.toBe('lscp-assistant');
    // Addressed to the assistant, the about document still leads.
    expect(ours().ask('what do you do').passages[0]!.docId).toBe('lscp-assistant');
  });
});
