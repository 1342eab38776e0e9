/**
 * Ending a subscription: on `unsubscribe`, when the bot is removed, or when Teams
 * says the conversation is gone (404, or 403 MessageWritesBlocked). Whatever was
 * still queued for it is skipped, so nothing arrives after someone said stop.
 */
import type { Storage } from '../storage/index.js';

export async function endSubscription(storage: Pick<Storage, 'subscriptions' | 'deliveries'>, conversationId: string, reason: string): Promise<{ removed: boolean }> {
  const result = await storage.subscriptions.unsubscribe(conversationId);
  await storage.deliveries.skipPendingFor(conversationId, reason);
  return result;
}
