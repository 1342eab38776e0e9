/**
 * The route table: every command, card verb and event the bot answers, in one place.
 *
 * Read this file to know what the bot does. Commands are matched in order
 * against the message text (the @mention already removed); card verbs come from
 * Action.Execute invokes or Action.Submit data; message-extension queries come
 * from the compose box, by the command id in the manifest; the fallback takes
 * everything else.
 * Rows wrapped in facilitatorOnly(…) are for the programme's facilitators
 * (FACILITATOR_IDS): the Router refuses anyone else before the handler runs.
 */
import { answerActions, answerQuestion, searchCommand } from './handlers/ask.js';
import * as checklist from './handlers/checklist.js';
import { ActionsData, AssessmentData, ItemData, StartData } from './handlers/checklist.js';
import { sendBriefings } from './handlers/briefings.js';
import * as national from './handlers/national.js';
import * as themes from './handlers/themes.js';
import * as escalation from './handlers/escalation.js';
import { defineCommand } from './handlers/define.js';
import { aboutCommandHandler, topicsCommand } from './handlers/topics.js';
import { SHARE_BRIEFING, shareBriefing, ShareBriefingQuery } from './handlers/shareBriefing.js';
import { sendHelp, sendSmallTalk, sendWelcome, SMALL_TALK } from './handlers/welcome.js';
import { AskAboutData, JobRef, NotifyChoice, notifyCommand, onAskAboutBriefing, onNotifyCancel, onNotifyConfirm, onNotifyStatus, shareBriefingCommand } from './handlers/notify.js';
import { subscribe, subscriptionCounts, unsubscribe } from './handlers/subscriptions.js';
import { ASK_ABOUT_BRIEFING } from '../facilitators/notice.js';
import * as publish from './handlers/publish.js';
import { action, command, facilitatorOnly, fileUpload, messageExtensionQuery, type Route } from './routing.js';
import { z } from 'zod';

