/**
 * Helpers for the publishing tests.
 */
import { cardText, type TestConversation } from '../support/conversation.js';
import { buttonTitles, pressButton, type Card } from '../support/press.js';

/**
 * The card once the new index serves the briefing: a Publish press waits up to 8 s for the rebuild; on a busy
 * machine it can take longer, and the card's own "Check again" shows when it is live.
 */
export async function untilLive(conversation: TestConversation, card: Card): Promise<Card> {
  for (let i = 0; i < 10 && !/It is in the answers now/.test(cardText(card)) && buttonTitles(card).includes('Check again'); i++) {
    card = (await pressButton(conversation, card, 'Check again')).card;
  }
  return card;
}

