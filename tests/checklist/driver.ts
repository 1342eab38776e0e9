/**
 * Pressing a checklist card's own buttons the way Teams does: take the
 * Action.Execute (or its Action.Submit fallback) from the card received, merge
 * the inputs into its data keyed by input id, and send it.
 */
import { expect } from 'vitest';
import { cardActions, cardText, type TestConversation, type TurnResult } from '../support/conversation.js';

export type Card = Record<string, unknown>;

export interface Pressed {
  turn: TurnResult;
  /** The card that replaced the one pressed (invoke response, or the in-place update for Submit). */
  card: Card;
}

export function executeAction(card: Card, title: string) {
  const found = cardActions(card).find((a) => a.type === 'Action.Execute' && a.title === title);
  if (!found) throw new Error(`no "${title}" button on the card; it has: ${buttonTitles(card).join(', ')}`);
  return found as { type: string; title: string; verb: string; data: Record<string, unknown>; associatedInputs?: string; fallback?: { type: string; data: Record<string, unknown>; associatedInputs?: string } };
}

/** The buttons a person sees, in order (the refresh action and the Submit fallbacks are not buttons). */
export function buttonTitles(card: Card): string[] {
  const { refresh: _refresh, ...visible } = card;
  const fallbacks = new Set(cardActions(visible).map((a) => (a as { fallback?: unknown }).fallback).filter(Boolean));
  return cardActions(visible)
    .filter((a) => !fallbacks.has(a))
    .map((a) => a.title ?? '');
}

/** Press an Action.Execute button, with `inputs` as the user filled them (only sent when the button takes inputs). */
export async function press(conversation: TestConversation, card: Card, title: string, inputs: Record<string, unknown> = {}, options: { replyToId?: string } = {}): Promise<Pressed> {
  const action = executeAction(card, title);
  const data = action.associatedInputs === 'none' ? { ...action.data } : { ...action.data, ...inputs };
  const turn = await conversation.execute(action.verb, data, { replyToId: options.replyToId ?? 'card-1' });
  expect(turn.status).toBe(200);
  const body = turn.body as { statusCode: number; type: string; value: Card };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return { turn, card: body.value };
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
