/**
 * The process killed mid-checklist: the real entry point (src/index.ts) runs as
 * a child process, a delegate answers items through the cards' own buttons, the
 * process is killed with SIGKILL (no shutdown handler runs), and a new process
 * on the same data directory resumes where the answers stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { ChannelStandIn } from '../support/channel.js';
import { TestConversation, cardText, type Person } from '../support/conversation.js';
import { itemIdOf, press, progressOf } from '../checklist/driver.js';

const alex: Person = { id: '29:alex-chief', name: 'Alex Chief', aadObjectId: '00000000-0000-4000-8000-0000000000aa' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startProcess(port: number, dataDir: string): Promise<ChildProcess> {
  // One node process (tsx as a loader, not its CLI wrapper) so SIGKILL reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MicrosoftAppId: '', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the bot did not become ready: ${stderr}`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    child.once('exit', (code, sig) => resolve(code ?? (sig ? -1 : null)));
    child.kill(signal);
  });
}

describe('a checklist survives the process being killed', () => {
  let channel: ChannelStandIn;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-kill-'));

  beforeAll(async () => {
    channel = await new ChannelStandIn().start();
  });
  afterAll(async () => {
    if (child) await kill(child, 'SIGKILL');
    await channel.stop();
  });

  it('keeps every answer that was acknowledged, and resumes at the first unanswered item', async () => {
    let port = await freePort();
    child = await startProcess(port, dataDir);
    const conversation = new TestConversation(() => `http://127.0.0.1:${port}`, channel, 'channel', alex);

    const nameCard = (await conversation.say('checklist')).cards[0]!;
    let card = (await press(conversation, nameCard, 'Start', { partnershipName: 'Killington SCP' })).card;
    card = (await press(conversation, card, 'Save & next', { answer: 'yes', note: 'Published arrangements, March 2025' })).card;
    card = (await press(conversation, card, 'Save & next', { answer: 'partly', note: '' })).card;
    expect(progressOf(card)).toBe('Section A · item 3 of 5 · 2 of 39 answered');

    expect(await kill(child, 'SIGKILL')).toBe(-1);
    port = await freePort();
    child = await startProcess(port, dataDir);

    const resumed = (await conversation.say('checklist')).cards[0]!;
    expect(itemIdOf(resumed)).toBe('CIS-A3');
    expect(progressOf(resumed)).toBe('Section A · item 3 of 5 · 2 of 39 answered');
    expect(cardText(resumed)).toMatch(/Killington SCP/);

    const status = cardText((await conversation.say('checklist status')).cards[0]);
    expect(status).toMatch(/2 of 39/);
    expect(status).toMatch(/Alex Chief/);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(child?.exitCode).toBeNull();
    expect(await kill(child!, 'SIGTERM')).toBe(0);
    child = undefined;
  });
});
