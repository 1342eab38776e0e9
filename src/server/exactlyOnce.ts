/**
 * Exactly-once handling of incoming activities. Teams redelivers an activity
 * when the bot is slow to answer; without this, the person would get two
 * answers and a checklist save could run twice. The receipt is in the store, so
 * a repeat that reaches another instance is recognised too.
 *
 * A repeat gets the HTTP answer the first delivery got (an invoke's card
 * included); one that arrives while the first is still being handled waits for
 * it (invokes) or is acknowledged at once (messages, whose answer is always an
 * empty 200).
 */
import type { Logger } from '../logging.js';
import type { ReceiptStore } from '../storage/receiptStore.js';

export interface HttpAnswer {
  status: number;
  body?: unknown;
}

/** A receipt left 'processing' this long belongs to an instance that died mid-turn; Teams' retry then runs afresh. */
const TAKE_OVER_MS = 60_000;
/** How long a repeated invoke waits for the first delivery's answer (Teams itself gives up after about 15 s). */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 50;
/** Purge old receipts about this often, off the answer's path. */
const PURGE_EVERY_MS = 5 * 60_000;

export function exactlyOnce(store: ReceiptStore, owner: string, log: Logger) {
  let lastPurge = 0;
  return async function once(activity: { id?: string; type: string; conversation: { id: string } }, handle: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    if (!activity.id) return handle();
    const key = { conversationId: activity.conversation.id, activityId: activity.id };
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      void store.purge().catch((error: unknown) => log.warn({ err: error }, 'could not purge old activity receipts'));
    }
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      let claim;
      try {
        claim = await store.claim({ ...key, owner, takeOverMs: TAKE_OVER_MS });
      } catch (error) {
        // The database is failing: answering (or apologising) matters more than de-duplicating this one.
        log.warn({ err: error }, 'could not check the activity receipt; handling it without');
        return handle();
      }
      if (claim.kind === 'done') {
        log.info({ event: 'duplicate_activity', type: activity.type }, 'repeated delivery answered from its receipt');
        return { status: claim.status, body: claim.body };
      }
      if (claim.kind === 'new') break;
      if (activity.type !== 'invoke' || Date.now() > deadline) {
        log.info({ event: 'duplicate_activity', type: activity.type, inFlight: true }, 'repeated delivery while the first is in hand');
        return { status: 200 };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    let answer: HttpAnswer;
    try {
      answer = await handle();
    } catch (error) {
      await store.release(key).catch(() => undefined);
      throw error;
    }
    await store.complete({ ...key, status: answer.status, body: answer.body }).catch((error: unknown) => log.warn({ err: error }, 'could not record the activity receipt'));
    return answer;
  };
}
