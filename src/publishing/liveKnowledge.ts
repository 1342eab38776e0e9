/**
 * Keeps the served index in step with the publications in the database.
 *
 * Every instance polls one number, the publications' revision (it grows with
 * every publish and withdrawal), every PUBLICATION_POLL_MS; when it moved, the
 * index is rebuilt in a worker thread and swapped into the KnowledgeHolder in
 * one assignment. Questions asked meanwhile are answered from the old index.
 * Rebuilds never overlap: a change arriving during one is picked up by the next.
 * On PostgreSQL this is how every instance behind the load balancer catches up
 * within a few seconds; on SQLite it also catches `knowledge publish` run beside
 * a running bot.
 */
import { LscpKnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { KnowledgeHolder } from '../knowledge/holder.js';
import type { Logger } from '../logging.js';
import type { Publication, PublicationStore } from '../storage/publicationStore.js';
import { buildInWorker, type BuildInput, type BuildOutput } from './buildIndex.js';
import { briefingMarkdown, PublicationDetails } from './briefingDocument.js';

export interface LiveKnowledgeOptions {
  holder: KnowledgeHolder;
  store: Pick<PublicationStore, 'revision' | 'list'>;
  knowledgeDir: string;
  pollMs: number;
  log: Logger;
  /** Where the index is built (default: a worker thread). */
  build?: (input: BuildInput) => Promise<BuildOutput>;
  /** After each swap, with every publication (e.g. to send the notices that waited for the index). */
  afterSwap?: (publications: readonly Publication[]) => Promise<void>;
}

/** The knowledge document of a stored publication. */
export function publicationDocument(p: Publication): { rel: string; text: string } {
  const details = PublicationDetails.parse({ title: p.title, date: p.published, publisher: p.publisher, topic: p.topic, keyPoints: p.keyPoints });
  return {
    rel: `publications/${p.id}.md`,
    text: briefingMarkdown({ id: p.id, details, body: p.body, fileName: p.fileName, publishedByName: p.publishedByName, publishedAt: p.publishedAt }),
  };
}

export function buildInputFor(knowledgeDir: string, publications: readonly Publication[]): BuildInput {
  const live = publications.filter((p) => p.status === 'published');
  return {
    knowledgeDir,
    extra: live.map(publicationDocument),
    supersede: live.flatMap((p) => (p.supersedes ? [[p.supersedes, p.id] as [string, string]] : [])),
  };
}

export class LiveKnowledge {
  private served = 0;
  private running?: Promise<void>;
  private next?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private known: readonly Publication[] = [];
  private stopped = false;

  constructor(private readonly options: LiveKnowledgeOptions) {}

  /** Catch up once (so a restarted instance serves what was published), then keep polling. */
  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => void this.sync().catch(() => undefined), this.options.pollMs);
    this.timer.unref();
  }

  /** Stop polling; a rebuild in flight finishes but is not swapped in. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** The revision the served index was built at. */
  get revision(): number {
    return this.served;
  }

  /** The publications as of the last sync, newest first. */
  publications(): readonly Publication[] {
    return this.known;
  }

  /** A briefing withdrawn from Teams or the command line (answers and cards that name it say so). */
  withdrawn(id: string): Publication | undefined {
    return this.known.find((p) => p.id === id && p.status === 'withdrawn');
  }

  /** One line for a card or answer that cites briefings no longer served, or undefined when none was withdrawn. */
  withdrawnNote(docIds: readonly string[]): string | undefined {
    const gone = [...new Set(docIds)].flatMap((id) => this.withdrawn(id) ?? []);
    if (gone.length === 0) return undefined;
    return gone.map((p) => `“${p.title}” was withdrawn on ${(p.withdrawnAt ?? '').slice(0, 10)} by ${p.withdrawnByName ?? 'a facilitator'}, so it is no longer part of the answers.`).join(' ');
  }

  /** Rebuild if the database moved on; resolves once the served index is at least as new as when called. */
  sync(): Promise<void> {
    // A change seen during a rebuild needs one more after it (one, however many callers ask meanwhile).
    if (this.running) {
      this.next ??= this.running.then(() => {
        this.next = undefined;
        return this.sync();
      });
      return this.next;
    }
    this.running = this.catchUp().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** `sync`, but give up waiting after `timeoutMs` (the rebuild goes on); true when it finished in time. */
  async syncWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.sync().then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async catchUp(): Promise<void> {
    const { store, log } = this.options;
    let revision: number;
    try {
      revision = await store.revision();
    } catch (error) {
      log.warn({ err: error }, 'could not read the publications revision; the index stays as it is');
      return;
    }
    if (revision === this.served || this.stopped) return;
    const started = performance.now();
    try {
      const publications = await store.list();
      const output = await (this.options.build ?? buildInWorker)(buildInputFor(this.options.knowledgeDir, publications));
      for (const p of output.problems) log.warn({ file: p.file, line: p.line, problem: p.message }, 'a published briefing was left out of the index');
      if (this.stopped) return;
      this.options.holder.swap(new LscpKnowledgeBase(output.data));
      this.served = revision;
      this.known = publications;
      log.info({ event: 'index_swapped', revision, publications: publications.filter((p) => p.status === 'published').length, ms: Math.round(performance.now() - started) }, 'knowledge index rebuilt and swapped in');
      await this.options.afterSwap?.(publications).catch((error: unknown) => log.error({ err: error }, 'after the index swap'));
    } catch (error) {
      log.error({ err: error, revision }, 'knowledge index rebuild failed; still answering from the previous index');
    }
  }
}
