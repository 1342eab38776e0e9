/**
 * The answer card's data: what a chief officer needs to trust an answer (the
 * words that matched, the source and its date, a warning when it is out of
 * date) and the buttons that carry the conversation on.
 *
 * Pure: an Answer in, plain data for cards/answer.json out. Everything a button
 * needs later (the question, which page, the feedback id) travels in the
 * button's own data, so a card keeps working after the bot restarts and no
 * server memory is needed between turns.
 */
import type { Answer, ChecklistItemRef, Passage } from '../knowledge/types.js';
import { emphasise, excerpt, sourceLine, supersededNote } from './text.js';

export const VERBS = { more: 'answer.more', feedback: 'answer.feedback', escalate: 'escalate.send' } as const;

/** Passages per page, on the answer card and on each "More results" page. */
export const PAGE_SIZE = 3;
/** "More results" stops after this many passages: past that, a better question beats more scrolling. */
export const MAX_OFFSET = 30;

export type Vote = 'up' | 'down';

/** What every answer-card button carries (short keys: this is repeated in each button). */
export interface AnswerState {
  /** The question, which passed the privacy guard before it was ever answered. */
  q: string;
  /** Offset of the first passage on the page. */
  o: number;
  /** Feedback id: one per answer, so a replayed vote is recorded once. */
  f: string;
  /** Set once the person has voted: later pages keep the thanks instead of the buttons. */
  d?: Vote;
}

export interface FeedbackState extends AnswerState {
  v: Vote;
  /** Passage ids on the page voted on. */
  p: string[];
}

/** An Action.Execute with an Action.Submit fallback carrying the same data, for clients without Universal Actions. */
export interface ExecuteButton<T> {
  data: T;
  submit: T & { verb: string };
}

function button<T extends object>(verb: string, data: T): ExecuteButton<T> {
  return { data, submit: { verb, ...data } };
}

export interface PassageView {
  id: string;
  title: string;
  heading: string;
  sourceLine: string;
  text: string;
  superseded: boolean;
  supersededNote: string;
  url: string;
  hasUrl: boolean;
  /** For a Checklist for Independent Scrutiny item: the command that opens it in the checklist. */
  checklistCommand: string;
  checklistItem: string;
  hasActions: boolean;
}

export interface RelatedView {
  itemId: string;
  question: string;
  command: string;
}

/** What "Ask a facilitator" sends back: the card it was on, so the card can be shown again with the outcome. */
export interface EscalateState {
  from: 'answer' | 'decline';
  q: string;
  o?: number;
  f?: string;
}

/** The "Ask a facilitator" form under an answer or a decline, or (once sent) the line that says where it went. */
export interface AskFacilitatorView {
  show: boolean;
  question: string;
  partnership: string;
  send: ExecuteButton<EscalateState>;
}

export function askFacilitatorView(state: EscalateState, escalated: string): AskFacilitatorView {
  return { show: escalated === '', question: state.q, partnership: '', send: button(VERBS.escalate, state) };
}

export interface AnswerCardData {
  question: string;
  isFirstPage: boolean;
  heading: string;
  answer: string;
  hasAnswer: boolean;
  /** The passage the answer was taken from (first page only). */
  lead: PassageView[];
  passages: PassageView[];
  passagesHeading: string;
  hasPassages: boolean;
  endNote: string;
  related: RelatedView[];
  hasRelated: boolean;
  more: ExecuteButton<AnswerState>;
  hasMore: boolean;
  back: ExecuteButton<AnswerState>;
  showBack: boolean;
  voted: boolean;
  thanks: string;
  yes: ExecuteButton<FeedbackState>;
  no: ExecuteButton<FeedbackState>;
  ask: AskFacilitatorView;
  /** Once "Ask a facilitator" was sent: where the question went (empty before). */
  escalated: string;
}

export const THANKS = 'Thanks — your feedback helps us improve the guidance.';

