/**
 * `define <term>`: the glossary card, or an answer from the guidance when the
 * glossary has no such term.
 */
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { sendAnswer } from './ask.js';
import { glossaryCard } from './glossary.js';
import { passesPrivacyGuard } from './privacy.js';

export async function defineCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const subject = (match[1] ?? '').replace(/[?.!]+$/, '').trim();
  if (!subject) {
    await turn.sendText('Type **define** followed by a term or acronym, for example **define DSP** or **define relevant agency**.');
    return;
  }
  if (!(await passesPrivacyGuard(turn, services, subject))) return;
  await turn.showTyping();
  const entry = services.knowledge.define(subject);
  if (entry) {
    services.log.info({ event: 'define', found: true, conversation: turn.conversation.kind }, 'define');
    await turn.sendCard(glossaryCard(services, entry), `${entry.term}: ${entry.standsFor}`);
    return;
  }
  services.log.info({ event: 'define', found: false, conversation: turn.conversation.kind }, 'define');
  await sendAnswer(turn, services, subject);
}
