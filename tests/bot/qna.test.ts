/**
 * Questions and answers in Teams, through the real restify server and
 * CloudAdapter: activities in over HTTP, replies to the channel stand-in.
 * Buttons are pressed by taking the action from the card the bot sent, as Teams does.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { briefingsNewestFirst } from '../../src/qna/documents.js';
import { THANKS } from '../../src/qna/answerCard.js';
import { sharedKnowledge } from '../support/bot.js';
import { cardActions, cardText } from '../support/conversation.js';
import { button, hasButton, invokeCard, messageId, onlyCard, pressExecute, pressFallback, pressSubmit, startQnaBot, typingSent, type QnaBot } from '../qna/harness.js';

let bot: QnaBot;
beforeAll(async () => {
  // Typing indicators at once, so the order of typing and answer can be checked; the delay has its own tests.
  bot = await startQnaBot({ TYPING_DELAY_MS: '0' });
});
afterAll(() => bot.stop());

const QUESTION = 'who is the lead safeguarding partner for health?';
const DATE = /\b(?:(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December) )?(?:19|20)\d{2}\b/;

describe('an answer card', () => {
  it('answers a question in personal chat with the answer, its source and date, and the card actions', async () => {
    const turn = await bot.conversation('personal').say(QUESTION);
    const card = onlyCard(turn);
    const text = cardText(card);
    expect(text).toMatch(/You asked: who is the lead safeguarding partner for health\?/);
    expect(text).toMatch(/From the guidance/);
    expect(text).toMatch(/Source: \*\*.+\*\*/);
    expect(text).toMatch(DATE);
    expect(text).toMatch(/\*\*[^*]+\*\*/); // matched words emphasised
    expect(text).toMatch(/Was this helpful\?/);
    const more = button(card, 'More results');
    expect(more).toMatchObject({ type: 'Action.Execute', verb: 'answer.more', fallback: { type: 'Action.Submit', data: { verb: 'answer.more' } } });
    expect(button(card, 'Yes')).toMatchObject({ type: 'Action.Execute', verb: 'answer.feedback', data: { v: 'up' } });
    expect(button(card, 'No')).toMatchObject({ type: 'Action.Execute', verb: 'answer.feedback', data: { v: 'down' } });
  });

  it('shows a typing indicator first in personal and group chats, never in a channel', async () => {
    const personal = await bot.conversation('personal').say(QUESTION);
    expect(typingSent(personal)).toBe(true);
    expect(personal.records.findIndex((r) => r.activity.type === 'typing')).toBeLessThan(personal.records.findIndex((r) => r.activity.type === 'message'));
    const group = await bot.conversation('groupChat').say(QUESTION, { mention: true });
    expect(typingSent(group)).toBe(true);
    expect(group.cards).toHaveLength(1);
    const channel = await bot.conversation('channel').say(QUESTION, { mention: true });
    expect(typingSent(channel)).toBe(false);
    expect(channel.cards).toHaveLength(1);
  });

  it('marks a superseded source with a visible note', async () => {
    const card = onlyCard(await bot.conversation('personal').say('what did the CCG do as the health safeguarding partner'));
    const text = cardText(card);
    expect(text).toMatch(/Superseded by .+ — check the current guidance\./);
    const note = JSON.stringify(card).match(/"text":"Superseded by[^"]*","wrap":true,"color":"Attention"/);
    expect(note).not.toBeNull();
  });

  it('keeps every answer card well under the size Teams accepts', async () => {
    const conversation = bot.conversation('personal');
    for (const q of [QUESTION, 'what does working together 2023 say about independent scrutiny', 'what did the national panel review say about multi-agency working', 'how do schools become relevant agencies', 'what are the functions of the yearly report']) {
      const turn = await conversation.say(q);
      const card = onlyCard(turn);
      expect(Buffer.byteLength(JSON.stringify(turn.messages[0]))).toBeLessThan(20_000);
      if (hasButton(card, 'More results')) {
        const more = invokeCard(await pressExecute(conversation, button(card, 'More results'), messageId(turn)));
        expect(Buffer.byteLength(JSON.stringify(more))).toBeLessThan(20_000);
      }
    }
  });
});

