/**
 * A question for a facilitator survives SIGKILL: the real entry point runs as a
 * child process, the ticket is sent and the process is killed at once (before
 * its card can reach the channel), and a new process on the same database
 * posts the card, takes the answer from it and relays it to the asker.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, stopProcess } from '../support/process.js';
import { ChannelStandIn } from '../support/channel.js';
import { cardsOf, cardText, TestConversation } from '../support/conversation.js';
import { pressButton, type Card } from '../support/press.js';
import { CHIEF, FACILITATOR, waitFor } from '../delivery/support.js';

describe('tickets survive SIGKILL', () => {
  let channel: ChannelStandIn;
  let child: ChildProcess | undefined;
  let port = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-kill-tickets-'));
  const env = { DATA_DIR: dataDir, FACILITATOR_IDS: FACILITATOR.aadObjectId!, DELIVERY_LEASE_SECONDS: '2', DELIVERY_POLL_MS: '100', FAIR_USE_BURST: '1000', FAIR_USE_PER_MINUTE: '10000' };

  beforeAll(async () => {
    channel = await new ChannelStandIn().start();
  });
  afterAll(async () => {
    if (child) await stopProcess(child, 'SIGKILL');
    await channel.stop();
  });

  const cardsIn = (conversationId: string, pattern: RegExp) =>
    channel.records.filter((r) => r.op === 'send' && r.conversationId === conversationId).flatMap((r) => cardsOf(r.activity)).filter((c) => pattern.test(cardText(c)));

  it('posts, answers and relays a ticket asked just before the process was killed', async () => {
    port = await freePort();
    child = await startBotProcess(port, env);
    const url = () => `http://127.0.0.1:${port}`;
    const facilitators = new TestConversation(url, channel, 'channel', FACILITATOR);
    const chief = new TestConversation(url, channel, 'personal', CHIEF);
    expect((await facilitators.say('facilitators channel')).texts.join()).toMatch(/^Done/);

    const decline = (await chief.say('any tips for a victoria sponge recipe')).cards[0] as Card;
    // A slow channel keeps the card in the outbox when the process dies.
    channel.delayMs = 3000;
    const { card } = await pressButton(chief, decline, 'Send to a facilitator', { escalateQuestion: 'Can the scrutineer also chair our executive?', escalatePartnership: '' });
    const id = /Q-[A-Z2-9]{6}/.exec(cardText(card))?.[0];
    expect(id).toBeDefined();
    await stopProcess(child, 'SIGKILL');
    channel.delayMs = 0;

    port = await freePort();
    child = await startBotProcess(port, env);
    const [ticketCard] = await waitFor('the ticket card after the restart', () => {
      const found = cardsIn(facilitators.id, new RegExp(`Question ${id}`));
      return found.length > 0 ? found : undefined;
    }, 30_000);
    expect(cardText(ticketCard)).toContain('Can the scrutineer also chair our executive?');
    await pressButton(facilitators, ticketCard!, 'Answer', { answer: 'Usually not: keep scrutiny independent of the executive it scrutinises.' });
    const relayed = await waitFor('the answer in the asker’s chat', () => cardsIn(chief.id, /A facilitator answered your question/)[0], 30_000);
    expect(cardText(relayed)).toContain('keep scrutiny independent');
  }, 120_000);
});
