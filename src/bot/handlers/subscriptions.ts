/**
 * Briefing notices, from the subscriber's side: `subscribe` and `unsubscribe`
 * in a personal chat, a group chat or a team channel, and `subscriptions` for
 * facilitators (how many conversations, by kind; never which).
 *
 * A channel's subscription belongs to the channel (a notice is a new post
 * there), so it is keyed by the channel, not by the thread it was typed in.
 */
import type { ConversationKind, Turn } from '../turn.js';
import { rootConversationId } from '../turn.js';
import { endSubscription } from '../../facilitators/subscriptions.js';
import type { BotServices } from '../routing.js';

const SAYS: Record<ConversationKind, { subscribed: string; already: string; here: string }> = {
  personal: { subscribed: 'you will get a short notice here', already: 'You already get briefing notices here.', here: 'this chat' },
  groupChat: { subscribed: 'this group chat will get a short notice', already: 'This group chat already gets briefing notices.', here: 'this group chat' },
  channel: { subscribed: 'this channel will get a short notice', already: 'This channel already gets briefing notices.', here: 'this channel' },
};

export async function subscribe(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  const { kind, tenantId } = turn.conversation;
  const conversationId = rootConversationId(turn.conversation.id);
  const { created } = await services.storage.subscriptions.subscribe({ conversationId, kind, tenantId: tenantId ?? null });
  services.log.info({ event: 'subscribe', conversation: kind, created }, 'subscribe');
  const says = SAYS[kind];
  await turn.sendText(
    created
      ? `Done: ${says.subscribed} whenever a new briefing is published. Type **unsubscribe** to stop.`
      : `${says.already} Type **unsubscribe** to stop them.`,
  );
}

export async function unsubscribe(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  const { kind } = turn.conversation;
  const conversationId = rootConversationId(turn.conversation.id);
  const { removed } = await endSubscription(services.storage, conversationId, 'unsubscribed');
  services.log.info({ event: 'unsubscribe', conversation: kind, removed }, 'unsubscribe');
  const { here } = SAYS[kind];
  await turn.sendText(
    removed
      ? `Done: no more briefing notices in ${here}. Type **subscribe** if you want them again.`
      : `There were no briefing notices to stop in ${here}. Type **subscribe** to get one whenever a new briefing is published.`,
  );
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export async function subscriptionCounts(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  const c = await services.storage.subscriptions.counts();
  await turn.sendText(
    c.total === 0
      ? 'No conversations get briefing notices yet. Anyone can type **subscribe** in a chat or channel where LSCP Assistant is installed.'
      : `${plural(c.total, 'conversation gets', 'conversations get')} briefing notices: ${plural(c.channel, 'team channel', 'team channels')}, ${plural(c.groupChat, 'group chat', 'group chats')} and ${plural(c.personal, 'personal chat', 'personal chats')}.`,
  );
}
