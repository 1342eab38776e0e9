/**
 * The served index and its swap: a question asked while a new index is being built is answered from
 * the old one, the new one replaces it in one step, rebuilds never overlap, and the combined corpus
 * (curated files plus publications) marks what a new briefing replaces.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { KnowledgeHolder } from '../../src/knowledge/holder.js';
import { LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { corpusFromFiles, withExtraDocuments } from '../../src/knowledge/loadCorpus.js';
import { buildIndexData } from '../../src/knowledge/searchIndex.js';
import { createLogger } from '../../src/logging.js';
import { buildCombinedIndex, buildInWorker, type BuildInput, type BuildOutput } from '../../src/publishing/buildIndex.js';
import { briefingMarkdown } from '../../src/publishing/briefingDocument.js';
import { LiveKnowledge, publicationDocument } from '../../src/publishing/liveKnowledge.js';
import type { Publication } from '../../src/storage/publicationStore.js';

const FIXTURE_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'knowledge-basic');

function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    id: 'the-kestrel-review-cycle-2026',
    title: 'The Kestrel review cycle',
    publisher: 'Northmoor Safeguarding Partnership',
    published: '2026-11-20',
    topic: 'scrutiny',
    keyPoints: ['One key point, long enough.', 'Two key points, long enough.', 'Three key points, long enough.'],
    body: '## What the Kestrel review cycle is\n\nThe Kestrel review cycle is a six-week rhythm of looking again at closed referrals.\n',
    fileName: 'kestrel.pdf',
    fileType: 'pdf',
    supersedes: null,
    status: 'published',
    publishedById: 'aad-1',
    publishedByName: 'Fran Facilitator',
    publishedAt: '2026-12-03T08:00:00.000Z',
    withdrawnByName: null,
    withdrawnAt: null,
    notify: 'none',
    notifyJobId: null,
    ...overrides,
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LiveKnowledge', () => {
  it('answers from the old index during a rebuild, then swaps the new one in', async () => {
    const curated = await buildCombinedIndex({ knowledgeDir: FIXTURE_DIR, extra: [], supersede: [] });
    const holder = new KnowledgeHolder(new LscpKnowledgeBase(curated.data));
    const store = { revision: async () => revision, list: async () => publications };
    let revision = 0;
    let publications: Publication[] = [];
    const gate = deferred<void>();
    const builds: BuildInput[] = [];
    const build = async (input: BuildInput): Promise<BuildOutput> => {
      builds.push(input);
      await gate.promise;
      return buildCombinedIndex(input);
    };
    const live = new LiveKnowledge({ holder, store, knowledgeDir: FIXTURE_DIR, pollMs: 60_000, log: createLogger('silent'), build });
    await live.start();
    expect(builds).toHaveLength(0);

    publications = [publication()];
    revision = 1;
    const syncing = live.sync();
    // A second request during the build waits for one more build, not an overlapping one.
    const again = live.sync();
    await new Promise((r) => setTimeout(r, 20));
    expect(builds).toHaveLength(1);
    expect(holder.document('the-kestrel-review-cycle-2026')).toBeUndefined();
    expect(holder.ask('what is the kestrel review cycle').passages.some((p) => p.docId === 'the-kestrel-review-cycle-2026')).toBe(false);

    gate.resolve();
    await syncing;
    expect(live.revision).toBe(1);
    expect(holder.document('the-kestrel-review-cycle-2026')?.kind).toBe('briefing');
    expect(holder.ask('what is the kestrel review cycle').passages[0]?.docId).toBe('the-kestrel-review-cycle-2026');
    await again;
    expect(builds).toHaveLength(1); // nothing moved meanwhile, so the extra sync had nothing to build

    publications = [publication({ status: 'withdrawn', withdrawnAt: '2026-12-04T09:00:00.000Z', withdrawnByName: 'Fran Facilitator' })];
    revision = 2;
    expect(await live.syncWithin(30_000)).toBe(true);
    expect(holder.document('the-kestrel-review-cycle-2026')).toBeUndefined();
    expect(live.withdrawnNote(['the-kestrel-review-cycle-2026'])).toMatch(/“The Kestrel review cycle” was withdrawn on 2026-12-04 by Fran Facilitator/);
    await live.stop();
  });

  it('keeps serving the old index when a build fails', async () => {
    const curated = await buildCombinedIndex({ knowledgeDir: FIXTURE_DIR, extra: [], supersede: [] });
    const first = new LscpKnowledgeBase(curated.data);
    const holder = new KnowledgeHolder(first);
    const live = new LiveKnowledge({ holder, store: { revision: async () => 1, list: async () => [publication()] }, knowledgeDir: FIXTURE_DIR, pollMs: 60_000, log: createLogger('silent'), build: async () => Promise.reject(new Error('out of memory')) });
    await live.sync();
    expect(holder.current).toBe(first);
    expect(live.revision).toBe(0);
  });

  it('builds in a worker thread what it would build here', async () => {
    const input: BuildInput = { knowledgeDir: FIXTURE_DIR, extra: [publicationDocument(publication())], supersede: [] };
    const [there, here] = await Promise.all([buildInWorker(input), buildCombinedIndex(input)]);
    expect(there.data.contentHash).toBe(here.data.contentHash);
    expect(there.data.chunks.map((c) => c.id)).toEqual(here.data.chunks.map((c) => c.id));
    expect(there.problems).toEqual([]);
  });
});

describe('the curated corpus plus published documents', () => {
  const old = publication({ id: 'old-briefing-2025', title: 'The old briefing', published: '2025-01-10' });
  const replacement = publication({ supersedes: 'old-briefing-2025' });
  const corpus = corpusFromFiles('k', []);

  it('marks what a newer briefing replaces, as supersededBy does for the curated files', () => {
    const merged = withExtraDocuments(corpus, [publicationDocument(old), publicationDocument(replacement)], [['old-briefing-2025', replacement.id]]);
    const kb = new LscpKnowledgeBase(buildIndexData(merged));
    expect(kb.document('old-briefing-2025')).toMatchObject({ superseded: true, supersededBy: { id: replacement.id, title: 'The Kestrel review cycle' } });
    expect(kb.document(replacement.id)?.superseded).toBe(false);
    expect(merged.contentHash).not.toBe(withExtraDocuments(corpus, [publicationDocument(old), publicationDocument(replacement)]).contentHash);
  });

  it('leaves out a published document the validator refuses, with a problem naming it', () => {
    const bad = { rel: 'publications/bad.md', text: briefingMarkdown({ id: 'bad', details: { title: 'Bad', date: '2026', publisher: 'Someone', topic: 'scrutiny', keyPoints: ['a', 'b', 'c'] }, body: 'x', fileName: 'x', publishedByName: 'y', publishedAt: '2026-01-01' }) };
    const merged = withExtraDocuments(corpus, [bad]);
    expect(merged.documents).toHaveLength(0);
    expect(merged.problems.some((p) => p.file === 'publications/bad.md' && p.severity === 'error')).toBe(true);
  });
});
