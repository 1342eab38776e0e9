/**
 * The briefing notice: the card a subscribed conversation receives when a new
 * briefing is announced, and the outbox messages that carry it.
 *
 * It has to stand on its own in a busy channel: what the briefing is, who
 * published it and when, its key points in our own words, where to read it,
 * and two things to do next (ask about it, or stop these notices).
 *
 * Pure: a document summary in, card data and outbox messages out.
 */
import type { DocumentSummary } from '../knowledge/types.js';
import { documentHeader, type DocumentHeader } from '../qna/documents.js';
import type { OutboundMessage } from '../storage/deliveryStore.js';
import type { Subscription } from '../storage/subscriptionStore.js';

export const BRIEFING_NOTICE = 'briefing_notice';
export const ASK_ABOUT_BRIEFING = 'briefing.ask';

export interface NoticeCardData extends DocumentHeader {
  keyPoints: Array<{ text: string }>;
  sourceDocument: string;
  /** Action.Submit data of "Ask": the briefing it is about (the typed question is added by the card's input). */
  ask: { verb: string; d: string };
}

export function noticeCardData(doc: DocumentSummary): NoticeCardData {
  return {
    ...documentHeader(doc),
    keyPoints: (doc.keyPoints ?? []).map((text) => ({ text })),
    sourceDocument: doc.source.document,
    ask: { verb: ASK_ABOUT_BRIEFING, d: doc.id },
  };
}

/** One notice per conversation per briefing, ever: the outbox refuses a second row with this key. */
export function noticeKey(briefingId: string, conversationId: string): string {
  return `briefing:${briefingId}:${conversationId}`;
}

export function noticeMessages(briefingId: string, title: string, card: object, subscribers: readonly Subscription[]): OutboundMessage[] {
  const payload = {
    type: 'message',
    summary: `New briefing: ${title}`.slice(0, 200),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
  return subscribers.map((s) => ({ dedupeKey: noticeKey(briefingId, s.conversationId), conversationId: s.conversationId, tenantId: s.tenantId, payload }));
}
