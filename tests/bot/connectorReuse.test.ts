/**
 * One ConnectorClient per channel service, reused from turn to turn: botbuilder
 * would build a new one (credentials and an HTTP pipeline) for every turn.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createRequire } from 'node:module';
import { onlyCard, startQnaBot, type QnaBot } from '../qna/harness.js';

// botbuilder's own factory, from where the package keeps it (it does not export it by name).
const require = createRequire(import.meta.url);
const { ConnectorFactoryImpl } = require('botframework-connector/lib/auth/connectorFactoryImpl') as { ConnectorFactoryImpl: { prototype: { create(...args: unknown[]): unknown } } };

let bot: QnaBot;
beforeAll(async () => {
  bot = await startQnaBot();
});
afterAll(() => bot.stop());

describe('the connector to the channel', () => {
  it('is built once and reused by later turns', async () => {
    const create = vi.spyOn(ConnectorFactoryImpl.prototype, 'create');
    try {
      const conversation = bot.conversation('personal');
      onlyCard(await conversation.say('who is the lead safeguarding partner for health?'));
      onlyCard(await conversation.say('what does DSP mean'));
      onlyCard(await bot.conversation('personal').say('rapid review timescale'));
      expect(create.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      create.mockRestore();
    }
  });

  it('and so is the user-token client, one per bot app id', async () => {
    const made = vi.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient');
    try {
      onlyCard(await bot.conversation('personal').say('what is a rapid review'));
      onlyCard(await bot.conversation('personal').say('who are the safeguarding partners'));
      onlyCard(await bot.conversation('groupChat').say('what does DSP mean'));
      expect(made.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      made.mockRestore();
    }
  });
});