describe('More results', () => {
  it('replaces the card with the next passages, and can go back to the answer', async () => {
    const conversation = bot.conversation('personal');
    const first = await conversation.say('what does working together 2023 say about independent scrutiny');
    const card = onlyCard(first);
    const id = messageId(first);
    const firstIds = (button(card, 'Yes').data as { p: string[] }).p;

    const turn = await pressExecute(conversation, button(card, 'More results'), id);
    expect(turn.messages).toEqual([]); // the card is replaced, nothing new is posted
    const more = invokeCard(turn);
    expect(cardText(more)).toMatch(/More from the guidance \(results 4 to \d\)/);
    expect(cardText(more)).toMatch(/You asked: what does working together 2023 say about independent scrutiny/);
    const moreIds = (button(more, 'Yes').data as { p: string[] }).p;
    expect(moreIds.length).toBeGreaterThan(0);
    expect(moreIds.filter((p) => firstIds.includes(p))).toEqual([]);

    const back = invokeCard(await pressExecute(conversation, button(more, 'Back to the answer'), id));
    expect(cardText(back)).toMatch(/From the guidance/);
    expect((button(back, 'Yes').data as { p: string[] }).p).toEqual(firstIds);
  });

  it('works from the Action.Submit fallback too, updating the message in place', async () => {
    const conversation = bot.conversation('personal');
    const first = await conversation.say('what does working together 2023 say about independent scrutiny');
    const id = messageId(first);
    const turn = await pressFallback(conversation, button(onlyCard(first), 'More results'), id);
    expect(turn.messages).toEqual([]);
    expect(turn.updates).toHaveLength(1);
    expect(turn.updates[0]!.activityId).toBe(id);
    const updated = (turn.updates[0]!.activity.attachments as Array<{ content: unknown }>)[0]!.content;
    expect(cardText(updated)).toMatch(/More from the guidance/);
  });
});

