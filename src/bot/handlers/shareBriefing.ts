/**
 * "Share a briefing": the search command of the bot's message extension. A
 * person opens it from the message box in any chat or channel; Teams asks for
 * results as they type, and the card they pick goes into their own message.
 *
 * The card is read by people who may never have used the bot, so it carries
 * what they need on its own: title, publisher and date, a short summary, the
 * superseded warning and the source link, and how to ask the bot for more.
 */
import type { MessagingExtensionAttachment, MessagingExtensionResult } from 'botbuilder';
import type { z } from 'zod';
import { CARD_CONTENT_TYPE } from '../../cards/renderCard.js';
import type { DocumentSummary, KnowledgeBase } from '../../knowledge/types.js';
import { checkPrivacy, FINDING_LABELS } from '../../privacy/privacyGuard.js';
import { aboutCommand, briefingsNewestFirst, documentHeader, type DocumentHeader } from '../../qna/documents.js';
import { shortSummary, summarySections } from '../../qna/summary.js';
import { boundedQuestion } from '../../qna/text.js';
import { MessageExtensionQueryValue, queryParameter, type BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export const SHARE_BRIEFING = 'shareBriefing';
/** Teams asks for 25 at a time; more than that in one answer only makes the flyout slower. */
export const MAX_RESULTS = 25;

export const ShareBriefingQuery = MessageExtensionQueryValue.transform((value) => ({
  // The manifest names the search box "query"; on initialRun Teams sends only an initialRun parameter.
  text: boundedQuestion(queryParameter(value, 'query')),
  skip: value.queryOptions.skip,
  count: Math.min(value.queryOptions.count, MAX_RESULTS),
}));
export type ShareBriefingQuery = z.infer<typeof ShareBriefingQuery>;

const THUMBNAIL_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

export async function shareBriefing(turn: Turn, query: ShareBriefingQuery, services: BotServices): Promise<MessagingExtensionResult> {
  // What people type here is searched like a question, so the same guard comes first; a flagged search is not logged either.
  const privacy = checkPrivacy(query.text);
  if (privacy.flagged) {
    services.log.info({ event: 'privacy_guard', findings: privacy.findings, conversation: turn.conversation.kind, source: 'share_briefing' }, 'search withheld by the privacy guard');
    return message(
      `I haven't searched for that: it looks like it may include ${privacy.findings.map((f) => FINDING_LABELS[f]).join(' or ')}. ` +
        "Briefings are found by words from their title or topic, so there's no need for personal details here.",
    );
  }

  const all = briefingsNewestFirst(services.knowledge.documents());
  const found = query.text ? matchingBriefings(services.knowledge, all, query.text) : all;
  services.log.info({ event: 'share_briefing', searched: Boolean(query.text), found: found.length, skip: query.skip, conversation: turn.conversation.kind }, 'briefing search');
  if (found.length === 0) {
    return message(
      all.length === 0
        ? 'There are no briefings in the knowledge base yet.'
        : 'No briefings match those words. Try fewer or different words, or clear the search to see every briefing.',
    );
  }
  // Past the end is an empty page, not a message: Teams is scrolling, and the list it has stays.
  const page = found.slice(query.skip, query.skip + query.count);
  return { type: 'result', attachmentLayout: 'list', attachments: page.map((doc) => briefingAttachment(services, doc)) };
}

function message(text: string): MessagingExtensionResult {
  return { type: 'message', text };
}

/** Lower-case words and numbers, so "7-minute" finds "7 Minute" and "VKPP" finds "(VKPP)". */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Briefings whose title, publisher, date or topic has every word of the search,
 * each as the start of a word (Teams asks while people type, so "scrut" counts).
 * Only when none does is the guidance search asked, which also reaches a
 * briefing's tags and text; it has no filter by kind, so its passages are kept
 * to the briefings. Either way the list stays newest first.
 */
export function matchingBriefings(knowledge: Pick<KnowledgeBase, 'ask' | 'topics'>, briefings: readonly DocumentSummary[], text: string): DocumentSummary[] {
  const wanted = words(text);
  if (wanted.length === 0) return [...briefings];
  const labels = new Map(knowledge.topics().map((t) => [t.topic, t.label]));
  const byWords = briefings.filter((d) => {
    const have = words([d.title, d.source.publisher, d.source.dateLabel, d.source.date, labels.get(d.topic) ?? d.topic, d.area ?? ''].join(' '));
    return wanted.every((w) => have.some((h) => h.startsWith(w)));
  });
  if (byWords.length > 0) return byWords;
  const hits = new Set(knowledge.ask(text, { limit: 20 }).passages.map((p) => p.docId));
  return briefings.filter((d) => hits.has(d.id));
}

export interface BriefingShareData extends DocumentHeader {
  summary: string;
  askHint: string;
}

/** Data for cards/briefing-share.json. */
export function briefingShareData(doc: DocumentSummary, summary: string): BriefingShareData {
  return {
    ...documentHeader(doc),
    summary,
    // Works in any chat the bot is in; in personal chat the leading @name is simply ignored.
    askHint: `Ask LSCP Assistant about this: send **@LSCP Assistant ${aboutCommand(doc.id)}** for a longer summary, or ask it a question.`,
  };
}

/** The card that shares a briefing (from the message extension, or posted by `share briefing`). */
export function briefingShareCard(services: BotServices, doc: DocumentSummary) {
  return services.cards.render('briefing-share', briefingShareData(doc, cachedSummary(services.knowledge, doc)));
}

function briefingAttachment(services: BotServices, doc: DocumentSummary): MessagingExtensionAttachment {
  const data = briefingShareData(doc, cachedSummary(services.knowledge, doc));
  return {
    contentType: CARD_CONTENT_TYPE,
    content: services.cards.render('briefing-share', data),
    // The list row in the flyout; the Adaptive Card is what goes into the message.
    preview: {
      contentType: THUMBNAIL_CONTENT_TYPE,
      content: { title: data.title, text: data.superseded ? `${data.sourceLine} · superseded` : data.sourceLine },
    },
  };
}

/**
 * Teams asks on every pause in typing, and each summary is a search, so
 * summaries are kept until the knowledge base is rebuilt (its content hash changes).
 */
const summaries = { contentHash: '', byDoc: new Map<string, string>() };

function cachedSummary(knowledge: KnowledgeBase, doc: DocumentSummary): string {
  if (summaries.contentHash !== knowledge.stats.contentHash) {
    summaries.contentHash = knowledge.stats.contentHash;
    summaries.byDoc.clear();
  }
  let summary = summaries.byDoc.get(doc.id);
  if (summary === undefined) {
    summary = shortSummary(summarySections(knowledge, doc, 1), doc.source.document);
    summaries.byDoc.set(doc.id, summary);
  }
  return summary;
}
