/**
 * Pressing a card's own Action.Execute button as Teams does: the button's data
 * with the card's inputs merged in (when it takes inputs), sent as an
 * adaptiveCard/action invoke; the card that comes back replaces the pressed one.
 *
 * Free of vitest, so the end-to-end run can seed data through the bot with it too.
 */
import { cardActions, type TestConversation, type TurnResult } from './conversation.js';

export type Card = Record<string, unknown>;

export interface ExecuteButton {
  type: string;
  title: string;
  verb: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
  fallback?: { type: string; data: Record<string, unknown>; associatedInputs?: string };
}

/** The buttons a person sees, in order (the refresh action and the Submit fallbacks are not buttons). */
export function buttonTitles(card: Card): string[] {
  const { refresh: _refresh, ...visible } = card;
  const fallbacks = new Set(cardActions(visible).map((a) => (a as { fallback?: unknown }).fallback).filter(Boolean));
  return cardActions(visible)
    .filter((a) => !fallbacks.has(a))
    .map((a) => a.title ?? '');
}

export function executeAction(card: Card, title: string): ExecuteButton {
  const found = cardActions(card).find((a) => a.type === 'Action.Execute' && a.title === title);
  if (!found) throw new Error(`no "${title}" button on the card; it has: ${buttonTitles(card).join(', ')}`);
  return found as ExecuteButton;
}

/** Press a button; throws unless the bot answers with a card, as Teams expects. */
export async function pressButton(conversation: TestConversation, card: Card, title: string, inputs: Record<string, unknown> = {}, options: { replyToId?: string } = {}): Promise<{ turn: TurnResult; card: Card }> {
  const action = executeAction(card, title);
  const data = action.associatedInputs === 'none' ? { ...action.data } : { ...action.data, ...inputs };
  const turn = await conversation.execute(action.verb, data, { replyToId: options.replyToId ?? 'card-1' });
  const body = turn.body as { statusCode?: number; type?: string; value?: Card } | undefined;
  if (turn.status !== 200 || body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`pressing "${title}" did not return a card (HTTP ${turn.status}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { turn, card: body.value };
}
