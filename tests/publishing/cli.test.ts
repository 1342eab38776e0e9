/**
 * `npm run -s knowledge -- publish …`: exit 0 and one line on success, 1 and one line saying why
 * otherwise; it writes to the database the configuration names, a running bot on that database picks
 * the briefing up by itself, and `knowledge list --kind briefing` lists it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { runPublishCli } from '../../src/cli/publishCommand.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText } from '../support/conversation.js';
import { waitFor } from '../delivery/support.js';

const run = promisify(execFile);
const fixture = (name: string) => join(PROJECT_ROOT, 'tests', 'fixtures', 'publishing', name);
const POINTS = ['--point', 'Families keep one named worker when their case moves.', '--point', 'Both workers meet the family together first.', '--point', 'The outgoing worker stays in touch for four weeks.'];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('knowledge publish', () => {
  let bot: TestBot;
  let env: Record<string, string>;
  beforeAll(async () => {
    bot = await startTestBot({ env: { PUBLICATION_POLL_MS: '200' } });
    env = { DATA_DIR: bot.dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(() => bot.stop());

  it('publishes a .docx into the bot’s database; the running bot answers from it within seconds', async () => {
    const { io, out, err } = capture();
    const code = await runPublishCli([fixture('heron-briefing.docx'), '--title', 'The Heron handover pathway', '--date', '2026-10-02', '--publisher', 'Westbrook Children Partnership', '--topic', 'learning-reviews', ...POINTS], env, io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual(['published the-heron-handover-pathway-2026: The Heron handover pathway (4 passages)\n']);
    const row = await bot.app.storage.publications.get('the-heron-handover-pathway-2026');
    expect(row).toMatchObject({ publisher: 'Westbrook Children Partnership', topic: 'learning-reviews', status: 'published' });
    expect(row!.publishedById).toMatch(/^cli:/);

    const asked = await waitFor('the bot to answer from the new briefing', async () => {
      const turn = await bot.conversation('personal').say('How does the Heron handover pathway work?');
      return /The Heron handover pathway/.test(cardText(turn.cards[0])) ? turn : undefined;
    }, 10_000);
    expect(cardText(asked.cards[0])).toMatch(/Westbrook Children Partnership/);
  });

  it('publishes a PDF and takes the title, date and publisher it states when none are given', async () => {
    const { io, out } = capture();
    expect(await runPublishCli([fixture('kestrel-briefing.pdf'), ...POINTS], env, io)).toBe(0);
    expect(out[0]).toMatch(/^published the-kestrel-review-cycle-a-briefing-for-partnership-2026: The Kestrel review cycle: a briefing for partnership scrutineers \(4 passages\)\n$/);
  });

  it.each([
    { what: 'an image-only PDF', args: [fixture('scanned.pdf'), ...POINTS], message: /has no text layer/ },
    { what: 'an encrypted PDF', args: [fixture('encrypted.pdf'), ...POINTS], message: /protected with a password/ },
    { what: 'a corrupt Word file', args: [fixture('corrupt.docx'), ...POINTS], message: /not a readable Word document/ },
    { what: 'a file of another type', args: [fixture('generate.ts'), ...POINTS], message: /is a \.ts file/ },
    { what: 'a missing file', args: ['/nonexistent/briefing.pdf', ...POINTS], message: /no such file/ },
    { what: 'two key points', args: [fixture('kestrel-briefing.pdf'), ...POINTS.slice(0, 4)], message: /Please give three to five key points; nothing was published\./ },
    { what: 'a bad date', args: [fixture('kestrel-briefing.pdf'), '--date', '20 Nov', ...POINTS], message: /Please give a date as YYYY-MM-DD/ },
    { what: 'an unknown briefing to replace', args: [fixture('kestrel-briefing.pdf'), '--replaces', 'no-such-briefing', ...POINTS], message: /no briefing with the id "no-such-briefing"/ },
  ])('exits 1 with one line for $what, publishing nothing', async ({ args, message }) => {
    const before = (await bot.app.storage.publications.list()).length;
    const { io, out, err } = capture();
    expect(await runPublishCli(args, env, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]!.trim().split('\n')).toHaveLength(1);
    expect((await bot.app.storage.publications.list()).length).toBe(before);
  });

  it('a file over MAX_UPLOAD_MB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lscp-big-'));
    writeFileSync(join(dir, 'big.pdf'), Buffer.alloc(1_200_000));
    const { io, err } = capture();
    expect(await runPublishCli([join(dir, 'big.pdf'), ...POINTS], { ...env, MAX_UPLOAD_MB: '1' }, io)).toBe(1);
    expect(err[0]).toMatch(/“big\.pdf” is 1\.1 MB; I take files up to 1\.0 MB/);
  });

  it('as a process: exit codes 0 and 1, and list --kind briefing includes what was published', async () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const processEnv = { ...process.env, DATA_DIR: bot.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const failed = await run(tsx, ['src/cli/knowledge.ts', 'publish', fixture('scanned.pdf'), ...POINTS], { cwd: PROJECT_ROOT, env: processEnv }).then(() => 0, (e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    const { stdout } = await run(tsx, ['src/cli/knowledge.ts', 'list', '--kind', 'briefing'], { cwd: PROJECT_ROOT, env: processEnv });
    const ids = stdout.trim().split('\n');
    expect(ids).toContain('the-heron-handover-pathway-2026');
    expect(ids).toContain('briefing-independent-scrutiny-7-minute');
  });
});
