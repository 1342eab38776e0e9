/**
 * The outbox's Sender: posts a queued message into its conversation with
 * CloudAdapter.continueConversationAsync, using the conversation reference the
 * bot last saw there (refreshed on every incoming activity, since Teams may move
 * a conversation to another serviceUrl).
 *
 * Errors are returned, not thrown: a throw inside the turn would reach the
 * adapter's onTurnError, which would post an apology into a conversation that
 * never spoke to the bot.
 */
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Sender, SendResult } from '../delivery/worker.js';
import { SETUP_FAILED, type SendFailure } from '../delivery/retryPolicy.js';
import type { ConversationStore } from '../storage/conversationStore.js';

/** The two operations of botframework-connector's ConnectorClient used here (it is not re-exported by botbuilder). */
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

/** What a connector error carries (RestError from @azure/core-rest-pipeline), read defensively. */
export function failureOf(error: unknown): SendFailure {
  const e = (error ?? {}) as { statusCode?: unknown; code?: unknown; response?: { status?: unknown; headers?: { get?(name: string): string | undefined }; bodyAsText?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.response?.status === 'number' ? e.response.status : undefined;
  const retryAfter = typeof e.response?.headers?.get === 'function' ? (e.response.headers.get('retry-after') ?? null) : null;
  const body = typeof e.response?.bodyAsText === 'string' ? e.response.bodyAsText.slice(0, 2000) : undefined;
  return { status, code: typeof e.code === 'string' ? e.code : undefined, retryAfter, body };
}

export function proactiveSender(adapter: CloudAdapter, appId: string, conversations: ConversationStore): Sender {
  return {
    async send(row, targetActivityId): Promise<SendResult> {
      const stored = await conversations.get(row.conversationId);
      // Removed from the conversation (membersRemoved) and not back since: as good as a 404.
      if (!stored) return { ok: false, failure: { status: 404, body: '{"error":{"code":"NoConversationReference"}}' } };
      let result: SendResult = { ok: false, failure: { code: 'NOT_SENT' } };
      try {
        const reference = stored.reference as Partial<ConversationReference>;
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          // The connector itself, not context.sendActivity: that would make the post a reply to the
          // continuation's made-up activity id; a notice is a new message (a new post in a channel).
          const connector = context.turnState.get(context.adapter.ConnectorClientKey) as Connector;
          const activity: Partial<Activity> = { ...(row.payload as Partial<Activity>), from: reference.bot, conversation: reference.conversation, channelId: reference.channelId, serviceUrl: reference.serviceUrl };
          try {
            if (row.op === 'update' && targetActivityId) {
              await connector.conversations.updateActivity(row.conversationId, targetActivityId, { ...activity, id: targetActivityId });
              result = { ok: true, activityId: targetActivityId };
            } else {
              const sent = await connector.conversations.sendToConversation(row.conversationId, activity);
              result = { ok: true, activityId: sent?.id };
            }
          } catch (error) {
            result = { ok: false, failure: failureOf(error) };
          }
        });
      } catch (error) {
        // Before the send itself (a token could not be had, the reference is unusable): worth another try later.
        const failure = failureOf(error);
        result = { ok: false, failure: failure.status !== undefined ? failure : { ...failure, code: SETUP_FAILED } };
      }
      return result;
    },
  };
}
