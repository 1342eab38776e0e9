/**
 * The privacy guard in a conversation: the reminder a flagged message gets, and
 * the one check every handler of free text calls before doing anything else.
 */
import { checkPrivacy, FINDING_LABELS, type PrivacyCheck } from '../../privacy/privacyGuard.js';
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** `withheld` says what was not done with the message (a question is not searched; an answer is not sent). */
export function privacyReminder(check: PrivacyCheck, withheld = "I haven't searched for that or kept it"): string {
  return (
    `${withheld}: it looks like it may include ${list(check.findings.map((f) => FINDING_LABELS[f]))}. ` +
    'This assistant is for guidance, not case work, so please don\'t share details that could identify a child or family here. ' +
    'You may want to delete your message, then ask your question again without the personal details.'
  );
}

/**
 * True when the text may go on to be searched. Otherwise the reminder has been
 * sent and only the kinds of detail found are logged, never the text.
 */
export async function passesPrivacyGuard(turn: Turn, services: BotServices, text: string): Promise<boolean> {
  const check = checkPrivacy(text);
  if (!check.flagged) return true;
  services.log.info({ event: 'privacy_guard', findings: check.findings, conversation: turn.conversation.kind }, 'message withheld by the privacy guard');
  await turn.sendText(privacyReminder(check));
  return false;
}
