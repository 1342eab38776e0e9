/**
 * The reply to anything the bot cannot place: a short hint, never a guess.
 */
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export async function sendHint(turn: Turn, _services: BotServices): Promise<void> {
  const lead = turn.text ? "I'm not sure what you mean." : 'I did not catch a question there.';
  await turn.sendText(`${lead} Ask me a question about safeguarding partnership guidance, type **checklist** to work through the Checklist for Independent Scrutiny, or type **help** to see everything I can do.`);
}
