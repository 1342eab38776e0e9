/**
 * Helpers for the delivery tests: facilitators, subscribing conversations through
 * the real bot, announcing through the confirm card's own buttons, and waiting
 * for the outbox to finish.
 */
import { expect } from 'vitest';
import type { TestBot } from '../support/bot.js';
import { cardActions, cardsOf, cardText, type Person, type TestConversation, type Kind } from '../support/conversation.js';

export const FACILITATOR: Person = { id: '29:fran', name: 'Fran Facilitator', aadObjectId: '0f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b' };
export const CHIEF: Person = { id: '29:chris', name: 'Chris Chief', aadObjectId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' };
export const BRIEFING = 'briefing-independent-scrutiny-7-minute';
export const NOTIFY_KEY = 'k'.repeat(40);

/** Settings that make retries and polling quick enough for tests. */
export const FAST_DELIVERY = { FACILITATOR_IDS: FACILITATOR.aadObjectId!, NOTIFY_API_KEY: NOTIFY_KEY, DELIVERY_POLL_MS: '25', DELIVERY_RETRY_BASE_MS: '20', DELIVERY_RETRY_CAP_MS: '200' };

export async function subscribed(bot: TestBot, kinds: Kind[]): Promise<TestConversation[]> {
  const conversations = kinds.map((kind) => bot.conversation(kind));
  for (const c of conversations) expect((await c.say('subscribe')).texts.join(' ')).toMatch(/^Done:/);
  return conversations;
}

/** Announce through the chat: `notify`, then the confirm card's own "Send the notice" button. Returns the progress card. */
export async function announceInChat(bot: TestBot, name: string, choice?: string) {
  const facilitator = bot.conversation('personal', FACILITATOR);
  const confirm = (await facilitator.say(`notify ${name}`)).cards[0];
  expect(confirm, 'a confirm card').toBeDefined();
  const send = cardActions(confirm).find((a) => a.title === 'Send the notice' && a.type === 'Action.Execute')!;
  const chosen = choice ?? String((confirm!.body as Array<{ id?: string; value?: string }>).find((b) => b.id === 'b')?.value);
  const turn = await facilitator.execute(send.verb!, { ...send.data, b: chosen });
  return (turn.body as { value: Record<string, unknown> }).value;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function jobDone(bot: TestBot, jobId: string) {
  return waitFor(`job ${jobId} to finish`, async () => {
    const job = await bot.app.storage.deliveries.jobStatus(jobId);
    return job?.done ? job : undefined;
  });
}

export function jobIdOf(progressCard: unknown): string {
  const id = /job-[a-z0-9]{10}/.exec(cardText(progressCard))?.[0];
  expect(id, 'the progress card names its job').toBeDefined();
  return id!;
}

/** Notice cards the channel stand-in received for a conversation. */
export function noticesIn(bot: TestBot, conversationId: string) {
  return bot.channel.records.filter((r) => r.op === 'send' && r.conversationId === conversationId).flatMap((r) => cardsOf(r.activity)).filter((c) => /New briefing/.test(cardText(c)));
}
