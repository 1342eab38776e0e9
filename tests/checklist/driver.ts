/**
 * Pressing a checklist card's own buttons the way Teams does: take the
 * Action.Execute (or its Action.Submit fallback) from the card received, merge
 * the inputs into its data keyed by input id, and send it.
 */
import { expect } from 'vitest';
import { cardText, type TestConversation, type TurnResult } from '../support/conversation.js';
import { buttonTitles, executeAction, pressButton, type Card } from '../support/press.js';

export { buttonTitles, executeAction, type Card };

export interface Pressed {
  turn: TurnResult;
  /** The card that replaced the one pressed (invoke response, or the in-place update for Submit). */
  card: Card;
}

/** Press an Action.Execute button, with `inputs` as the user filled them (only sent when the button takes inputs). */
export async function press(conversation: TestConversation, card: Card, title: string, inputs: Record<string, unknown> = {}, options: { replyToId?: string } = {}): Promise<Pressed> {
  const pressed = await pressButton(conversation, card, title, inputs, options);
  expect(pressed.turn.status).toBe(200);
  return pressed;
}

/** Press the same button through its Action.Submit fallback (a client without Universal Actions). */
export async function pressFallback(conversation: TestConversation, card: Card, title: string, inputs: Record<string, unknown>, replyToId: string): Promise<Pressed> {
  const action = executeAction(card, title);
  expect(action.fallback?.type).toBe('Action.Submit');
  const data = action.fallback!.associatedInputs === 'none' ? { ...action.fallback!.data } : { ...action.fallback!.data, ...inputs };
  const turn = await conversation.submit(data, replyToId);
  expect(turn.status).toBe(200);
  const update = turn.updates[0];
  if (!update) throw new Error(`no card update; the bot sent: ${turn.texts.join(' | ')}`);
  const content = ((update.activity.attachments as Array<{ content: Card }>) ?? [])[0]?.content;
  return { turn, card: content! };
}

export function progressOf(card: Card): string {
  return /Section [A-Z] · item \d+ of \d+ · \d+ of \d+ answered/.exec(cardText(card))?.[0] ?? '';
}

export function itemIdOf(card: Card): string | undefined {
  return /\*\*(CIS-[A-Z]\d+)\*\*/.exec(cardText(card))?.[1];
}

/** The refresh block of an item card. */
export function refreshOf(card: Card) {
  return card.refresh as { action: { type: string; verb: string; data: Record<string, unknown> }; userIds?: string[] } | undefined;
}

export function inputValue(card: Card, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o.value;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

export function hasInput(card: Card, id: string): boolean {
  let found = false;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = true;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
