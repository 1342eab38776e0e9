/**
 * Welcome and help: the two cards that tell a new user what the bot is for.
 */
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export const PRIVACY_NOTE =
  'This assistant is for guidance, not case work. Please do not share names or details of children or families here.';

function mentionHint(turn: Turn): string {
  return turn.conversation.kind === 'personal' ? '' : 'In this chat, start your message with @LSCP Assistant so I know it is for me.';
}

export async function sendWelcome(turn: Turn, services: BotServices): Promise<void> {
  await turn.sendCard(services.cards.render('welcome', { privacyNote: PRIVACY_NOTE, mentionHint: mentionHint(turn) }), 'Welcome to LSCP Assistant');
}

export async function sendHelp(turn: Turn, services: BotServices): Promise<void> {
  // Facilitators' commands would only be refused for anyone else, so only facilitators see them.
  const facilitator = services.roles.isFacilitator(turn.user.aadObjectId);
  const commands = services.commandHelp.filter((c) => facilitator || !c.facilitator);
  await turn.sendCard(
    services.cards.render('help', { commands: commands.map((c) => ({ name: c.facilitator ? `${c.usage} (facilitators)` : c.usage, description: c.description })), privacyNote: PRIVACY_NOTE, mentionHint: mentionHint(turn) }),
    'What LSCP Assistant can do',
  );
}

/**
 * "thanks", "ok", "bye": not questions. Searching the guidance for them would answer
 * "I couldn't find that", which reads as if the bot misunderstood.
 */
export const SMALL_TALK = /^(?:(?:thanks|thank you|thankyou|thx|ta|cheers|many thanks)(?: (?:very much|so much|a lot|again))?|ok(?:ay)?|great|brilliant|perfect|lovely|cool|got it|noted|bye|goodbye|see you)[!. ]*$/i;

export async function sendSmallTalk(turn: Turn): Promise<void> {
  const bye = /^(?:bye|goodbye|see you)/i.test(turn.text);
  await turn.sendText(bye ? 'Goodbye. I am here whenever you need the guidance or the checklist.' : 'You are welcome. Ask another question whenever you like, or type **help** to see what I can do.');
}
