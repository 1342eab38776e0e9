/**
 * Publishing and withdrawing, the same for the bot and the command line: the
 * facilitator's details checked, a new id chosen, the document validated as a
 * knowledge file would be, and one transaction in the publications store.
 * Refusals are PublishErrors; nothing is written before every check passed.
 */
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Publication, PublicationStore } from '../storage/publicationStore.js';
import { checkBriefing, detailsProblem, newBriefingId, PublicationDetails } from './briefingDocument.js';
import type { DraftContent } from './draft.js';
import { PublishError } from './errors.js';

export interface PublishDeps {
  store: Pick<PublicationStore, 'ids' | 'publish' | 'get'>;
  knowledge: Pick<KnowledgeBase, 'documents' | 'document'>;
}

export interface PublishRequest {
  draft: DraftContent;
  /** Unchecked: from a card or the command line. */
  details: unknown;
  by: { id: string; name: string };
  notify: boolean;
  /** The stored draft it came from, closed in the same transaction. */
  draftId?: string;
}

export interface Published {
  id: string;
  title: string;
  passages: number;
  /** False when the draft had been published (or discarded) already: nothing new was written. */
  created: boolean;
}

export function parseDetails(details: unknown): PublicationDetails {
  const parsed = PublicationDetails.safeParse(details);
  if (!parsed.success) throw new PublishError('invalid', detailsProblem(parsed.error));
  return parsed.data;
}

export async function publishBriefing(deps: PublishDeps, request: PublishRequest): Promise<Published> {
  const details = parseDetails(request.details);
  if (details.supersedes) {
    const old = deps.knowledge.document(details.supersedes);
    if (!old || old.kind !== 'briefing') throw new PublishError('unknown_briefing', `There is no briefing with the id "${details.supersedes.slice(0, 80)}" to replace; nothing was published.`);
  }
  const taken = new Set([...deps.knowledge.documents().map((d) => d.id), ...(await deps.store.ids())]);
  const id = newBriefingId(details.title, details.date, taken);
  const publishedAt = new Date();
  const { passages } = checkBriefing({ id, details, body: request.draft.body, fileName: request.draft.fileName, publishedByName: request.by.name, publishedAt: publishedAt.toISOString() });
  const result = await deps.store.publish(
    {
      id,
      title: details.title,
      publisher: details.publisher,
      published: details.date,
      topic: details.topic,
      keyPoints: details.keyPoints,
      body: request.draft.body,
      fileName: request.draft.fileName,
      fileType: request.draft.fileType,
      supersedes: details.supersedes ?? null,
      publishedById: request.by.id,
      publishedByName: request.by.name,
      notify: request.notify,
      at: publishedAt,
    },
    request.draftId,
  );
  if (!result.published) {
    const earlier = result.id ? await deps.store.get(result.id) : undefined;
    return { id: earlier?.id ?? '', title: earlier?.title ?? details.title, passages, created: false };
  }
  return { id, title: details.title, passages, created: true };
}

export interface WithdrawDeps {
  store: Pick<PublicationStore, 'get' | 'withdraw'>;
}

/** The publication to withdraw, or why it cannot be (a curated file, unknown, already withdrawn). */
export async function withdrawable(deps: WithdrawDeps & { knowledge: Pick<KnowledgeBase, 'document'> }, id: string): Promise<Publication> {
  const publication = await deps.store.get(id);
  if (!publication) {
    const curated = deps.knowledge.document(id);
    if (curated) {
      throw new PublishError('unknown_briefing', `“${curated.title}” is one of the curated knowledge files, not a briefing published in Teams. It is withdrawn by removing its file from knowledge/ in a reviewed change.`);
    }
    throw new PublishError('unknown_briefing', `There is no published briefing with the id "${id.slice(0, 80)}".`);
  }
  if (publication.status === 'withdrawn') {
    throw new PublishError('already_done', `“${publication.title}” was already withdrawn by ${publication.withdrawnByName ?? 'a facilitator'} on ${(publication.withdrawnAt ?? '').slice(0, 10)}.`);
  }
  return publication;
}

export async function withdrawBriefing(deps: WithdrawDeps & { knowledge: Pick<KnowledgeBase, 'document'> }, id: string, byName: string): Promise<Publication> {
  const publication = await withdrawable(deps, id);
  const { changed } = await deps.store.withdraw(id, byName);
  if (!changed) throw new PublishError('already_done', `“${publication.title}” was already withdrawn.`);
  return publication;
}
