/**
 * Questions and answers: anything that is not a command is a question.
 *
 * Order matters and is the point of this file: the privacy guard reads the text
 * first, and a flagged message goes no further (not searched, stored or logged);
 * then the typing indicator, the glossary for "what does DSP mean", and the
 * search. The answer card's buttons (More results, Was this helpful?) come back
 * here as card actions carrying the question in their own data.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CardJson } from '../../cards/renderCard.js';
import type { Answer } from '../../knowledge/types.js';
import { checkPrivacy } from '../../privacy/privacyGuard.js';
import { answerCardData, askFacilitatorView, MAX_OFFSET, PAGE_SIZE, THANKS, VERBS, type Vote } from '../../qna/answerCard.js';
import { glossaryAnswers, parseDefinitionRequest } from '../../qna/define.js';
import { boundedQuestion, excerpt, MAX_QUESTION_CHARS } from '../../qna/text.js';
import { action, type ActionResult, type BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { sendHint } from './fallback.js';
import { glossaryCard } from './glossary.js';
import { passesPrivacyGuard, privacyReminder } from './privacy.js';
import { recordQuestionTheme } from './themes.js';

// ─── Cards ───────────────────────────────────────────────────────────────────

export interface AnswerPage {
  card: CardJson;
  answered: boolean;
  passages: number;
  summary: string;
  /** What the search found (the themes count its topic). */
  found: Answer;
}

/** Search and build the card for one page of an answer. `question` must already have passed the privacy guard. */
export interface AnswerPageOptions {
  offset?: number;
  feedbackId?: string;
  voted?: Vote;
  /** Set once "Ask a facilitator" was sent from this card: where the question went. */
  escalated?: string;
}

export function answerPage(services: BotServices, question: string, options: AnswerPageOptions = {}): AnswerPage {
  const answer: Answer = services.knowledge.ask(question, { limit: PAGE_SIZE + 1, offset: options.offset ?? 0 });
  return answerCardFor(services, question, answer, options);
}

/** The card for an answer already found (`answer` holds one passage more than a page, to know if there is a next one). */
export function answerCardFor(services: BotServices, question: string, answer: Answer, options: AnswerPageOptions = {}): AnswerPage {
  const offset = options.offset ?? 0;
  if (!answer.answered && offset === 0) {
    return { card: declineCard(services, question, answer, options.escalated), answered: false, passages: 0, summary: "I couldn't find that in the guidance.", found: answer };
  }
  const related = answer.relatedChecklistItems;
  const data = answerCardData({ question, answer, offset, feedbackId: options.feedbackId ?? randomUUID(), voted: options.voted, related, escalated: options.escalated });
  const summary = answer.answer ? excerpt(answer.answer, 120) : 'Answer from the guidance';
  return { card: services.cards.render('answer', data), answered: true, passages: Math.min(answer.passages.length, PAGE_SIZE), summary, found: answer };
}

export function declineCard(services: BotServices, question: string, answer: Pick<Answer, 'suggestions'>, escalated = ''): CardJson {
  const suggestions = answer.suggestions.slice(0, 3).map((label) => ({ label, command: `search ${label}` }));
  return services.cards.render('decline', {
    question,
    message: "I couldn't find that in the guidance.",
    hint: suggestions.length > 0 ? 'Try asking it another way, or choose one of these close topics:' : 'Try asking it another way, or browse the topics.',
    suggestions,
    ask: askFacilitatorView({ from: 'decline', q: question }, escalated),
    escalated,
  });
}

// ─── Turns ───────────────────────────────────────────────────────────────────

/** The fallback route: a question, typed or carried by a card button. */
export async function answerQuestion(turn: Turn, services: BotServices, text: string): Promise<void> {
  if (!text.trim()) return sendHint(turn, services);
  if (!(await passesPrivacyGuard(turn, services, text))) return;
  await turn.showTyping();
  const question = boundedQuestion(text);
  const request = parseDefinitionRequest(question);
  if (request) {
    const entry = services.knowledge.define(request.subject);
    if (entry && glossaryAnswers(entry, request)) {
      services.log.info({ event: 'question', glossary: true, conversation: turn.conversation.kind }, 'answered from the glossary');
      await turn.sendCard(glossaryCard(services, entry), `${entry.term}: ${entry.standsFor}`);
      await recordQuestionTheme(turn, services, question, 'glossary');
      return;
    }
  }
  await sendAnswer(turn, services, question);
}

/** Search the guidance without the glossary shortcut (decline suggestions, "What the guidance says"). */
export async function sendAnswer(turn: Turn, services: BotServices, text: string): Promise<void> {
  const question = boundedQuestion(text);
  const page = answerPage(services, question);
  services.log.info({ event: 'question', answered: page.answered, passages: page.passages, conversation: turn.conversation.kind }, page.answered ? 'answered' : 'declined');
  await turn.sendCard(page.card, page.summary);
  await recordQuestionTheme(turn, services, question, page.found);
}

/** `search <words>`: a question that skips the glossary shortcut. */
export async function searchCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const text = match[1] ?? '';
  if (!text.trim()) return sendHint(turn, services);
  if (!(await passesPrivacyGuard(turn, services, text))) return;
  await turn.showTyping();
  await sendAnswer(turn, services, text);
}

// ─── Card actions ────────────────────────────────────────────────────────────

const Question = z.string().trim().min(1).max(MAX_QUESTION_CHARS + 100);
const Offset = z.number().int().min(0).max(MAX_OFFSET);
const VoteSchema = z.enum(['up', 'down']);

export const AnswerStateSchema = z.object({ q: Question, o: Offset, f: z.string().uuid(), d: VoteSchema.optional() });
export const FeedbackSchema = AnswerStateSchema.extend({ v: VoteSchema, p: z.array(z.string().min(1).max(300)).max(PAGE_SIZE + 1) });

function withheldCard(services: BotServices, message: string): ActionResult {
  return { card: services.cards.render('notice', { title: 'Guidance, not case work', message }) };
}

export const answerActions = [
  action(VERBS.more, AnswerStateSchema, async (_turn, data, services) => {
    // The question came from our own card, but card data can be replayed or edited: check it again.
    const check = checkPrivacy(data.q);
    if (check.flagged) return withheldCard(services, privacyReminder(check));
    const page = answerPage(services, data.q, { offset: data.o, feedbackId: data.f, voted: data.d });
    services.log.info({ event: 'more_results', offset: data.o, passages: page.passages }, 'more results');
    return { card: page.card };
  }),

  action(VERBS.feedback, FeedbackSchema, async (turn, data, services) => {
    const check = checkPrivacy(data.q);
    const stored = await services.storage.feedback.record({
      id: data.f,
      vote: data.v,
      question: check.flagged ? null : data.q,
      passageIds: data.p,
      conversationType: turn.conversation.kind,
    });
    services.log.info({ event: 'feedback', vote: stored.vote, duplicate: !stored.created }, 'feedback');
    if (check.flagged) return withheldCard(services, THANKS);
    // An answer given before a briefing it cited was withdrawn (issue 13): say so beside it.
    const withdrawn = services.publications?.withdrawnNote(data.p.map((id) => id.split('#')[0] ?? ''));
    if (withdrawn) await turn.sendText(withdrawn);
    // The same answer again, with the thanks where the buttons were.
    return { card: answerPage(services, data.q, { offset: data.o, feedbackId: data.f, voted: stored.vote }).card };
  }),
];
