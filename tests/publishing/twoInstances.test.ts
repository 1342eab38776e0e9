/**
 * Two instances behind a load balancer on one PostgreSQL database: a briefing published through one
 * is answered by the other within five seconds (each polls the publications' revision), and a
 * withdrawal reaches the other just as fast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { startTwoInstances, type TestBot } from '../support/bot.js';
import { ChannelStandIn } from '../support/channel.js';
import { cardText } from '../support/conversation.js';
import { testDatabases } from '../support/databases.js';
import { pressButton } from '../support/press.js';
import { FACILITATOR, waitFor } from '../delivery/support.js';
import { untilLive } from './support.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');
const QUESTION = 'What is the Kestrel review cycle?';
const TITLE = /The Kestrel review cycle: a briefing for partnership scrutineers/;

describe.runIf(postgres)('publishing with two instances on one PostgreSQL database', () => {
  let channel: ChannelStandIn;
  let first: TestBot;
  let second: TestBot;
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ channel, first, second, stop } = await startTwoInstances(postgres!, { FACILITATOR_IDS: FACILITATOR.aadObjectId!, FILE_DOWNLOAD_HOSTS: '127.0.0.1' }));
  });
  afterAll(() => stop());

  const answersFromIt = async (bot: TestBot) => TITLE.test(cardText((await bot.conversation('personal').say(QUESTION)).cards[0]));

  it('the other instance answers from a new briefing within 5 s, and stops within 5 s of its withdrawal', async () => {
    expect(await answersFromIt(second)).toBe(false);
    const you = first.conversation('personal', FACILITATOR);
    const bytes = new Uint8Array(readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'publishing', 'kestrel-briefing.pdf')));
    const draft = (await you.sendFile('kestrel-briefing.pdf', channel.hostFile('kestrel-briefing.pdf', { bytes }))).cards[0]!;
    const inputs = { title: 'The Kestrel review cycle: a briefing for partnership scrutineers', date: '2026-11-20', publisher: 'Northmoor Safeguarding Partnership', topic: 'scrutiny', point1: 'A scrutineer looks again at twelve closed referrals.', point2: 'Practitioners never review their own team.', point3: 'The executive agrees at most three actions.' };
    const published = { card: await untilLive(you, (await pressButton(you, draft, 'Publish', inputs)).card) };
    expect(cardText(published.card)).toMatch(/It is in the answers now/);
    const publishedAt = Date.now();
    await waitFor('the second instance to answer from the new briefing', () => answersFromIt(second), 5_000);
    const caughtUp = Date.now() - publishedAt;
    expect(caughtUp).toBeLessThan(5_000);
    expect(second.app.knowledge.document(String(/Id\n(\S+)/.exec(cardText(published.card))?.[1]))?.kind).toBe('briefing');

    const confirm = (await you.say('withdraw briefing kestrel')).cards[0]!;
    await pressButton(you, confirm, 'Withdraw');
    await waitFor('the second instance to stop citing it', async () => !(await answersFromIt(second)), 5_000);
  });
});
