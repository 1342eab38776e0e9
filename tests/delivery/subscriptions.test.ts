/**
 * Subscriptions and notices through the real adapter and HTTP server: subscribe
 * and unsubscribe in the three kinds of conversation, the install offer, the
 * reference refreshed when Teams moves a conversation, the facilitators' role,
 * announcing through the confirm card, and the notice card's own buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_A_FACILITATOR } from '../../src/facilitators/roles.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { ChannelStandIn } from '../support/channel.js';
import { BOT, cardActions, cardText, TestConversation } from '../support/conversation.js';
import { announceInChat, BRIEFING, CHIEF, FACILITATOR, FAST_DELIVERY, jobDone, jobIdOf, noticesIn, subscribed } from './support.js';

describe('briefing notices in Teams', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: FAST_DELIVERY });
  });
  afterAll(() => bot.stop());

  it('subscribes and unsubscribes a personal chat, a group chat and a channel, saying what it did', async () => {
    for (const [kind, where] of [
      ['personal', /you will get a short notice here/],
      ['groupChat', /this group chat will get/],
      ['channel', /this channel will get/],
    ] as const) {
      const c = bot.conversation(kind);
      expect((await c.say('subscribe')).texts.join()).toMatch(where);
      expect(await bot.app.storage.subscriptions.isSubscribed(c.id)).toBe(true);
      expect((await c.say('subscribe')).texts.join()).toMatch(/already gets? briefing notices/);
      expect((await c.say('unsubscribe')).texts.join()).toMatch(/^Done: no more briefing notices/);
      expect(await bot.app.storage.subscriptions.isSubscribed(c.id)).toBe(false);
      expect((await c.say('unsubscribe')).texts.join()).toMatch(/no briefing notices to stop/);
    }
  });

  it('in a channel, subscribes the channel itself from a reply thread, and only when @mentioned', async () => {
    const channel = bot.conversation('channel');
    expect((await channel.say('subscribe', { mention: false })).messages).toEqual([]);
    expect(await bot.app.storage.subscriptions.isSubscribed(channel.id)).toBe(false);
    const inThread = new TestConversation(() => bot.app.url, bot.channel, 'channel', CHIEF, { conversationId: `${channel.id};messageid=1700000000000`, teamId: channel.teamId });
    await inThread.say('subscribe');
    expect(await bot.app.storage.subscriptions.isSubscribed(channel.id)).toBe(true);
  });

  it('offers a subscription when installed, with a button, and does not subscribe by itself', async () => {
    for (const kind of ['channel', 'groupChat', 'personal'] as const) {
      const c = bot.conversation(kind);
      const welcome = (await c.install()).cards[0];
      const offer = cardActions(welcome).find((a) => a.title === 'Get notices of new briefings');
      expect(offer?.data).toEqual({ command: 'subscribe' });
      expect(await bot.app.storage.subscriptions.isSubscribed(c.id)).toBe(false);
      await c.submit(offer!.data!);
      expect(await bot.app.storage.subscriptions.isSubscribed(c.id)).toBe(true);
    }
  });

  it('shows facilitators how many conversations are subscribed, by kind, and refuses anyone else', async () => {
    const counts = await bot.app.storage.subscriptions.counts();
    const text = (await bot.conversation('personal', FACILITATOR).say('subscriptions')).texts.join();
    const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
    expect(counts.total).toBeGreaterThan(1);
    expect(text).toContain(`${counts.total} conversations get briefing notices: ${n(counts.channel, 'team channel')}, ${n(counts.groupChat, 'group chat')} and ${n(counts.personal, 'personal chat')}.`);
    expect((await bot.conversation('personal', CHIEF).say('subscriptions')).texts).toEqual([NOT_A_FACILITATOR]);
    expect((await bot.conversation('personal', { ...CHIEF, aadObjectId: undefined }).say('subscriptions')).texts).toEqual([NOT_A_FACILITATOR]);
  });

  it('lists the facilitators’ commands in help only for facilitators', async () => {
    expect(cardText((await bot.conversation('personal', FACILITATOR).say('help')).cards[0])).toMatch(/notify <briefing> \(facilitators\)/);
    const chief = cardText((await bot.conversation('personal', CHIEF).say('help')).cards[0]);
    expect(chief).toMatch(/subscribe/);
    expect(chief).not.toMatch(/facilitators\)/);
  });

  it('refuses notify, share and the confirm button to anyone but a facilitator, and queues nothing', async () => {
    const chief = bot.conversation('personal', CHIEF);
    expect((await chief.say('notify 7-minute')).texts).toEqual([NOT_A_FACILITATOR]);
    expect((await chief.say('share briefing 7-minute')).texts).toEqual([NOT_A_FACILITATOR]);
    const forged = await chief.execute('notify.confirm', { b: BRIEFING });
    expect(cardText((forged.body as { value: unknown }).value)).toContain(NOT_A_FACILITATOR);
    const jobs = await bot.app.storage.database.db.selectFrom('delivery_jobs').selectAll().execute();
    expect(jobs).toEqual([]);
  });

  it('announces through the confirm card, sends each subscriber one notice with its key points, and reports progress', async () => {
    const before = await bot.app.storage.subscriptions.list();
    const progress = await announceInChat(bot, '7-minute');
    expect(cardText(progress)).toMatch(/Notice: Independent scrutiny project/);
    const job = await jobDone(bot, jobIdOf(progress));
    expect(job).toMatchObject({ sent: before.length, failed: 0, skipped: 0 });
    for (const s of before) {
      const notices = noticesIn(bot, s.conversationId);
      expect(notices).toHaveLength(1);
      const text = cardText(notices[0]);
      expect(text).toMatch(/Independent scrutiny project: 7-minute briefing/);
      expect(text).toMatch(/VKPP · June 2022|June 2022/);
      expect(text).toMatch(/Key points/);
      expect(cardActions(notices[0]).map((a) => a.title)).toEqual(expect.arrayContaining(['Ask about this briefing', 'Ask', 'Unsubscribe']));
    }
    // The progress card's own button shows the finished counts.
    const check = cardActions(progress).find((a) => a.title === 'Check progress')!;
    const refreshed = await bot.conversation('personal', FACILITATOR).execute(check.verb!, check.data);
    expect(cardText((refreshed.body as { value: unknown }).value)).toMatch(new RegExp(`Finished[\\s\\S]*Sent\\n${before.length}`));
  });

  it('sends nothing new when the same briefing is announced again', async () => {
    const sentBefore = bot.channel.records.length;
    const progress = await announceInChat(bot, '7-minute');
    const job = await jobDone(bot, jobIdOf(progress));
    expect(job.sent).toBe(0);
    expect(job.skipped).toBe((await bot.app.storage.subscriptions.counts()).total);
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.channel.records.slice(sentBefore).filter((r) => r.op === 'send' && /New briefing/.test(JSON.stringify(r.activity)))).toEqual([]);
  });

  it('answers "Ask about this briefing" from the briefing, keeps the notice, and stops notices on "Unsubscribe"', async () => {
    const c = (await subscribed(bot, ['groupChat']))[0]!;
    await jobDone(bot, jobIdOf(await announceInChat(bot, 'post-implementation')));
    const notice = noticesIn(bot, c.id)[0]!;
    const ask = cardActions(notice).find((a) => a.title === 'Ask')!;
    const noticeId = bot.channel.records.find((r) => r.conversationId === c.id && /New briefing/.test(JSON.stringify(r.activity)))!.activityId;
    const asked = await c.submit({ ...ask.data, question: 'what were the four gaps?' }, noticeId);
    expect(asked.cards).toHaveLength(1);
    expect(cardText(asked.cards[0])).toMatch(/post-implementation/i);
    expect(asked.updates).toHaveLength(1);
    expect(cardText(asked.updates[0]!.activity.attachments)).toMatch(/New briefing/);
    const empty = await c.submit({ ...ask.data, question: '  ' }, noticeId);
    expect(empty.texts.join()).toMatch(/Type your question/);
    const unsubscribe = cardActions(notice).find((a) => a.title === 'Unsubscribe')!;
    expect((await c.submit(unsubscribe.data!)).texts.join()).toMatch(/no more briefing notices/);
    expect(await bot.app.storage.subscriptions.isSubscribed(c.id)).toBe(false);
  });

  it('keeps the privacy guard on a question asked from a notice', async () => {
    const c = bot.conversation('personal');
    const asked = await c.submit({ verb: 'briefing.ask', d: BRIEFING, question: 'what about Jayden Smith, dob 03/04/2015?' });
    expect(asked.texts.join()).toMatch(/I haven't searched for that/);
    // Only the notice itself comes back (unchanged); no answer was searched for.
    expect(asked.cards.map((card) => cardText(card)).filter((t) => !/New briefing/.test(t))).toEqual([]);
  });

  it('lets a facilitator post a briefing card in a channel', async () => {
    const channel = bot.conversation('channel', FACILITATOR);
    const turn = await channel.say('share briefing 7-minute');
    expect(turn.cards).toHaveLength(1);
    expect(cardText(turn.cards[0])).toMatch(/Independent scrutiny project: 7-minute briefing/);
    expect((await channel.say('share briefing nothing like this at all')).texts.join()).toMatch(/couldn't find a briefing/);
  });

  it('ends the subscription when the bot is removed from the conversation', async () => {
    const [c] = await subscribed(bot, ['channel']);
    await c!.post(c!.base({ type: 'conversationUpdate', membersRemoved: [{ id: BOT.id, name: BOT.name }] }));
    expect(await bot.app.storage.subscriptions.isSubscribed(c!.id)).toBe(false);
  });
});

describe('the stored conversation reference', () => {
  let bot: TestBot;
  let moved: ChannelStandIn;
  beforeAll(async () => {
    bot = await startTestBot({ env: FAST_DELIVERY });
    moved = await new ChannelStandIn().start();
  });
  afterAll(async () => {
    await bot.stop();
    await moved.stop();
  });

  it('follows the conversation when Teams moves it to another serviceUrl', async () => {
    const [c] = await subscribed(bot, ['channel']);
    // The next activity from this conversation arrives from another service URL.
    const there = new TestConversation(() => bot.app.url, moved, 'channel', CHIEF, { conversationId: c!.id, teamId: c!.teamId });
    await there.say('help');
    await jobDone(bot, jobIdOf(await announceInChat(bot, '7-minute')));
    expect(noticesIn(bot, c!.id)).toHaveLength(0);
    expect(moved.records.filter((r) => r.conversationId === c!.id && /New briefing/.test(JSON.stringify(r.activity)))).toHaveLength(1);
  });
});