export const routes: Route[] = [
  command('help', /^(help|\?|menu|commands|what can you do\??)$/i, (turn, _m, s) => sendHelp(turn, s), {
    usage: 'help',
    description: 'Show this list.',
  }),
  command('hello', /^(hi|hello|hey|good (morning|afternoon|evening)|start)[!. ]*$/i, (turn, _m, s) => sendWelcome(turn, s)),
  command('thanks', SMALL_TALK, (turn) => sendSmallTalk(turn)),

  // The Checklist for Independent Scrutiny (issue 5). Typed commands post a card; the card's buttons
  // (Action.Execute, with an Action.Submit fallback) come back as the verbs below and update it in place.
  command('checklist status', /^checklist\s+(?:status|progress)$/i, checklist.checklistStatus, {
    usage: 'checklist status',
    description: 'Progress by section and who has contributed.',
  }),
  command('checklist summary', /^checklist\s+(?:summary|sign[\s-]?off|export|report)$/i, checklist.checklistSummary, {
    usage: 'checklist summary',
    description: 'Candidate actions, sign-off and export.',
  }),
  command('checklist item', /^checklist\s+((?:cis[-\s]?)?[a-z]\s?\d{1,2})$/i, checklist.checklistItem, {
    usage: 'checklist CIS-E3',
    description: 'Open one checklist item.',
  }),
  command('checklist', /^(?:checklist|cis|start the checklist|checklist (?:start|resume|continue))[.!]*$/i, checklist.checklistStart, {
    usage: 'checklist',
    description: "Start or resume your partnership's Checklist for Independent Scrutiny.",
  }),
  command('checklist usage', /^checklist\s+\S+$/i, (turn) => checklist.checklistUsage(turn)),
  action('checklist.start', StartData, checklist.onStart),
  action('checklist.save', ItemData, checklist.onSave),
  action('checklist.back', ItemData, checklist.onBack),
  action('checklist.skip', ItemData, checklist.onSkip),
  action('checklist.pause', ItemData, checklist.onPause),
  action('checklist.show', ItemData, checklist.onShow),
  action('checklist.refresh', ItemData, checklist.onRefresh), // automatic: only ever reads
  action('checklist.resume', AssessmentData, checklist.onResume),
  action('checklist.status', AssessmentData, checklist.onStatus),
  action('checklist.summary', AssessmentData, checklist.onSummary),
  action('checklist.actions', AssessmentData, checklist.onActions),
  action('checklist.actions.save', ActionsData, checklist.onSaveActions),
  action('checklist.signoff.confirm', AssessmentData, checklist.onConfirmSignOff),
  action('checklist.signoff', AssessmentData, checklist.onSignOff),
  action('checklist.reopen.confirm', AssessmentData, checklist.onConfirmReopen),
  action('checklist.reopen', AssessmentData, checklist.onReopen),
  action('checklist.new', AssessmentData, checklist.onStartNew),
  action('checklist.export', AssessmentData, checklist.onExport),
  action('checklist.compare', AssessmentData, checklist.onCompare),

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

  // Briefing notices (issue 12): anyone subscribes a conversation; facilitators announce and share.
  command('subscribe', /^(?:subscribe|get notices(?: of new briefings)?|notify me)[.!]*$/i, subscribe, {
    usage: 'subscribe',
    description: 'Get a short notice here whenever a new briefing is published (unsubscribe to stop).',
  }),
  command('unsubscribe', /^(?:unsubscribe|stop notices|stop briefing notices)[.!]*$/i, unsubscribe),
  facilitatorOnly(
    command('subscriptions', /^subscriptions?[.!?]*$/i, subscriptionCounts, { usage: 'subscriptions', description: 'How many conversations get briefing notices, by kind.' }),
  ),
  facilitatorOnly(
    command('share briefing', /^share\s+(?:the\s+)?briefing\s+(.+)$/i, shareBriefingCommand, { usage: 'share briefing <name>', description: 'Post a briefing card in this conversation.' }),
  ),
  facilitatorOnly(command('notify', /^(?:notify|announce)\s+(?:briefing\s+)?(.+)$/i, notifyCommand, { usage: 'notify <briefing>', description: 'Announce a briefing to every subscriber (asks to confirm first).' })),
  facilitatorOnly(action('notify.confirm', NotifyChoice, onNotifyConfirm)),
  facilitatorOnly(action('notify.status', JobRef, onNotifyStatus)),
  action('notify.cancel', z.object({}).passthrough(), onNotifyCancel),
  action(ASK_ABOUT_BRIEFING, AskAboutData, onAskAboutBriefing),

  // Publishing briefings from Teams (issue 13): a file sent in personal chat becomes a draft card.
  facilitatorOnly(fileUpload(publish.onFileReceived)),
  facilitatorOnly(action('publish.confirm', publish.PublishData, publish.onPublish)),
  facilitatorOnly(action('publish.status', publish.PublicationRef, publish.onPublishStatus)),
  facilitatorOnly(action('publish.discard', publish.DraftRef, publish.onDiscard)),
  facilitatorOnly(
    command('withdraw briefing', /^withdraw\s+(?:the\s+)?briefing\s+(.+)$/i, publish.withdrawCommand, {
      usage: 'withdraw briefing <name>',
      description: 'Take a briefing published in Teams out of the answers and lists (asks to confirm first). To publish one, send me the PDF, Word or Markdown file.',
    }),
  ),
  facilitatorOnly(action('withdraw.confirm', publish.PublicationRef, publish.onWithdraw)),
  action('withdraw.cancel', z.object({}).passthrough(), publish.onWithdrawCancel),
  command('about', /^about\s+([a-z0-9]+(?:-[a-z0-9]+)*)$/, aboutCommandHandler),
  ...answerActions,

  // The national picture and recurring themes (issue 14): facilitators only, and nothing in them names a partnership or a person.
  facilitatorOnly(
    command('national picture', /^national(?:\s+picture)?(?:\s+(?:section\s+)?([a-z]))?[.!?]*$/i, national.nationalPictureCommand, {
      usage: 'national picture',
      description: 'The Checklist for Independent Scrutiny across all partnerships, anonymous.',
    }),
  ),
  facilitatorOnly(action('national.picture', national.PictureData, national.onPicture)),
  facilitatorOnly(action('national.section', national.SectionData, national.onSection)),
  facilitatorOnly(
    command('themes', /^(?:recurring\s+)?themes(?:\s+(?:for\s+)?(?:the\s+)?(?:last\s+)?(\d{1,4})(?:\s+days?)?)?[.!?]*$/i, themes.themesCommand, {
      usage: 'themes',
      description: 'What questions were about in the last 30 days (themes 90 for 90).',
    }),
  ),
  facilitatorOnly(action('themes.period', themes.ThemesData, themes.onThemes)),

  // Ask a facilitator (issue 15): anyone sends a question the guidance did not settle from an answer or a decline;
  // facilitators take and answer it on its card in their channel; the answer comes back to the asker's chat.
  action(escalation.TICKET_VERBS.send, escalation.EscalateData, escalation.onEscalate),
  command('my questions', /^my\s+questions?[.!?]*$/i, escalation.myQuestionsCommand, {
    usage: 'my questions',
    description: 'Your questions to the facilitators, and where each stands.',
  }),
  action(escalation.TICKET_VERBS.close, escalation.RoundRef, escalation.onClose),
  action(escalation.TICKET_VERBS.reopen, escalation.RoundRef, escalation.onReopen),
  facilitatorOnly(
    command('facilitators channel', /^(?:set\s+(?:the\s+)?)?facilitators?[’']?\s+channel(?:\s+here)?[.!]*$/i, escalation.facilitatorsChannelCommand, {
      usage: 'facilitators channel',
      description: 'Make this team channel the one that gets questions for the facilitators.',
    }),
  ),
  facilitatorOnly(
    command('open questions', /^(?:open|waiting|unanswered)\s+questions?[.!?]*$/i, escalation.openQuestionsCommand, {
      usage: 'open questions',
      description: 'Questions waiting for a facilitator, oldest first.',
    }),
  ),
  facilitatorOnly(action(escalation.TICKET_VERBS.take, escalation.TicketRef, escalation.onTake)),
  facilitatorOnly(action(escalation.TICKET_VERBS.answer, escalation.AnswerData, escalation.onAnswer)),
  facilitatorOnly(action(escalation.TICKET_VERBS.draft, escalation.TicketRef, escalation.onDraft)),
  facilitatorOnly(action(escalation.TICKET_VERBS.show, escalation.TicketRef, escalation.onShowTicket)),

  // The "Share a briefing" message extension (manifest composeExtensions): Teams asks as people type in the
  // message box, and the briefing card they pick goes into their own message.
  messageExtensionQuery(SHARE_BRIEFING, ShareBriefingQuery, shareBriefing),

  { kind: 'welcome', handle: sendWelcome },
  { kind: 'fallback', handle: answerQuestion },
];
