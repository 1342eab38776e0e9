/**
 * The real app for Q&A conversation tests, with every log line captured (at
 * trace level, so even debug output is checked for message text) and helpers
 * for reading answer cards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { sharedKnowledge, UNLIMITED } from '../support/bot.js';
import { ChannelStandIn } from '../support/channel.js';
import { cardActions, TestConversation, type Kind, type TurnResult } from '../support/conversation.js';

export interface QnaBot {
  app: RunningApp;
  channel: ChannelStandIn;
  /** Every log line written so far, as raw JSON text. */
  logs: string[];
  conversation(kind?: Kind): TestConversation;
  stop(): Promise<void>;
}

export async function startQnaBot(env: Record<string, string> = {}): Promise<QnaBot> {
  const logs: string[] = [];
  const channel = await new ChannelStandIn().start();
  const knowledge = await sharedKnowledge();
  const log = createLogger('trace', { write: (line: string) => void logs.push(line) });
  const dataDir = mkdtempSync(join(tmpdir(), 'lscp-qna-'));
  const app = await startApp(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'trace', ...UNLIMITED, ...env }), { knowledge, log });
  return {
    app,
    channel,
    logs,
    conversation: (kind = 'personal') => new TestConversation(app.url, channel, kind),
    async stop() {
      await app.stop();
      await channel.stop();
    },
  };
}

export type Action = ReturnType<typeof cardActions>[number] & { fallback?: { type: string; data?: Record<string, unknown> }; url?: string; card?: unknown };

/** The one card a turn sent (fails the test if there was not exactly one). */
export function onlyCard(turn: TurnResult): Record<string, unknown> {
  expect(turn.cards, `expected one card, got texts: ${turn.texts.join(' | ')}`).toHaveLength(1);
  return turn.cards[0]!;
}

/** The card an Action.Execute invoke returned in place of the old one. */
export function invokeCard(turn: TurnResult): Record<string, unknown> {
  expect(turn.status).toBe(200);
  const body = turn.body as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

export function button(card: unknown, title: string | RegExp): Action {
  const found = (cardActions(card) as Action[]).find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title ?? '')));
  expect(found, `no button ${String(title)} among: ${cardActions(card).map((a) => a.title).join(', ')}`).toBeDefined();
  return found!;
}

export function hasButton(card: unknown, title: string | RegExp): boolean {
  return cardActions(card).some((a) => (typeof title === 'string' ? a.title === title : title.test(a.title ?? '')));
}

/** Press an Action.Execute the way Teams does (an invoke carrying the button's verb and data). */
export function pressExecute(conversation: TestConversation, action: Action, replyToId: string): Promise<TurnResult> {
  expect(action.type).toBe('Action.Execute');
  return conversation.execute(action.verb!, action.data ?? {}, { replyToId });
}

/** Press the Action.Submit fallback of an Action.Execute, as an older client would. */
export function pressFallback(conversation: TestConversation, action: Action, replyToId: string): Promise<TurnResult> {
  expect(action.fallback?.type).toBe('Action.Submit');
  return conversation.submit(action.fallback!.data ?? {}, replyToId);
}

/** Press an Action.Submit button. */
export function pressSubmit(conversation: TestConversation, action: Action, replyToId?: string): Promise<TurnResult> {
  expect(action.type).toBe('Action.Submit');
  return conversation.submit(action.data ?? {}, replyToId);
}

export function messageId(turn: TurnResult): string {
  const id = turn.messages[0]?.id;
  expect(typeof id).toBe('string');
  return id as string;
}

export function typingSent(turn: TurnResult): boolean {
  return turn.records.some((r) => r.op === 'send' && r.activity.type === 'typing');
}
