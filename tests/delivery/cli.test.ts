/**
 * The command-line side of notices: `knowledge list --kind briefing` prints the
 * ids `notify` takes, and `notify` queues in the bot's own database, which the
 * running bot then delivers.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { runNotifyCli } from '../../src/cli/notify.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { BRIEFING, FAST_DELIVERY, noticesIn, subscribed } from './support.js';

const run = promisify(execFile);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('npm run -s knowledge -- list --kind briefing', () => {
  it('prints the briefing ids, one per line, and nothing else', async () => {
    const { stdout } = await run(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/knowledge.ts', 'list', '--kind', 'briefing'], { cwd: PROJECT_ROOT });
    const ids = stdout.trim().split('\n');
    expect(ids).toContain(BRIEFING);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe('npm run -s notify', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: FAST_DELIVERY });
  });
  afterAll(() => bot.stop());

  it('queues in the bot’s database; the running bot delivers; --wait follows it to the end', async () => {
    const conversations = await subscribed(bot, ['personal', 'channel']);
    const first = capture();
    expect(await runNotifyCli([BRIEFING, '--wait', '--timeout', '20'], { DATA_DIR: bot.dataDir }, first.io)).toBe(0);
    expect(first.out.join('')).toMatch(/^Queued 2 notices for "Independent scrutiny project[^"]*" \(0 already had it\)\. Job job-[a-z0-9]{10}\.\nDone: 2 sent, 0 skipped, 0 failed\.\n$/);
    for (const c of conversations) expect(noticesIn(bot, c.id)).toHaveLength(1);
    const again = capture();
    expect(await runNotifyCli([BRIEFING], { DATA_DIR: bot.dataDir }, again.io)).toBe(0);
    expect(again.out.join('')).toMatch(/Queued 0 notices .* \(2 already had it\)/);
  });

  it('exits 1 with one line for an unknown briefing, a missing id or a bad setting', async () => {
    const unknown = capture();
    expect(await runNotifyCli(['no-such-thing'], { DATA_DIR: bot.dataDir }, unknown.io)).toBe(1);
    expect(unknown.err.join('')).toBe('There is no briefing with the id "no-such-thing". List them with: npm run -s knowledge -- list --kind briefing\n');
    const missing = capture();
    expect(await runNotifyCli([], { DATA_DIR: bot.dataDir }, missing.io)).toBe(1);
    expect(missing.err.join('')).toMatch(/^Usage: npm run -s notify/);
    const badConfig = capture();
    expect(await runNotifyCli([BRIEFING], { DATA_DIR: bot.dataDir, DATABASE_URL: 'mysql://nope' }, badConfig.io)).toBe(1);
    expect(badConfig.err.join('')).toMatch(/^Configuration error: DATABASE_URL/);
  });
});
