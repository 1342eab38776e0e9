/**
 * "Ask a facilitator" through the real adapter and HTTP server, with every
 * card's own buttons pressed as Teams presses them: a decline → the form →
 * the ticket card in the facilitators' channel → Take it → Answer → the answer
 * in the asker's chat → "I still need help" reopens → answered again → "That
 * answers it"; the privacy guard on the form; refusals for anyone who is not a
 * facilitator or not the asker; a restart between asking and answering; the lists.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { NOT_A_FACILITATOR } from '../../src/facilitators/roles.js';
import { loadCorpus, parseMarkdownDocument } from '../../src/knowledge/loadCorpus.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { buttonTitles, pressButton, type Card } from '../support/press.js';
import { cardsOf, cardText, type TestConversation } from '../support/conversation.js';
import { CHIEF, FACILITATOR, FAST_DELIVERY, waitFor } from '../delivery/support.js';

const OFF_TOPIC = 'any tips for a victoria sponge recipe';
const QUESTION = 'Can our partnership share one independent scrutineer with the neighbouring LSCP, and who would they report to?';

describe('ask a facilitator', () => {
  let bot: TestBot;
  let knowledgeDir: string;
  let channel: TestConversation;
  let chief: TestConversation;
  let ticketId = '';

  /** The cards the channel stand-in received in a conversation since `from` (new posts and updates). */
  const posted = (conversationId: string, op: 'send' | 'update', from = 0) =>
    bot.channel.records.slice(from).filter((r) => r.op === op && r.conversationId === conversationId).flatMap((r) => cardsOf(r.activity).map((card) => ({ card, activityId: r.activityId })));

  const ticket = () => bot.app.storage.tickets.get(ticketId);
  /** The answers relayed to the asker's chat (not the bot's replies there). */
  const relays = (from = 0) => posted(chief.id, 'send', from).filter((p) => /A facilitator answered your question/.test(cardText(p.card)));

  beforeAll(async () => {
    // A copy of the knowledge folder, so "Add to the guidance" writes its draft somewhere disposable.
    knowledgeDir = mkdtempSync(join(tmpdir(), 'lscp-knowledge-'));
    cpSync(join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    bot = await startTestBot({ env: { ...FAST_DELIVERY, KNOWLEDGE_DIR: knowledgeDir } });
    channel = bot.conversation('channel', FACILITATOR);
    chief = bot.conversation('personal', CHIEF);
  });
  afterAll(() => bot.stop());

  it('lets only a facilitator choose the facilitators’ channel, in a channel', async () => {
    const elsewhere = bot.conversation('channel', CHIEF);
    expect((await elsewhere.say('facilitators channel')).texts).toEqual([NOT_A_FACILITATOR]);
    expect(await bot.app.services.desk.channel()).toBeUndefined();
    expect((await bot.conversation('personal', FACILITATOR).say('facilitators channel')).texts.join()).toMatch(/Type this in the team channel/);
    expect((await channel.say('facilitators channel')).texts.join()).toMatch(/^Done: questions for the facilitators will be posted in this channel/);
    expect((await bot.app.services.desk.channel())?.conversationId).toBe(channel.id);
  });

  it('puts Ask a facilitator on answers and declines, with the question filled in', async () => {
    const answer = (await chief.say('who should carry out independent scrutiny?')).cards[0]!;
    expect(buttonTitles(answer)).toContain('Ask a facilitator');
    const decline = (await chief.say(OFF_TOPIC)).cards[0]!;
    expect(cardText(decline)).toMatch(/couldn't find that/);
    expect(buttonTitles(decline)).toContain('Ask a facilitator');
    const input = JSON.stringify(decline).includes(`"value":"${OFF_TOPIC}"`);
    expect(input, 'the form holds the question').toBe(true);
  });

  it('refuses a case detail on the form before anything is stored or leaves the chat', async () => {
    const decline = (await chief.say(OFF_TOPIC)).cards[0]! as Card;
    const before = bot.channel.records.length;
    const { turn, card } = await pressButton(chief, decline, 'Send to a facilitator', { escalateQuestion: 'What do we do about Jay (DOB 03/05/2016) at Oak school?', escalatePartnership: '' });
    expect(turn.texts.join()).toMatch(/^Nothing was sent to the facilitators\. .*date of birth/);
    expect(buttonTitles(card)).toContain('Ask a facilitator');
    expect((await bot.app.storage.tickets.askedBy(CHIEF)).length).toBe(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(bot.channel.records.slice(before).filter((r) => r.conversationId === channel.id)).toEqual([]);
  });

  it('sends the question as a ticket card to the facilitators’ channel, and says so on the card', async () => {
    const decline = (await chief.say(OFF_TOPIC)).cards[0]! as Card;
    const from = bot.channel.records.length;
    const { card } = await pressButton(chief, decline, 'Send to a facilitator', { escalateQuestion: QUESTION, escalatePartnership: 'Northfield Safeguarding Children Partnership' });
    const sent = /Sent to the facilitators as (Q-[A-Z2-9]{6})/.exec(cardText(card));
    expect(sent, cardText(card)).not.toBeNull();
    ticketId = sent![1]!;
    expect(buttonTitles(card)).not.toContain('Ask a facilitator');

    const [post] = await waitFor('the ticket card in the channel', () => {
      const cards = posted(channel.id, 'send', from);
      return cards.length > 0 ? cards : undefined;
    });
    const text = cardText(post!.card);
    expect(text).toContain(`Question ${ticketId}`);
    expect(text).toContain(QUESTION);
    expect(text).toContain('Chris Chief (Northfield Safeguarding Children Partnership)');
    expect(text).toMatch(/in a personal chat/);
    expect(text).toMatch(/What the bot found/);
    expect(buttonTitles(post!.card)).toEqual(['Answer', 'Take it']);
    expect((await ticket())?.state).toBe('open');

    // Pressed twice (a double click sends two invokes): still one ticket.
    await pressButton(chief, decline, 'Send to a facilitator', { escalateQuestion: QUESTION, escalatePartnership: 'Northfield Safeguarding Children Partnership' });
    expect((await bot.app.storage.tickets.askedBy(CHIEF)).length).toBe(1);
  });

  it('refuses Take it and Answer to anyone who is not a facilitator, and the ticket is unchanged', async () => {
    const [post] = posted(channel.id, 'send').filter((p) => cardText(p.card).includes(ticketId));
    const before = await ticket();
    for (const title of ['Take it', 'Answer']) {
      const { card } = await pressButton(channel.as(CHIEF), post!.card, title, { answer: 'Yes, go ahead.' });
      expect(cardText(card)).toContain(NOT_A_FACILITATOR);
    }
    expect(await ticket()).toEqual(before);
  });

  it('keeps the ticket and the channel across a restart between asking and answering', async () => {
    await bot.restart();
    expect((await ticket())?.question).toBe(QUESTION);
    expect((await bot.app.services.desk.channel())?.conversationId).toBe(channel.id);
  });

  it('takes and answers on the card, updates it for everyone, and relays the answer to the asker’s chat', async () => {
    const [post] = posted(channel.id, 'send').filter((p) => cardText(p.card).includes(ticketId));
    const from = bot.channel.records.length;
    const taken = await pressButton(channel, post!.card, 'Take it');
    expect(cardText(taken.card)).toMatch(/Taken by Fran Facilitator/);
    expect(cardText(taken.card)).toMatch(/Fran Facilitator took it/);
    expect((await ticket())?.state).toBe('assigned');
    await waitFor('the channel card updated in place', () => posted(channel.id, 'update', from).find((u) => u.activityId === post!.activityId && /Taken by Fran/.test(cardText(u.card))));

    const empty = await pressButton(channel, taken.card, 'Answer', { answer: '   ' });
    expect(cardText(empty.card)).toMatch(/Type the answer in the box first/);
    const withheld = await pressButton(channel, taken.card, 'Answer', { answer: 'Ring her mum on 07700 900123 first.' });
    expect(cardText(withheld.card)).toMatch(/Not sent\./);
    expect((await ticket())?.state).toBe('assigned');

    const answered = await pressButton(channel, taken.card, 'Answer', { answer: 'Yes: several partnerships share a scrutineer. Agree the reporting line in both arrangements.' });
    expect(cardText(answered.card)).toMatch(/Sent to Chris Chief/);
    expect(buttonTitles(answered.card)).toEqual(['Add to the guidance']);
    const relayed = await waitFor('the answer in the asker’s chat', () => relays(from)[0]);
    const relayText = cardText(relayed.card);
    expect(relayText).toContain(`You asked: ${QUESTION}`);
    expect(relayText).toContain('Fran Facilitator answered:');
    expect(relayText).toContain('share a scrutineer');
    expect(buttonTitles(relayed.card)).toEqual(['That answers it', 'I still need help']);

    // Someone else in the chat cannot close or reopen it for the asker.
    const meddler = await pressButton(chief.as({ id: '29:other', name: 'Other Person', aadObjectId: 'b1b2b3b4-0000-4000-8000-000000000009' }), relayed.card, 'I still need help');
    expect(cardText(meddler.card)).toMatch(/Only Chris Chief, who asked/);
    expect((await ticket())?.state).toBe('answered');
  });

  it('reopens when the asker still needs help, and tells the channel', async () => {
    const relayed = relays()[0]!;
    const from = bot.channel.records.length;
    const { card } = await pressButton(chief, relayed.card, 'I still need help');
    expect(cardText(card)).toMatch(/told the facilitators that you still need help/);
    expect(buttonTitles(card)).toEqual([]);
    expect((await ticket())?.state).toBe('open');
    await waitFor('the channel told', () => bot.channel.records.slice(from).find((r) => r.op === 'send' && r.conversationId === channel.id && /is open again: Chris Chief still needs help/.test(String(r.activity.text ?? ''))));
    await waitFor('the channel card open again', () => posted(channel.id, 'update', from).find((u) => /Chris Chief still needs help/.test(cardText(u.card)) && buttonTitles(u.card).includes('Take it')));
  });

  it('lists open questions for facilitators only, oldest first, and my questions for the asker', async () => {
    const list = (await bot.conversation('personal', FACILITATOR).say('open questions')).cards[0]!;
    expect(cardText(list)).toMatch(/1 question is waiting/);
    expect(cardText(list)).toContain(ticketId);
    expect((await bot.conversation('personal', CHIEF).say('open questions')).texts).toEqual([NOT_A_FACILITATOR]);
    const mine = cardText((await chief.say('my questions')).cards[0]);
    expect(mine).toContain(ticketId);
    expect(mine).toMatch(/Open/);
    expect(cardText((await bot.conversation('personal', { id: '29:new', name: 'New Person', aadObjectId: 'c1c2c3c4-0000-4000-8000-00000000000a' }).say('my questions')).cards[0])).toMatch(/have not asked the facilitators anything yet/);

    // A facilitator opens it from the list, in their own chat.
    const facilitatorChat = bot.conversation('personal', FACILITATOR);
    const opened = await pressButton(facilitatorChat, list, `Open ${ticketId}`);
    expect(opened.turn.cards.map(cardText).join()).toContain(QUESTION);
  });

  it('answers again, and the asker closes it; the older answer card no longer acts', async () => {
    const first = relays()[0]!;
    const [post] = posted(channel.id, 'send').filter((p) => cardText(p.card).includes(ticketId));
    const from = bot.channel.records.length;
    await pressButton(channel, post!.card, 'Answer', { answer: 'Report to the partnership chair of each area; put it in both published arrangements.' });
    const second = await waitFor('the second answer', () => relays(from)[0]);
    expect(cardText(second.card)).toContain('both published arrangements');
    const stale = await pressButton(chief, first.card, 'That answers it');
    expect(cardText(stale.card)).toMatch(/newer answer/);
    const { card } = await pressButton(chief, second.card, 'That answers it');
    expect(cardText(card)).toMatch(/Thank you/);
    expect((await ticket())?.state).toBe('closed');
    expect(cardText((await chief.say('my questions')).cards[0])).toMatch(/Closed/);
  });

  it('turns the answer into a draft knowledge entry that is not indexed until moved out of drafts', async () => {
    const [post] = posted(channel.id, 'send').filter((p) => cardText(p.card).includes(ticketId));
    // The card as everyone in the channel now sees it: the post, updated in place.
    const latest = await waitFor('the channel card showing it closed', () => posted(channel.id, 'update').filter((u) => u.activityId === post!.activityId && /says that answers it/.test(cardText(u.card))).at(-1));
    const { card } = await pressButton(channel, latest.card, 'Add to the guidance');
    const rel = `drafts/facilitator-answer-${ticketId.toLowerCase()}.md`;
    expect(cardText(card)).toContain(rel);
    const file = join(knowledgeDir, rel);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    const parsed = parseMarkdownDocument(text, rel);
    expect(parsed.problems).toEqual([]);
    expect(text).toMatch(/author: Fran Facilitator/);
    expect(text).toMatch(/facilitator answer/);
    const corpus = await loadCorpus(knowledgeDir);
    expect(corpus.documents.map((d) => d.frontMatter.id)).not.toContain(`facilitator-answer-${ticketId.toLowerCase()}`);
    const again = await pressButton(channel, latest.card, 'Add to the guidance');
    expect(cardText(again.card)).toMatch(/already a draft/);
  });
});
