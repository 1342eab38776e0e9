/**
 * Delivery when Teams pushes back, through the real adapter and HTTP server:
 * 12 subscribers with a 429 (Retry-After honoured) and repeated 503s, a failure
 * recorded after the last retry, and a blocked or vanished conversation ending
 * its subscription. Each attempt is one request: the connector adds none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { BRIEFING, FAST_DELIVERY, jobDone, NOTIFY_KEY, noticesIn, subscribed } from './support.js';

async function announce(bot: TestBot, briefingId = BRIEFING): Promise<string> {
  const response = await fetch(`${bot.app.url}/api/notify`, { method: 'POST', headers: { authorization: `Bearer ${NOTIFY_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ briefingId }) });
  expect(response.status).toBe(202);
  return String(((await response.json()) as { jobId: string }).jobId);
}

describe('delivery under throttling and failures', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { ...FAST_DELIVERY, DELIVERY_MAX_ATTEMPTS: '5' } });
  });
  afterAll(() => bot.stop());

  it('delivers to 12 subscribers exactly once through a 429 with Retry-After and repeated 503s', async () => {
    const conversations = await subscribed(bot, [...Array(4).fill('personal'), ...Array(4).fill('groupChat'), ...Array(4).fill('channel')]);
    const throttled = conversations[2]!.id;
    const flaky = conversations[7]!.id;
    bot.channel.inject({ status: 429, headers: { 'Retry-After': '1' }, conversationId: throttled });
    bot.channel.inject({ status: 503, conversationId: flaky }, 3);
    const started = Date.now();
    const job = await jobDone(bot, await announce(bot));
    expect(job).toMatchObject({ sent: 12, failed: 0, skipped: 0 });
    for (const c of conversations) expect(noticesIn(bot, c.id), c.id).toHaveLength(1);

    const to = (id: string) => bot.channel.requests.filter((r) => r.conversationId === id && r.at >= started);
    const [refused, accepted] = to(throttled);
    expect([refused?.status, accepted?.status]).toEqual([429, 200]);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(950);
    // One request per attempt: three 503s, then the send that worked, and nothing in between from the connector.
    expect(to(flaky).map((r) => r.status)).toEqual([503, 503, 503, 200]);
    const rows = await bot.app.storage.database.db.selectFrom('deliveries').select(['conversation_id', 'attempts']).where('job_id', '=', job.id).execute();
    expect(rows.find((r) => r.conversation_id === flaky)?.attempts).toBe(4);
    expect(rows.find((r) => r.conversation_id === throttled)?.attempts).toBe(2);
  });

  it('records a failure with its status after the last retry, and keeps the subscription', async () => {
    const [c] = await subscribed(bot, ['channel']);
    bot.channel.inject({ status: 503, conversationId: c!.id }, 20);
    const job = await jobDone(bot, await announce(bot, 'briefing-2022-06-post-implementation'));
    expect(job.failed).toBe(1);
    expect(await bot.app.storage.deliveries.failures(job.id)).toEqual([{ conversationId: c!.id, status: 503, error: 'HTTP 503 after 5 attempts', attempts: 5 }]);
    expect(bot.channel.requests.filter((r) => r.conversationId === c!.id)).toHaveLength(5 + 1);
    expect(await bot.app.storage.subscriptions.isSubscribed(c!.id)).toBe(true);
    // What does not retry fails at once.
    const [d] = await subscribed(bot, ['personal']);
    bot.channel.inject({ status: 400, conversationId: d!.id });
    const second = await jobDone(bot, await announce(bot, 'briefing-2019-20-implementation-summary'));
    expect((await bot.app.storage.deliveries.failures(second.id)).filter((f) => f.conversationId === d!.id)).toEqual([{ conversationId: d!.id, status: 400, error: 'HTTP 400', attempts: 1 }]);
  });

  it('ends the subscription when Teams says the bot was blocked (403 MessageWritesBlocked) or the conversation is gone (404)', async () => {
    const [blocked, gone, other] = await subscribed(bot, ['personal', 'groupChat', 'personal']);
    bot.channel.inject({ status: 403, body: { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked', message: 'Thread is blocked' } }, conversationId: blocked!.id });
    bot.channel.inject({ status: 404, body: { error: { code: 'ConversationNotFound' } }, conversationId: gone!.id });
    bot.channel.inject({ status: 403, body: { error: { code: 'Forbidden', message: 'Some other refusal' } }, conversationId: other!.id });
    const job = await jobDone(bot, await announce(bot, 'vkpp-lsca-project-overview'));
    expect(await bot.app.storage.subscriptions.isSubscribed(blocked!.id)).toBe(false);
    expect(await bot.app.storage.subscriptions.isSubscribed(gone!.id)).toBe(false);
    expect(await bot.app.storage.subscriptions.isSubscribed(other!.id)).toBe(true);
    expect(job.skipped).toBeGreaterThanOrEqual(2);
    const ours = new Set([blocked!.id, gone!.id, other!.id]);
    expect((await bot.app.storage.deliveries.failures(job.id)).filter((f) => ours.has(f.conversationId)).map((f) => [f.conversationId, f.status])).toEqual([[other!.id, 403]]);
  });
});
