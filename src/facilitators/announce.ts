/**
 * Announcing a briefing: queue its notice for every subscribed conversation, in
 * one transaction, and report what was queued. The chat command, POST
 * /api/notify and `npm run notify` all come here, so they behave alike.
 *
 * Announcing twice sends nothing new: the outbox keeps one row per briefing and
 * conversation, and a repeat counts those as skipped.
 */
import type { CardRenderer } from '../cards/renderCard.js';
import type { DocumentSummary, KnowledgeBase } from '../knowledge/types.js';
import type { Storage } from '../storage/index.js';
import { BRIEFING_NOTICE, noticeCardData, noticeMessages } from './notice.js';

export class AnnounceError extends Error {
  override name = 'AnnounceError';
  constructor(
    readonly code: 'unknown_briefing' | 'no_key_points',
    message: string,
  ) {
    super(message);
  }
}

export interface AnnounceDeps {
  knowledge: Pick<KnowledgeBase, 'document'>;
  cards: CardRenderer;
  storage: Pick<Storage, 'subscriptions' | 'deliveries'>;
}

export interface Announcement {
  jobId: string;
  briefingId: string;
  title: string;
  /** Notices queued now. */
  queued: number;
  /** Subscribers who already had this briefing's notice. */
  skipped: number;
}

/** The briefing with this id, or a clear reason why it cannot be announced. */
export function announceableBriefing(knowledge: Pick<KnowledgeBase, 'document'>, briefingId: string): DocumentSummary {
  const doc = knowledge.document(briefingId);
  if (!doc || doc.kind !== 'briefing') {
    throw new AnnounceError('unknown_briefing', `There is no briefing with the id "${briefingId.slice(0, 100)}". List them with: npm run -s knowledge -- list --kind briefing`);
  }
  if (!doc.keyPoints || doc.keyPoints.length < 3) {
    throw new AnnounceError('no_key_points', `The briefing "${doc.title}" has no key points yet, and the notice needs three to five: add keyPoints to its front matter.`);
  }
  return doc;
}

export async function announceBriefing(deps: AnnounceDeps, briefingId: string, requestedVia: 'chat' | 'api' | 'cli'): Promise<Announcement> {
  const doc = announceableBriefing(deps.knowledge, briefingId);
  const card = deps.cards.render('briefing-notice', noticeCardData(doc));
  const subscribers = await deps.storage.subscriptions.list();
  const job = await deps.storage.deliveries.createJob({ kind: BRIEFING_NOTICE, subject: doc.id, requestedVia, messages: noticeMessages(doc.id, doc.title, card, subscribers) });
  return { jobId: job.jobId, briefingId: doc.id, title: doc.title, queued: job.queued, skipped: job.skipped };
}
