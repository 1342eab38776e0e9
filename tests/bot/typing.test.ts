/**
 * The typing indicator waits: a reply ready within TYPING_DELAY_MS arrives
 * without one (one message to Teams instead of two), a slower one gets it.
 * Through the real app for the quick case; on the turn itself for the timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import { createTurn } from '../../src/bot/turn.js';
import { onlyCard, startQnaBot, typingSent, type QnaBot } from '../qna/harness.js';

function fakeContext(sent: string[]): TurnContext {
  return {
    activity: { type: 'message', text: 'hi', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c', conversationType: 'personal' }, channelData: {} },
    sendActivity: async (a: { type?: string }) => {
      sent.push(a.type ?? 'message');
      return { id: String(sent.length) };
    },
  } as unknown as TurnContext;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the typing indicator', () => {
  let bot: QnaBot;
  beforeAll(async () => {
    bot = await startQnaBot(); // the default delay
  });
  afterAll(() => bot.stop());

  it('is not sent when the answer is ready before the delay', async () => {
    const turn = await bot.conversation('personal').say('who is the lead safeguarding partner for health?');
    onlyCard(turn);
    expect(typingSent(turn)).toBe(false);
  });

  it('is sent when the reply takes longer than the delay, and only once', async () => {
    const sent: string[] = [];
    const turn = createTurn(fakeContext(sent), undefined, 20);
    await turn.showTyping();
    await wait(60);
    await turn.sendText('done');
    expect(sent).toEqual(['typing', 'message']);
  });

  it('is cancelled by a reply that comes first', async () => {
    const sent: string[] = [];
    const turn = createTurn(fakeContext(sent), undefined, 30);
    await turn.showTyping();
    await turn.sendText('quick');
    await wait(60);
    expect(sent).toEqual(['message']);
  });
});
