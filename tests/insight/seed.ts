/**
 * Seeding partnerships' checklist answers through the real bot, as their
 * leaders would in Teams: `checklist` in the partnership's channel or chat,
 * Start with its name, then an answer and Save & next on each item card.
 *
 * Free of vitest, so the end-to-end run seeds the same way.
 */
import type { AnswerValue } from '../../src/checklist/definition.js';
import type { TestConversation } from '../support/conversation.js';
import { cardsOf } from '../support/conversation.js';
import { pressButton, type Card } from '../support/press.js';

/** Start the checklist in `conversation` and answer its first items in order; returns the card left showing. */
export async function seedPartnership(conversation: TestConversation, name: string, answers: readonly AnswerValue[]): Promise<Card> {
  const first = await conversation.say('checklist');
  const nameCard = first.messages.flatMap((m) => cardsOf(m))[0];
  if (!nameCard) throw new Error(`"checklist" sent no card (HTTP ${first.status}): ${first.texts.join(' | ')}`);
  let card = (await pressButton(conversation, nameCard, 'Start', { partnershipName: name })).card;
  for (const answer of answers) card = (await pressButton(conversation, card, 'Save & next', { answer })).card;
  return card;
}
