/**
 * Keeps the stored conversation reference of every conversation current, from
 * every incoming activity: Teams can move a conversation to another serviceUrl,
 * and a notice sent to the old one fails.
 *
 * A write happens only when the reference differs from the one this instance
 * last stored, so an ordinary turn costs a map lookup, not a database write.
 */
import { TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from '../logging.js';
import type { ConversationStore } from '../storage/conversationStore.js';
import { isProactiveTurn } from './connectorRetry.js';
import { rootConversationId } from './turn.js';

/** Conversations whose last reference this instance keeps in memory; beyond it, the oldest is forgotten (and rewritten when next seen). */
const REMEMBERED = 10_000;

export function rememberConversations(store: ConversationStore, log: Logger): Middleware {
  const lastStored = new Map<string, string>();
  return {
    async onTurn(context, next) {
      const activity = context.activity;
      if (!isProactiveTurn(context) && activity.conversation?.id && activity.serviceUrl) {
        const reference = TurnContext.getConversationReference(activity);
        const conversationId = rootConversationId(activity.conversation.id);
        // Not an activity to reply to, and the conversation itself rather than the thread it came from.
        delete reference.activityId;
        reference.conversation = { ...activity.conversation, id: conversationId };
        const json = JSON.stringify(reference);
        // Installs and removals are rare and may have been recorded by another instance: always write them.
        if (lastStored.get(conversationId) !== json || activity.type === 'conversationUpdate') {
          try {
            await store.remember({
              conversationId,
              tenantId: activity.conversation.tenantId ?? null,
              conversationType: activity.conversation.conversationType ?? 'personal',
              reference,
            });
            lastStored.delete(conversationId);
            lastStored.set(conversationId, json);
            if (lastStored.size > REMEMBERED) lastStored.delete(lastStored.keys().next().value!);
          } catch (error) {
            // The turn matters more than the bookkeeping; the next activity tries again.
            log.warn({ err: error }, 'could not store the conversation reference');
          }
        }
      }
      await next();
    },
  };
}