describe('related checklist items', () => {
  it('offers CIS items on the same theme, each opening the checklist at that item', async () => {
    const card = onlyCard(await bot.conversation('personal').say('who should scrutinise our partnership and how independent should they be?'));
    const related = button(card, 'Related checklist items');
    expect(related.type).toBe('Action.ShowCard');
    const items = cardActions(related.card).filter((a) => /^Open CIS-/.test(a.title ?? ''));
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    for (const item of items) {
      expect(item.type).toBe('Action.Submit');
      expect(item.data?.command).toMatch(/^checklist CIS-[A-Z]\d{1,2}$/);
      expect(item.title).toBe(`Open ${String(item.data?.command).slice('checklist '.length)} in the checklist`);
    }
    expect(cardText(related.card)).toMatch(/CIS-[A-Z]\d/);
  });

  it('come from the one search the question made', async () => {
    const knowledge = await sharedKnowledge();
    const ask = vi.spyOn(knowledge, 'ask');
    try {
      const card = onlyCard(await bot.conversation('personal').say('who should scrutinise our partnership and how independent should they be?'));
      expect(button(card, 'Related checklist items').type).toBe('Action.ShowCard');
      expect(ask).toHaveBeenCalledTimes(1);
    } finally {
      ask.mockRestore();
    }
  });

  it('a declined question searches once too (its themes topic comes from the same search)', async () => {
    const knowledge = await sharedKnowledge();
    const ask = vi.spyOn(knowledge, 'ask');
    try {
      const turn = await bot.conversation('personal').say('who pays the scrutineer pension contributions');
      expect(cardText(onlyCard(turn))).toMatch(/couldn't find that/);
      expect(ask).toHaveBeenCalledTimes(1);
    } finally {
      ask.mockRestore();
    }
  });

  it('pressing an item opens the checklist at that item', async () => {
    const conversation = bot.conversation('personal');
    const card = onlyCard(await conversation.say('who should scrutinise our partnership and how independent should they be?'));
    const item = cardActions(button(card, 'Related checklist items').card).find((a) => /^Open CIS-/.test(a.title ?? ''))!;
    const itemId = String(item.data?.command).slice('checklist '.length);
    // With no checklist started yet, the checklist asks for the partnership's name and starts at that item.
    const opened = onlyCard(await pressSubmit(conversation, item as Parameters<typeof pressSubmit>[1]));
    expect(cardText(opened)).toMatch(/Checklist for Independent Scrutiny/);
    expect(JSON.stringify(opened)).toContain(itemId);
  });
});

describe('Was this helpful?', () => {
  it('records the vote once and thanks the person in the same card', async () => {
    const conversation = bot.conversation('personal');
    const before = (await bot.app.storage.feedback.list()).length;
    const first = await conversation.say(QUESTION);
    const card = onlyCard(first);
    const yes = button(card, 'Yes');

    const turn = await pressExecute(conversation, yes, messageId(first));
    expect(turn.messages).toEqual([]);
    const thanked = invokeCard(turn);
    expect(cardText(thanked)).toContain(THANKS);
    expect(hasButton(thanked, 'Yes')).toBe(false);
    expect(hasButton(thanked, 'No')).toBe(false);
    expect(cardText(thanked)).toMatch(/From the guidance/); // the answer stays

    const rows = await bot.app.storage.feedback.list();
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ vote: 'up', question: QUESTION, conversationType: 'personal' });
    expect(row.passageIds).toEqual((yes.data as { p: string[] }).p);
    expect(row.passageIds.length).toBeGreaterThan(0);

    // A replay of the same button (a double press, or a stale card) adds nothing, by either route.
    invokeCard(await pressExecute(conversation, yes, messageId(first)));
    invokeCard(await pressExecute(conversation, button(card, 'No'), messageId(first)));
    const replay = await pressFallback(conversation, yes, messageId(first));
    expect(cardText((replay.updates[0]!.activity.attachments as Array<{ content: unknown }>)[0]!.content)).toContain(THANKS);
    expect(await bot.app.storage.feedback.list()).toHaveLength(before + 1);
    expect((await bot.app.storage.feedback.list()).at(-1)!.vote).toBe('up');
  });

  it('keeps the thanks when the person moves on to more results', async () => {
    const conversation = bot.conversation('personal');
    const first = await conversation.say('what does working together 2023 say about independent scrutiny');
    const thanked = invokeCard(await pressExecute(conversation, button(onlyCard(first), 'No'), messageId(first)));
    const more = invokeCard(await pressExecute(conversation, button(thanked, 'More results'), messageId(first)));
    expect(cardText(more)).toContain(THANKS);
    expect(hasButton(more, 'Yes')).toBe(false);
  });

  it('never stores a question that fails the privacy guard, even from forged card data', async () => {
    const conversation = bot.conversation('channel');
    const first = await conversation.say(QUESTION, { mention: true });
    const yes = button(onlyCard(first), 'Yes');
    const forged = { ...yes.data, q: 'Jayden, aged 7, call mum on 07700 900123', f: '0b7e7a2c-1d1e-4c35-8d7a-5f8f5c9a7b10' };
    const turn = await conversation.execute('answer.feedback', forged, { replyToId: messageId(first) });
    expect(cardText(invokeCard(turn))).toContain(THANKS);
    const rows = await bot.app.storage.feedback.list();
    expect(JSON.stringify(rows)).not.toMatch(/Jayden|07700/);
    expect(rows.find((r) => r.conversationType === 'channel' && r.question === null)).toBeDefined();
    expect(bot.logs.join('\n')).not.toMatch(/Jayden|07700/);
  });
});

