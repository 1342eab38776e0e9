import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lunr from 'lunr';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, LscpKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { loadCorpus } from '../../src/knowledge/loadCorpus.js';
import { buildIndexData, expandIndex, parseIndexData, type CompactLunr } from '../../src/knowledge/searchIndex.js';
import { BASIC, REAL } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lscp-kb-'));
  dirs.push(dir);
  await cp(BASIC, path.join(dir, 'knowledge'), { recursive: true });
  return dir;
}

describe('serialised index', () => {
  it('round-trips through JSON with identical answers', async () => {
    const data = buildIndexData(await loadCorpus(BASIC));
    const fresh = new LscpKnowledgeBase(data);
    const loaded = new LscpKnowledgeBase(parseIndexData(JSON.stringify(data))!);
    for (const q of ['wt18 critical friend', 'icb', 'information sharing', 'scrutinty']) {
      expect(loaded.ask(q)).toEqual(fresh.ask(q));
    }
  });

  it('names our own pipeline functions and loads back into lunr', async () => {
    const data = buildIndexData(await loadCorpus(BASIC));
    expect(data.lunr.pipeline).toContain('lscpNormalise');
    const friend = data.lunr.postings.find(([term]) => term === 'friend')!;
    const refs = new Set(Object.values(friend[2]).flatMap((list) => list.split(' ')));
    expect(refs.size).toBeGreaterThan(0);
    const index = lunr.Index.load(expandIndex(JSON.parse(JSON.stringify(data.lunr)) as CompactLunr));
    const hits = index.query((q) => q.term('friend', { usePipeline: false }));
    expect(new Set(hits.map((h) => h.ref))).toEqual(refs);
  });

  it('scores every candidate exactly as lunr\'s own query would, clause for clause', async () => {
    const data = buildIndexData(await loadCorpus(REAL));
    const kb = new LscpKnowledgeBase(data);
    const index = lunr.Index.load(expandIndex(JSON.parse(JSON.stringify(data.lunr)) as CompactLunr));
    for (const question of ['who are the lead safeguarding partners', 'rapid review timescale', 'how does the scrutineer challenge the partnership about the yearly report']) {
      const result = kb.search(question);
      const lunrScores = new Map(
        index
          .query((q) => {
            for (const c of result.plan.clauses) q.term(c.term, { fields: c.fields, boost: c.boost, usePipeline: false });
          })
          .map((h) => [h.ref, h.score]),
      );
      expect(result.candidates.length, question).toBeGreaterThan(0);
      for (const c of result.candidates) {
        expect(c.ref, question).toBeDefined();
        expect(c.lunrScore, `${question}: ${c.ref}`).toBeCloseTo(lunrScores.get(c.ref ?? '') ?? 0, 9);
      }
    }
  });

  it('rejects files that are not ours or come from another engine version', () => {
    expect(parseIndexData('not json')).toBeUndefined();
    expect(parseIndexData(JSON.stringify({ format: 'something-else' }))).toBeUndefined();
  });
});

describe('loadKnowledgeBase', () => {
  it('builds when there is no index, loads it next time, and rebuilds when a file changes', async () => {
    const root = await tempCopy();
    const dir = path.join(root, 'knowledge');
    const indexPath = path.join(root, 'dist', 'knowledge-index.json');

    const first = await loadKnowledgeBase({ dir, indexPath });
    expect(first.origin).toBe('rebuilt');
    const stored = parseIndexData(await readFile(indexPath, 'utf8'));
    expect(stored?.contentHash).toBe(first.stats.contentHash);

    const second = await loadKnowledgeBase({ dir, indexPath });
    expect(second.origin).toBe('serialised');
    expect(second.ask('critical friend')).toEqual(first.ask('critical friend'));

    // A facilitator drops in one new briefing.
    await writeFile(
      path.join(dir, 'guidance', 'new-briefing.md'),
      [
        '---',
        'id: new-briefing',
        'title: "Thresholds briefing"',
        'kind: briefing',
        'topic: leadership',
        'publisher: "Fixture publisher"',
        'published: "2024-05"',
        'source:',
        '  document: "Fixture"',
        'audience: [chief officers]',
        '---',
        '',
        '## The threshold document',
        '',
        'Lead partners sign off the threshold document that sets out levels of need.',
      ].join('\n'),
    );
    const third = await loadKnowledgeBase({ dir, indexPath });
    expect(third.origin).toBe('rebuilt');
    expect(third.stats.contentHash).not.toBe(first.stats.contentHash);
    expect(third.ask('threshold document').passages[0]!.docId).toBe('new-briefing');
    expect(third.problems).toEqual([]);
  });

  it('still starts when a file is broken, and reports it', async () => {
    const root = await tempCopy();
    const dir = path.join(root, 'knowledge');
    await writeFile(path.join(dir, 'broken.md'), '# no front-matter\n');
    const kb = await loadKnowledgeBase({ dir, indexPath: path.join(root, 'index.json'), writeIndex: false });
    expect(kb.problems.map((p) => `${p.file}:${p.line}`)).toEqual([expect.stringMatching(/broken\.md:1$/)]);
    expect(kb.ask('critical friend').answered).toBe(true);
  });

  it('loads a current index without parsing the files again, and still reports their problems', async () => {
    const root = await tempCopy();
    const dir = path.join(root, 'knowledge');
    const indexPath = path.join(root, 'index.json');
    await writeFile(path.join(dir, 'broken.md'), '# no front-matter\n');
    const built = await loadKnowledgeBase({ dir, indexPath });
    expect(built.origin).toBe('rebuilt');
    const loaded = await loadKnowledgeBase({ dir, indexPath });
    expect(loaded.origin).toBe('serialised');
    expect(loaded.problems.map((p) => p.message)).toEqual(built.problems.map((p) => p.message));
    expect(loaded.problems).toHaveLength(1);
  });
});
