/**
 * The route table: every command, card verb and event the bot answers, in one place.
 *
 * Read this file to know what the bot does. Commands are matched in order
 * against the message text (the @mention already removed); card verbs come from
 * Action.Execute invokes or Action.Submit data; the fallback takes everything else.
 * Later features (briefings, the message extension, subscriptions) add their rows here.
 */
import { answerActions, answerQuestion, searchCommand } from './handlers/ask.js';
import { sendBriefings } from './handlers/briefings.js';
import { defineCommand } from './handlers/define.js';
import { aboutCommandHandler, topicsCommand } from './handlers/topics.js';
import { sendHelp, sendWelcome } from './handlers/welcome.js';
import { command, type Route } from './routing.js';

export const routes: Route[] = [
  command('help', /^(help|\?|menu|commands|what can you do\??)$/i, (turn, _m, s) => sendHelp(turn, s), {
    usage: 'help',
    description: 'Show this list.',
  }),
  command('hello', /^(hi|hello|hey|good (morning|afternoon|evening)|start)[!. ]*$/i, (turn, _m, s) => sendWelcome(turn, s)),

  // Questions and answers (issue 4). Anything that is not a command is a question: see the fallback.
  command('topics', /^(?:topics?|browse(?:\s+topics)?)(?:\s+(.+))?$/i, topicsCommand, {
    usage: 'topics',
    description: 'Browse the guidance by topic.',
  }),
  command('define', /^define\b[:\s]*(.*)$/i, defineCommand, {
    usage: 'define <term>',
    description: 'Explain a term or acronym, e.g. define DSP.',
  }),
  command('briefings', /^briefings?[.!?]*$/i, (turn, _m, s) => sendBriefings(turn, s), {
    usage: 'briefings',
    description: 'List the briefings, newest first.',
  }),
  command('search', /^search(?:\s+for)?\s+(.+)$/i, searchCommand),
  command('about', /^about\s+([a-z0-9]+(?:-[a-z0-9]+)*)$/, aboutCommandHandler),
  ...answerActions,

  { kind: 'welcome', handle: sendWelcome },
  { kind: 'fallback', handle: answerQuestion },
];
