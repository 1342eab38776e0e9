/**
 * Ticket messages through the outbox: the ticket card posted in the
 * facilitators' channel and kept up to date there, the answer sent to the
 * asker, and the channel told when an asker still needs help. Everything
 * proactive goes through the delivery queue, so it is paced, retried and
 * survives a restart like a briefing notice.
 *
 * The keys are the point: one post per ticket per channel, one update row per
 * ticket per channel whose newest card is all that matters, one relay per answer.
 */
import type { OutboundMessage } from '../storage/deliveryStore.js';
import type { Ticket } from './tickets.js';

export const TICKET_JOB = 'ticket';

export interface Channel {
  conversationId: string;
  tenantId: string | null;
}

function cardActivity(card: object, summary: string) {
  return { type: 'message', summary: summary.slice(0, 200), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}

export const postKey = (ticketId: string, channel: string) => `ticket:${ticketId}:post:${channel}`;

/** The ticket's card as a new post in the channel (once: the outbox refuses a second row with this key). */
export function ticketPost(t: Ticket, channel: Channel, card: object): OutboundMessage {
  return { dedupeKey: postKey(t.id, channel.conversationId), conversationId: channel.conversationId, tenantId: channel.tenantId, payload: cardActivity(card, `Question ${t.id} from ${t.asker.name}`) };
}

/** The card's newest state, replacing the post for everyone in the channel (waits for the post to go first). */
export function ticketUpdate(t: Ticket, channel: Channel, card: object): OutboundMessage {
  return {
    dedupeKey: `ticket:${t.id}:update:${channel.conversationId}`,
    conversationId: channel.conversationId,
    tenantId: channel.tenantId,
    op: 'update',
    targetKey: postKey(t.id, channel.conversationId),
    payload: cardActivity(card, `Question ${t.id}: ${t.state}`),
  };
}

/** The answer, to the asker's own chat: once per answer (a reopened ticket answered again sends a new one). */
export function answerRelay(t: Ticket, card: object): OutboundMessage {
  return { dedupeKey: `ticket:${t.id}:answer:${t.round}`, conversationId: t.replyConversationId, tenantId: t.tenantId, payload: cardActivity(card, `${t.answeredBy?.name ?? 'A facilitator'} answered your question`) };
}

/** A short post in the channel when the asker says they still need help. */
export function reopenedNotice(t: Ticket, channel: Channel): OutboundMessage {
  return {
    dedupeKey: `ticket:${t.id}:reopened:${t.round}:${channel.conversationId}`,
    conversationId: channel.conversationId,
    tenantId: channel.tenantId,
    payload: { type: 'message', text: `**${t.id}** is open again: ${t.asker.name} still needs help after ${t.answeredBy?.name ?? 'the'} answer. The ticket card shows the question and the answer so far.` },
  };
}
