/**
 * Replies within a turn when the channel pushes back: retried by our policy
 * (bounded, Retry-After honoured), with botbuilder's own connector retry taken
 * out so the two never stack. Counting requests at the channel stand-in shows
 * which layer ran: the connector's default would make four requests per send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText } from '../support/conversation.js';

describe('replies under throttling and failures', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { DELIVERY_RETRY_BASE_MS: '20' } });
  });
  afterAll(() => bot.stop());

  const statuses = (conversationId: string) => bot.channel.requests.filter((r) => r.conversationId === conversationId).map((r) => r.status);

  it('retries a reply through transient 503s and 502s, one request per attempt', async () => {
    const c = bot.conversation('personal');
    bot.channel.inject({ status: 503, conversationId: c.id }).inject({ status: 502, conversationId: c.id });
    const turn = await c.say('help');
    expect(cardText(turn.cards[0])).toMatch(/What I can do/);
    expect(statuses(c.id)).toEqual([503, 502, 200]);
  });

  it('honours Retry-After on a 429', async () => {
    const c = bot.conversation('personal');
    bot.channel.inject({ status: 429, headers: { 'Retry-After': '1' }, conversationId: c.id });
    const started = Date.now();
    const turn = await c.say('help');
    expect(turn.cards).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(statuses(c.id)).toEqual([429, 200]);
  });

  it('gives up after three attempts, then tries the apology the same bounded way, and stays up', async () => {
    const c = bot.conversation('personal');
    bot.channel.inject({ status: 503, conversationId: c.id }, 20);
    const turn = await c.say('help');
    expect(turn.status).toBeLessThan(600);
    // Three for the reply, three for the apology: never the connector's own four per send.
    expect(statuses(c.id)).toEqual([503, 503, 503, 503, 503, 503]);
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  });

  it('does not retry what is not transient', async () => {
    const c = bot.conversation('personal');
    bot.channel.inject({ status: 400, conversationId: c.id });
    await c.say('help');
    expect(statuses(c.id)[0]).toBe(400);
    expect(statuses(c.id).filter((s) => s === 400)).toHaveLength(1);
  });
});