const CHECKLIST_ITEM = /^CIS-[A-Z]\d{1,2}$/;

export function passageView(p: Passage, options: { textChars: number }): PassageView {
  const heading = p.headingPath.at(-1) ?? '';
  const itemId = p.kind === 'checklist' ? (p.id.split('#')[1] ?? '') : '';
  const isItem = CHECKLIST_ITEM.test(itemId);
  const url = p.source.url ?? '';
  return {
    id: p.id,
    title: p.source.title,
    heading: heading && heading !== p.source.title ? heading : '',
    sourceLine: sourceLine(p.source),
    text: options.textChars > 0 ? emphasise(excerpt(p.text, options.textChars), p.matchedTerms) : '',
    superseded: p.superseded,
    supersededNote: p.superseded ? supersededNote(p.supersededBy) : '',
    url,
    hasUrl: url !== '',
    checklistCommand: isItem ? `checklist ${itemId}` : '',
    checklistItem: isItem ? itemId : '',
    hasActions: url !== '' || isItem,
  };
}

/** Words the search matched anywhere on the page, for emphasis in the extracted answer. */
function matchedTerms(passages: readonly Passage[]): string[] {
  return [...new Set(passages.flatMap((p) => p.matchedTerms))];
}

export interface AnswerCardInput {
  question: string;
  /** ask(question, {offset, limit: PAGE_SIZE + 1}): one passage more than a page, to know if there is a next page. */
  answer: Answer;
  offset: number;
  feedbackId: string;
  voted?: Vote;
  related: readonly ChecklistItemRef[];
  escalated?: string;
}

export function answerCardData(input: AnswerCardInput): AnswerCardData {
  const { question, answer, feedbackId } = input;
  const offset = Math.max(0, input.offset);
  const page = answer.passages.slice(0, PAGE_SIZE);
  const hasMore = answer.passages.length > PAGE_SIZE && offset + PAGE_SIZE < MAX_OFFSET;
  const isFirstPage = offset === 0;
  const state = (o: number): AnswerState => ({ q: question, o, f: feedbackId, ...(input.voted ? { d: input.voted } : {}) });
  const vote = (v: Vote): FeedbackState => ({ q: question, o: offset, f: feedbackId, v, p: page.map((p) => p.id) });

  const extracted = isFirstPage && answer.answered ? answer.answer.trim() : '';
  const lead = isFirstPage ? page.slice(0, 1) : [];
  const rest = isFirstPage ? page.slice(1) : page;
  const first = offset + 1;
  const last = offset + page.length;

  return {
    question,
    isFirstPage,
    heading: isFirstPage ? 'From the guidance' : `More from the guidance (results ${first}${last > first ? ` to ${last}` : ''})`,
    answer: extracted ? emphasise(extracted, matchedTerms(page)) : '',
    hasAnswer: extracted !== '',
    lead: lead.map((p) => passageView(p, { textChars: extracted ? 0 : 700 })),
    passages: rest.map((p) => passageView(p, { textChars: isFirstPage ? 280 : 700 })),
    passagesHeading: isFirstPage ? 'Also relevant' : '',
    hasPassages: rest.length > 0,
    endNote: page.length === 0 ? 'There are no more results for this question. Try asking it another way, or browse the topics.' : '',
    related: input.related.slice(0, 3).map((r) => ({ itemId: r.itemId, question: r.question, command: `checklist ${r.itemId}` })),
    hasRelated: input.related.length > 0,
    more: button(VERBS.more, state(offset + PAGE_SIZE)),
    hasMore,
    back: button(VERBS.more, state(0)),
    showBack: !isFirstPage,
    voted: input.voted !== undefined,
    thanks: THANKS,
    yes: button(VERBS.feedback, vote('up')),
    no: button(VERBS.feedback, vote('down')),
    ask: askFacilitatorView({ from: 'answer', q: question, o: offset, f: feedbackId }, input.escalated ?? ''),
    escalated: input.escalated ?? '',
  };
}
