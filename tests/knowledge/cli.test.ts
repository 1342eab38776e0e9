/**
 * The command-line forms other tools rely on, run as a user would (through tsx,
 * without a prior build). The index is written to a temporary path so tests never
 * touch dist/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC, BROKEN, ROOT } from './helpers.js';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function cli(script: string, args: string[], input?: string): Promise<{ stdout: string; code: number }> {
  const child = run(TSX, [path.join(ROOT, 'src', 'cli', script), ...args], { cwd: ROOT, maxBuffer: 20_000_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout } = await child;
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    return { stdout: e.stdout ?? '', code: e.code ?? 1 };
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'lscp-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run knowledge', () => {
  it('check prints one file:line: message per problem and exits 1', async () => {
    const { stdout, code } = await cli('knowledge.ts', ['check', '--dir', BROKEN, '--out', path.join(tmp, 'broken.json')]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    const problems = lines.slice(0, -1);
    expect(problems.length).toBeGreaterThanOrEqual(8);
    for (const l of problems) expect(l).toMatch(/^tests\/fixtures\/knowledge-broken\/[\w/.-]+:\d+: .+/);
    expect(lines.at(-1)).toMatch(/\d+ errors?/);
  });

  it('check exits 0 on a valid corpus', async () => {
    const { stdout, code } = await cli('knowledge.ts', ['check', '--dir', BASIC, '--out', path.join(tmp, 'basic.json')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/6 documents, 3 checklist items, \d+ passages; 0 errors/);
  });

  it('export prints every indexed passage as {id, title, text} JSON lines', async () => {
    const { stdout, code } = await cli('knowledge.ts', ['export', '--dir', BASIC, '--out', path.join(tmp, 'export.json')]);
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(Object.keys(r)).toEqual(['id', 'title', 'text']);
    expect(rows.map((r) => r.id)).toContain('cis#CIS-E3');
  });

  it('build writes the serialised index', async () => {
    const out = path.join(tmp, 'built.json');
    const { stdout, code } = await cli('knowledge.ts', ['build', '--dir', BASIC, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*built\.json: 6 documents/);
  });
});

describe('npm run ask', () => {
  it('--json prints one object with the agreed shape, best first', async () => {
    const { stdout, code } = await cli('ask.ts', ['--json', 'how many partnerships employ a scrutineer']);
    expect(code).toBe(0);
    const a = JSON.parse(stdout) as { answered: boolean; answer: string; passages: Record<string, unknown>[] };
    expect(a.answered).toBe(true);
    expect(a.answer.length).toBeGreaterThan(0);
    expect(a.passages.length).toBeGreaterThan(0);
    for (const p of a.passages) {
      expect(p).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          title: expect.any(String),
          text: expect.any(String),
          source: expect.objectContaining({ title: expect.any(String), publisher: expect.any(String), date: expect.any(String) }),
          superseded: expect.any(Boolean),
          score: expect.any(Number),
        }),
      );
      expect(p.source).toHaveProperty('url');
    }
    const scores = a.passages.map((p) => p.score as number);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('--jsonl answers one question per line', async () => {
    const { stdout, code } = await cli('ask.ts', ['--jsonl'], "rapid review timescale\nwhat's the weather\n");
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as { answered: boolean });
    expect(rows.map((r) => r.answered)).toEqual([true, false]);
  });

  it('prints a readable answer with sources, and a friendly message on empty input', async () => {
    const readable = await cli('ask.ts', ['is working together 2018 still in force']);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toMatch(/Sources:\n1\. /);
    expect(readable.stdout).toMatch(/Superseded by/);
    const empty = await cli('ask.ts', []);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/Ask a question/);
  });
});

describe('npm run eval', () => {
  it('--file runs another question file and --quiet-misses prints the tables only', async () => {
    const file = path.join(tmp, 'blind.jsonl');
    const rows = [
      { id: 'z1', question: 'what is a rapid review', mustContain: ['no such phrase anywhere in the corpus'] },
      { id: 'z2', question: 'best pizza toppings', offTopic: true },
    ];
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const loud = await cli('eval.ts', ['--file', file]);
    expect(loud.code).toBe(0);
    expect(loud.stdout).toMatch(/1 on-topic and 1 off-topic questions/);
    expect(loud.stdout).toMatch(/z1 miss/);
    const quiet = await cli('eval.ts', ['--file', file, '--quiet-misses']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/\| hit@3 /);
    expect(quiet.stdout).toMatch(/other ids/);
    expect(quiet.stdout).not.toMatch(/z1|to improve|rapid review/);
  });
});
