/**
 * A turn as handlers see it: who is speaking, where, what they typed (with the
 * bot's @mention removed), and how to reply.
 *
 * Handlers depend on this small surface rather than on TurnContext, so most of
 * them can be exercised with a fake and the Bot Framework glue stays in one place.
 */
import { ActivityTypes, CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { CardJson } from '../cards/renderCard.js';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface Turn {
  readonly context: TurnContext;
  /** What the user typed, without the bot's @mention, trimmed, spaces collapsed. */
  readonly text: string;
  readonly user: { id: string; name: string; aadObjectId?: string };
  readonly conversation: { id: string; kind: ConversationKind; tenantId?: string; teamId?: string; channelId?: string };
  /** The shared space a partnership works in: the team for channels, the chat for group chats, the person in personal chat. */
  readonly space: { key: string; kind: 'team' | 'chat' | 'personal' };
  /** The message this turn answers, when a card button was pressed. */
  readonly replyToId?: string;
  /** For Action.Execute: 'automatic' when Teams refreshes a card on view; such turns must not post messages. */
  readonly actionTrigger?: 'manual' | 'automatic';
  sendText(text: string): Promise<string | undefined>;
  sendCard(card: CardJson, summary?: string): Promise<string | undefined>;
  updateCard(activityId: string, card: CardJson): Promise<void>;
  showTyping(): Promise<void>;
}

/**
 * The conversation a proactive message goes to: a reply in a channel thread
 * arrives as `<channel id>;messageid=<thread>`, but notices go to the channel
 * itself, as new posts.
 */
export function rootConversationId(conversationId: string): string {
  return conversationId.replace(/;messageid=[^;]*$/i, '');
}

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/** Remove the bot's own @mention (and its <at> tags) from message text. */
export function textWithoutMention(context: TurnContext): string {
  const activity = context.activity;
  let text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  // Some clients leave the tag or the bot's name in place after removal.
  const botName = activity.recipient?.name;
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  if (botName) text = text.replace(new RegExp(`^\\s*@?${escapeRegExp(botName)}\\b`, 'i'), ' ');
  return text.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

export function isBotMentioned(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return TurnContext.getMentions(context.activity).some((m) => m.mentioned?.id === botId);
}

export function createTurn(context: TurnContext, actionTrigger?: 'manual' | 'automatic', typingDelayMs = 0): Turn {
  const activity = context.activity;
  // A pending typing indicator: cancelled by the first reply, so a quick answer never waits for one.
  let typing: NodeJS.Timeout | undefined;
  const replied = () => {
    clearTimeout(typing);
    typing = undefined;
  };
  const kind = conversationKind(activity);
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string }; tenant?: { id?: string } };
  const teamId = channelData.team?.id;
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
  const conversationId = activity.conversation.id;
  const space =
    kind === 'channel'
      ? { key: `team:${teamId ?? conversationId.split(';')[0]}`, kind: 'team' as const }
      : kind === 'groupChat'
        ? { key: `chat:${conversationId}`, kind: 'chat' as const }
        : { key: `user:${activity.from.aadObjectId ?? activity.from.id}`, kind: 'personal' as const };
  return {
    context,
    text: activity.type === ActivityTypes.Message ? textWithoutMention(context) : '',
    user: { id: activity.from.id, name: activity.from.name?.trim() || 'A colleague', aadObjectId: activity.from.aadObjectId },
    conversation: { id: conversationId, kind, tenantId, teamId, channelId: channelData.channel?.id },
    space,
    replyToId: activity.replyToId,
    actionTrigger,
    async sendText(text) {
      replied();
      const sent = await context.sendActivity(MessageFactory.text(text));
      return sent?.id;
    },
    async sendCard(card, summary) {
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      if (summary) message.summary = summary;
      replied();
      const sent = await context.sendActivity(message);
      return sent?.id;
    },
    async updateCard(activityId, card) {
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      message.id = activityId;
      await context.updateActivity(message);
    },
    async showTyping() {
      // Teams shows typing only in personal and group chats; in channels it is noise.
      if (kind === 'channel') return;
      if (typingDelayMs === 0) {
        await context.sendActivity({ type: ActivityTypes.Typing });
        return;
      }
      clearTimeout(typing);
      typing = setTimeout(() => {
        typing = undefined;
        // The turn may have ended meanwhile (its context revoked): a typing indicator is never worth an error.
        context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
      }, typingDelayMs);
      typing.unref();
    },
  };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
