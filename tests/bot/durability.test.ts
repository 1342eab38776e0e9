/**
 * The process killed mid-checklist: the real entry point (src/index.ts) runs as
 * a child process, a delegate answers items through the cards' own buttons, the
 * process is killed with SIGKILL (no shutdown handler runs), and a new process
 * on the same data directory resumes where the answers stopped.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, stopProcess } from '../support/process.js';
import { ChannelStandIn } from '../support/channel.js';
import { TestConversation, cardText, type Person } from '../support/conversation.js';
import { itemIdOf, press, progressOf } from '../checklist/driver.js';

const alex: Person = { id: '29:alex-chief', name: 'Alex Chief', aadObjectId: '00000000-0000-4000-8000-0000000000aa' };

describe('a checklist survives the process being killed', () => {
  let channel: ChannelStandIn;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-kill-'));

  beforeAll(async () => {
    channel = await new ChannelStandIn().start();
  });
  afterAll(async () => {
    if (child) await stopProcess(child, 'SIGKILL');
    await channel.stop();
  });

  it('keeps every answer that was acknowledged, and resumes at the first unanswered item', async () => {
    let port = await freePort();
    child = await startBotProcess(port, { DATA_DIR: dataDir });
    const conversation = new TestConversation(() => `http://127.0.0.1:${port}`, channel, 'channel', alex);

    const nameCard = (await conversation.say('checklist')).cards[0]!;
    let card = (await press(conversation, nameCard, 'Start', { partnershipName: 'Killington SCP' })).card;
    card = (await press(conversation, card, 'Save & next', { answer: 'yes', note: 'Published arrangements, March 2025' })).card;
    card = (await press(conversation, card, 'Save & next', { answer: 'partly', note: '' })).card;
    expect(progressOf(card)).toBe('Section A · item 3 of 5 · 2 of 39 answered');

    expect(await stopProcess(child, 'SIGKILL')).toBe(-1);
    port = await freePort();
    child = await startBotProcess(port, { DATA_DIR: dataDir });

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
    expect(await stopProcess(child!, 'SIGTERM')).toBe(0);
    child = undefined;
  });
});
