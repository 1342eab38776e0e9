/**
 * "Publish and notify subscribers": the notice waits until the index has the
 * briefing (the notice's "Ask about this briefing" must find it), then goes
 * through the same announcement as `notify` (the delivery queue). The row's
 * notify state is claimed first, so of several instances swapping in the same
 * index only one announces; announcing twice would send nothing new anyway.
 */
import type { Announcement } from '../facilitators/announce.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../logging.js';
import type { Publication, PublicationStore } from '../storage/publicationStore.js';

export interface PendingNoticeDeps {
  knowledge: Pick<KnowledgeBase, 'document'>;
  store: Pick<PublicationStore, 'claimNotify' | 'recordNotifyJob'>;
  announce(briefingId: string, via: 'chat' | 'cli'): Promise<Announcement>;
  log: Logger;
}

/** Command-line publishers are recorded as `cli:<user>`. */
export const CLI_PUBLISHER_PREFIX = 'cli:';

export async function sendPendingNotices(deps: PendingNoticeDeps, publications: readonly Publication[]): Promise<void> {
  for (const p of publications) {
    if (p.status !== 'published' || p.notify !== 'pending' || !deps.knowledge.document(p.id)) continue;
    if (!(await deps.store.claimNotify(p.id))) continue;
    try {
      const announced = await deps.announce(p.id, p.publishedById.startsWith(CLI_PUBLISHER_PREFIX) ? 'cli' : 'chat');
      await deps.store.recordNotifyJob(p.id, announced.jobId);
      deps.log.info({ event: 'announce', job: announced.jobId, queued: announced.queued, skipped: announced.skipped, via: 'publish' }, 'published briefing announced');
    } catch (error) {
      deps.log.error({ err: error, briefing: p.id }, 'could not announce a published briefing');
    }
  }
}
