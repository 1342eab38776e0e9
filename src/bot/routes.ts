/**
 * The route table: every command, card verb and event the bot answers, in one place.
 *
 * Read this file to know what the bot does. Commands are matched in order
 * against the message text (the @mention already removed); card verbs come from
 * Action.Execute invokes or Action.Submit data; the fallback takes everything else.
 * Later features (briefings, the message extension, subscriptions) add their rows here.
 */
import { sendHint } from './handlers/fallback.js';
import { sendHelp, sendWelcome } from './handlers/welcome.js';
import { command, type Route } from './routing.js';

export const routes: Route[] = [
  command('help', /^(help|\?|menu|commands|what can you do\??)$/i, (turn, _m, s) => sendHelp(turn, s), {
    usage: 'help',
    description: 'Show this list.',
  }),
  command('hello', /^(hi|hello|hey|good (morning|afternoon|evening)|start)[!. ]*$/i, (turn, _m, s) => sendWelcome(turn, s)),

  { kind: 'welcome', handle: sendWelcome },
  { kind: 'fallback', handle: sendHint },
];
