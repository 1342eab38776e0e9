/**
 * `npm run -s feedback -- export`: CSV of the recorded votes, from the bot's own store.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { runFeedbackCli } from '../../src/cli/feedback.js';
import { openStorage } from '../../src/storage/index.js';

async function storeWithVotes() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-feedback-cli-'));
  const storage = await openStorage({ dataDir });
  await storage.feedback.record({ vote: 'up', question: 'who chairs, and who scrutinises?', passageIds: ['a#b', 'c#d'], conversationType: 'channel', at: new Date('2026-03-01T09:00:00Z') });
  await storage.feedback.record({ vote: 'down', question: null, passageIds: ['e#f'], conversationType: 'personal', at: new Date('2026-03-02T09:00:00Z') });
  await storage.close();
  return dataDir;
}

function capture() {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('feedback export', () => {
  it('prints the votes as CSV with the agreed header', async () => {
    const dataDir = await storeWithVotes();
    const io = capture();
    expect(await runFeedbackCli(['export'], { DATA_DIR: dataDir }, io)).toBe(0);
    expect(io.stdout).toBe(
      'created_at,vote,question,passage_ids,conversation_type\r\n' +
        '2026-03-01T09:00:00.000Z,up,"who chairs, and who scrutinises?",a#b c#d,channel\r\n' +
        '2026-03-02T09:00:00.000Z,down,,e#f,personal\r\n',
    );
    expect(io.stderr).toBe('');
  });

  it('explains itself for anything else', async () => {
    const io = capture();
    expect(await runFeedbackCli(['import'], {}, io)).toBe(2);
    expect(io.stderr).toMatch(/I don't know "import"/);
    expect(io.stderr).toMatch(/Usage: npm run -s feedback -- export/);
    const none = capture();
    expect(await runFeedbackCli([], {}, none)).toBe(2);
    expect(none.stderr).toMatch(/Usage:/);
    const help = capture();
    expect(await runFeedbackCli(['--help'], {}, help)).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
  });

  it('reports a configuration problem in one plain line', async () => {
    const io = capture();
    expect(await runFeedbackCli(['export'], { DATABASE_URL: 'mysql://nope' }, io)).toBe(1);
    expect(io.stderr).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\/ connection string/);
  });

  it('runs as `npm run -s feedback -- export`', async () => {
    const dataDir = await storeWithVotes();
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'feedback', '--', 'export'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', MicrosoftAppId: '', HOST: '127.0.0.1' },
    });
    expect(stdout.split('\r\n')[0]).toBe('created_at,vote,question,passage_ids,conversation_type');
    expect(stdout).toContain('"who chairs, and who scrutinises?"');
  });
});