describe('when the search declines', () => {
  it('says so plainly, offers close topics as buttons and the topics list; a suggestion is answered', async () => {
    const conversation = bot.conversation('personal');
    const turn = await conversation.say('banana bread recipe with walnuts');
    const card = onlyCard(turn);
    expect(cardText(card)).toMatch(/I couldn't find that in the guidance\./);
    const suggestions = cardActions(card).filter((a) => String(a.data?.command ?? '').startsWith('search '));
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(button(card, 'Browse topics').data).toEqual({ command: 'topics' });

    const answered = await pressSubmit(conversation, suggestions[0]!);
    const answer = onlyCard(answered);
    expect(cardText(answer)).toMatch(/From the guidance/);
    expect(cardText(answer)).toContain(`You asked: ${suggestions[0]!.title}`);
  });

  it('answers gibberish with the polite decline, not a guess', async () => {
    const card = onlyCard(await bot.conversation('personal').say('qwertyuiop asdfghjkl'));
    expect(cardText(card)).toMatch(/I couldn't find that in the guidance\./);
    expect(hasButton(card, 'More results')).toBe(false);
  });

  it('still gives the short hint for an empty message', async () => {
    const turn = await bot.conversation('personal').say('   ');
    expect(turn.cards).toEqual([]);
    expect(turn.texts.join(' ')).toMatch(/type \*\*help\*\*/);
  });
});

describe('topics', () => {
  it('lists the knowledge areas as buttons; a topic lists its documents; a document shows its summary', async () => {
    const conversation = bot.conversation('personal');
    const topics = onlyCard(await conversation.say('topics'));
    const labels = cardActions(topics).map((a) => a.title ?? '');
    for (const label of ['Independent scrutiny', 'Leadership and delegation', 'Relevant agencies and schools', 'Learning from reviews', 'National reviews and reforms', 'Practice examples by area', 'Glossary']) {
      expect(labels.some((l) => l.startsWith(`${label} (`))).toBe(true);
    }

    const scrutiny = onlyCard(await pressSubmit(conversation, button(topics, /^Independent scrutiny \(/)));
    const text = cardText(scrutiny);
    expect(text).toMatch(/^Independent scrutiny/);
    const expected = bot.app.knowledge.documents('scrutiny');
    for (const d of expected) expect(text).toContain(d.title);
    const summaries = cardActions(scrutiny).filter((a) => a.title === 'Summary');
    expect(summaries).toHaveLength(expected.length);

    const doc = onlyCard(await pressSubmit(conversation, summaries[0]! as Parameters<typeof pressSubmit>[1]));
    expect(cardText(doc)).toContain(expected[0]!.title);
    expect(cardText(doc)).toContain(expected[0]!.source.dateLabel);
    expect(button(doc, /^More on /).data).toEqual({ command: 'topics scrutiny' });
  });

  it('marks superseded documents in a topic list', async () => {
    const card = onlyCard(await bot.conversation('personal').say('topics leadership'));
    expect(cardText(card)).toMatch(/Superseded by .+ — check the current guidance\./);
  });

  it('finds a topic by a word of its name', async () => {
    const card = onlyCard(await bot.conversation('personal').say('topics schools'));
    expect(cardText(card)).toMatch(/^Relevant agencies and schools/);
  });
});

describe('define', () => {
  it('answers "define WT23" from the glossary', async () => {
    const card = onlyCard(await bot.conversation('personal').say('define WT23'));
    const text = cardText(card);
    expect(text).toMatch(/^WT23\n/);
    expect(text).toContain('Working Together to Safeguard Children 2023');
    expect(button(card, 'What the guidance says').data).toEqual({ command: 'search Working Together to Safeguard Children 2023' });
  });

  it.each(['what does dsp mean', 'What does DSP mean?', 'dsp?', 'meaning of dsp'])('answers %j from the glossary', async (q) => {
    const card = onlyCard(await bot.conversation('personal').say(q));
    expect(cardText(card)).toMatch(/^DSP\nDelegated Safeguarding Partner/);
  });

  it('warns that CCG was superseded and offers the current term', async () => {
    const card = onlyCard(await bot.conversation('personal').say('define CCG'));
    expect(cardText(card)).toMatch(/Superseded by ICB.* — check the current guidance\./);
    expect(button(card, 'Define ICB').data).toEqual({ command: 'define ICB' });
  });

  it('"What the guidance says" searches the guidance rather than showing the glossary again', async () => {
    const conversation = bot.conversation('personal');
    const card = onlyCard(await conversation.say('define DSP'));
    const answer = onlyCard(await pressSubmit(conversation, button(card, 'What the guidance says')));
    expect(cardText(answer)).toMatch(/From the guidance/);
  });

  it('falls back to a normal question when the glossary has no such term', async () => {
    const card = onlyCard(await bot.conversation('personal').say('define rapid review timescales'));
    expect(cardText(card)).toMatch(/From the guidance|I couldn't find that in the guidance/);
    expect(cardText(card)).toContain('You asked: rapid review timescales');
  });

  it('explains how to use a bare "define"', async () => {
    const turn = await bot.conversation('personal').say('define');
    expect(turn.texts.join(' ')).toMatch(/define DSP/);
  });
});

describe('in channels and group chats', () => {
  for (const kind of ['channel', 'groupChat'] as const) {
    it(`stays quiet in a ${kind} unless @mentioned`, async () => {
      const turn = await bot.conversation(kind).say(QUESTION, { mention: false });
      expect(turn.status).toBe(200);
      expect(turn.records).toEqual([]);
    });

    it(`answers in a ${kind} when @mentioned, reading the question without the mention`, async () => {
      const turn = await bot.conversation(kind).say(QUESTION, { mention: true });
      const text = cardText(onlyCard(turn));
      expect(text).toContain(`You asked: ${QUESTION}`);
      expect(text).not.toMatch(/<at>|LSCP Assistant/);
      expect(text).toMatch(/From the guidance/);
    });
  }
});

describe('the privacy guard', () => {
  const cases: Array<[string, string]> = [
    ['an NHS number', 'what should the ICB do about 943 476 5919'],
    ['a date of birth', 'a boy with DOB 03/05/2016 was excluded, who decides'],
    ['a phone number', 'please call the mum on 07700 900123 about scrutiny'],
    ['an e-mail address', 'can you send the review to jane.doe@example.org'],
    ['a postcode', 'the family at LS1 4AP - should the partnership review it'],
    ['a named child with a case detail', 'Jayden, aged 7, has bruises - what does WT2023 say'],
  ];

  it.each(cases)('replies to a message with %s with a short reminder, and keeps nothing', async (_kind, message) => {
    const conversation = bot.conversation('personal');
    const logsBefore = bot.logs.length;
    const feedbackBefore = await bot.app.storage.feedback.list();
    const turn = await conversation.say(message);

    expect(turn.cards).toEqual([]);
    expect(typingSent(turn)).toBe(false); // not even searched
    expect(turn.texts).toHaveLength(1);
    expect(turn.texts[0]).toMatch(/guidance, not case work/);
    expect(turn.texts[0]).toMatch(/haven't searched for that or kept it/);
    expect(turn.texts[0]).not.toContain(message);
    expect(await bot.app.storage.feedback.list()).toEqual(feedbackBefore);

    const logged = bot.logs.slice(logsBefore).join('\n');
    expect(logged).toMatch(/privacy_guard/);
    for (const word of message.split(/\s+/).filter((w) => w.length >= 5)) expect(logged).not.toContain(word);
  });

  it('applies in a channel too, to the text after the @mention', async () => {
    const turn = await bot.conversation('channel').say('ring 020 7946 0958 re the strategy meeting', { mention: true });
    expect(turn.texts[0]).toMatch(/guidance, not case work/);
    expect(turn.cards).toEqual([]);
  });

  it('applies to define and search as well', async () => {
    for (const message of ['define 07700 900123', 'search jane.doe@example.org']) {
      const turn = await bot.conversation('personal').say(message);
      expect(turn.texts[0]).toMatch(/guidance, not case work/);
      expect(turn.cards).toEqual([]);
    }
  });

  it('lets ordinary guidance questions through', async () => {
    for (const q of ['what did WT2018 say in July 2018', 'the 15 working days rule for rapid reviews', 'Arthur Labinjo-Hughes national review']) {
      const turn = await bot.conversation('personal').say(q);
      expect(turn.texts.join(' ')).not.toMatch(/case work/);
      expect(turn.cards).toHaveLength(1);
    }
  });

  it('never logs the text of any message, at any level', async () => {
    const before = bot.logs.length;
    await bot.conversation('personal').say('what does working together 2023 say about yearly reports');
    const logged = bot.logs.slice(before).join('\n');
    expect(logged).toMatch(/"event":"question"/);
    expect(logged).not.toMatch(/yearly reports/);
  });
});

describe('briefings', () => {
  it('lists the briefings newest first, each with its date, publisher and a summary button', async () => {
    const conversation = bot.conversation('personal');
    const card = onlyCard(await conversation.say('briefings'));
    const text = cardText(card);
    const expected = briefingsNewestFirst(bot.app.knowledge.documents());
    expect(expected.length).toBeGreaterThan(0);
    const positions = expected.map((d) => text.indexOf(d.title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const d of expected) {
      expect(text).toContain(d.source.dateLabel);
      expect(text).toContain(d.source.publisher);
    }
    const summaries = cardActions(card).filter((a) => a.title === 'Summary');
    expect(summaries.map((a) => a.data?.command)).toEqual(expected.map((d) => `about ${d.id}`));

    const summary = onlyCard(await pressSubmit(conversation, summaries[0]! as Parameters<typeof pressSubmit>[1]));
    expect(cardText(summary)).toContain(expected[0]!.title);
    expect(cardText(summary).length).toBeGreaterThan(expected[0]!.title.length + 100);
  });

  it('"about" with something that is not a document is read as a question', async () => {
    const card = onlyCard(await bot.conversation('personal').say('about scrutiny'));
    expect(cardText(card)).toContain('You asked: about scrutiny');
  });
});

describe('help', () => {
  it('lists the new commands', async () => {
    const text = cardText(onlyCard(await bot.conversation('personal').say('help')));
    for (const c of ['topics', 'define <term>', 'briefings']) expect(text).toContain(`**${c}**`);
  });
});
