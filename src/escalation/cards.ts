/**
 * What the tickets look like: the card in the facilitators' channel, the
 * answer card the asker receives, and the two lists (`open questions`,
 * `my questions`). Pure: a ticket in, plain data for the templates in cards/ out.
 *
 * Every button carries the ticket id in its own data, so a card keeps working
 * after a restart, from any instance, and a stale card can only ask for a
 * change that the ticket's rules then accept or refuse.
 */
import { formatDateTime } from '../checklist/format.js';
import { ACTION_LABELS, isWaiting, STATE_LABELS, type Ticket, type TicketEvent } from './tickets.js';

export const TICKET_VERBS = {
  send: 'escalate.send',
  take: 'ticket.take',
  answer: 'ticket.answer',
  draft: 'ticket.draft',
  close: 'ticket.close',
  reopen: 'ticket.reopen',
  show: 'ticket.show',
} as const;

interface Button<T> {
  data: T;
  submit: T & { verb: string };
}

function button<T extends object>(verb: string, data: T): Button<T> {
  return { data, submit: { verb, ...data } };
}

const WHERE: Record<Ticket['askedIn'], string> = { personal: 'in a personal chat', groupChat: 'in a group chat', channel: 'in a team channel' };

/** "Chris Chief (Northfield LSCP), in a personal chat, 3 March 2025 at 10:42" */
export function askedLine(t: Ticket): string {
  const who = t.partnership ? `${t.asker.name} (${t.partnership})` : `${t.asker.name} (partnership not given)`;
  return `Asked by ${who}, ${WHERE[t.askedIn]}, ${formatDateTime(t.createdAt)}`;
}

const STATE_COLOURS: Record<Ticket['state'], string> = { open: 'Attention', assigned: 'Accent', answered: 'Good', closed: 'Default' };

/** Shown on the channel's card under the ticket: who holds it now, in words. */
function stateLabel(t: Ticket): string {
  if (t.state === 'assigned' && t.assignee) return `Taken by ${t.assignee.name}`;
  return STATE_LABELS[t.state];
}

export interface TicketCardOptions {
  /** A one-line note for the person who pressed a button (a refusal, or what just happened). */
  notice?: string;
}

export function ticketCardData(t: Ticket, history: readonly TicketEvent[], options: TicketCardOptions = {}) {
  const ref = { t: t.id };
  return {
    id: t.id,
    stateLabel: stateLabel(t),
    stateColour: STATE_COLOURS[t.state],
    askedLine: askedLine(t),
    question: t.question,
    sources: t.sources.map((s) => ({ title: s.title, dateLabel: s.dateLabel })),
    hasSources: t.sources.length > 0,
    hasAnswer: t.answer !== null,
    answer: t.answer ?? '',
    answeredByName: t.answeredBy?.name ?? '',
    notice: options.notice ?? '',
    canAnswer: isWaiting(t),
    canTake: isWaiting(t),
    canDraft: (t.state === 'answered' || t.state === 'closed') && !t.draft,
    // The last few events are what a facilitator needs at a glance; the store keeps them all.
    history: history.slice(-6).map((e) => ({ at: formatDateTime(e.at), what: `${e.actorName} ${ACTION_LABELS[e.action]}` })),
    answerButton: button(TICKET_VERBS.answer, ref),
    takeButton: button(TICKET_VERBS.take, ref),
    draftButton: button(TICKET_VERBS.draft, ref),
  };
}

export type AnswerOutcome = 'closed' | 'reopened' | undefined;

export function answerCardData(t: Ticket, options: { outcome?: AnswerOutcome; notice?: string } = {}) {
  const ref = { t: t.id, r: t.round };
  const outcome =
    options.notice ??
    (options.outcome === 'closed'
      ? 'Thank you. The facilitators can see that this answered your question.'
      : options.outcome === 'reopened'
        ? 'I have told the facilitators that you still need help. One of them will come back to you here.'
        : '');
  return {
    askedLine: `Question ${t.id}, asked ${formatDateTime(t.createdAt)}`,
    question: t.question,
    answer: t.answer ?? '',
    answeredByName: t.answeredBy?.name ?? 'A facilitator',
    canRespond: options.outcome === undefined && t.state === 'answered',
    outcome,
    outcomeColour: options.notice ? 'Attention' : 'Good',
    closeButton: button(TICKET_VERBS.close, ref),
    reopenButton: button(TICKET_VERBS.reopen, ref),
  };
}

function listEntry(t: Ticket, now: Date, forFacilitators: boolean) {
  const detail = forFacilitators
    ? `${t.asker.name}${t.partnership ? `, ${t.partnership}` : ''}`
    : t.state === 'answered' || t.state === 'closed'
      ? `Answered by ${t.answeredBy?.name ?? 'a facilitator'}: ${t.answer ?? ''}`.slice(0, 300)
      : '';
  return {
    id: t.id,
    stateLabel: stateLabel(t),
    when: `asked ${ageOf(t.createdAt, now)}`,
    question: t.question.length > 300 ? `${t.question.slice(0, 299)}…` : t.question,
    detail,
    canOpen: forFacilitators,
    open: button(TICKET_VERBS.show, { t: t.id }),
  };
}

/** "3 days ago", "2 hours ago", "just now": how long someone has been waiting matters more than the date. */
export function ageOf(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'} ago`;
  if (minutes < 2) return 'just now';
  if (minutes < 120) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

export function waitingListData(tickets: readonly Ticket[], total: number, now: Date) {
  return {
    title: 'Open questions',
    intro:
      total === 0
        ? 'No questions are waiting for a facilitator.'
        : `${total} ${total === 1 ? 'question is' : 'questions are'} waiting, oldest first${total > tickets.length ? ` (the first ${tickets.length} shown)` : ''}.`,
    tickets: tickets.map((t) => listEntry(t, now, true)),
  };
}

export function myListData(tickets: readonly Ticket[], now: Date) {
  return {
    title: 'Your questions to the facilitators',
    intro: tickets.length === 0 ? 'You have not asked the facilitators anything yet. When the guidance does not settle a question, press **Ask a facilitator** on the answer.' : 'Newest first.',
    tickets: tickets.map((t) => listEntry(t, now, false)),
  };
}
