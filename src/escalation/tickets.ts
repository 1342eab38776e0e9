/**
 * Tickets: a question the guidance did not settle, on its way to a facilitator
 * and back. This module is the ticket's life, as pure rules: who may do what in
 * which state, and what the ticket looks like afterwards.
 *
 *   open ──take──▶ assigned ──answer──▶ answered ──"that answers it"──▶ closed
 *     └───────────answer────────────────▶   └──"I still need help"──▶ open
 *
 * Facilitators take and answer (the Router checks the role); only the person
 * who asked may close or reopen. Every change is an event, so the card can
 * show who did what and when.
 */
import { randomBytes } from 'node:crypto';

export type TicketState = 'open' | 'assigned' | 'answered' | 'closed';

export interface Person {
  /** The Teams user id (29:…). */
  id: string;
  name: string;
  aadObjectId?: string;
}

export interface TicketSource {
  title: string;
  dateLabel: string;
  docId: string;
}

export interface Ticket {
  id: string;
  state: TicketState;
  question: string;
  asker: Person;
  /** The partnership the asker gave or the bot knew, so a facilitator can follow up. */
  partnership: string | null;
  askedIn: 'personal' | 'groupChat' | 'channel';
  /** Where the relayed answer goes: the asker's personal chat when the bot knows one, else where they asked. */
  replyConversationId: string;
  tenantId: string | null;
  sources: TicketSource[];
  assignee: Person | null;
  answer: string | null;
  answeredBy: Person | null;
  answeredAt: string | null;
  /** How many times it has been answered; each answer is relayed once. */
  round: number;
  /** The knowledge draft written from the answer, if any. */
  draft: string | null;
  /** Bumped on every change: a save from a stale read is refused and retried. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type TicketAction = 'asked' | 'taken' | 'answered' | 'reopened' | 'closed' | 'drafted';

export interface TicketEvent {
  ticketId: string;
  action: TicketAction;
  actorName: string;
  at: string;
}

/** A change someone asked for, and the one rule each kind obeys. */
export type Change =
  | { kind: 'take'; by: Person }
  | { kind: 'answer'; by: Person; text: string }
  | { kind: 'reopen'; by: Person; round: number }
  | { kind: 'close'; by: Person; round: number }
  | { kind: 'draft'; by: Person; path: string };

export type Outcome = { ok: true; ticket: Ticket; event: TicketEvent } | { ok: false; reason: string };

/** Long enough for a considered answer, short enough to fit a card. */
export const MAX_ANSWER_CHARS = 4000;

/** `Q-` and six base-32 characters: short enough to quote on the phone, random enough not to guess. */
export function newTicketId(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return `Q-${[...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export const TICKET_ID = /^Q-[A-Z2-9]{6}$/;

/** Whether two people are the same: by Azure AD object id when both have one (Teams vouches for it), else by Teams id. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.id === b.id;
}

/** The key a person's own tickets are filed under (`my questions`). */
export function personKey(p: Person): string {
  return p.aadObjectId ? `aad:${p.aadObjectId.toLowerCase()}` : `id:${p.id}`;
}

export function newTicket(input: Omit<Ticket, 'id' | 'state' | 'assignee' | 'answer' | 'answeredBy' | 'answeredAt' | 'round' | 'draft' | 'version' | 'createdAt' | 'updatedAt'>, at: Date): { ticket: Ticket; event: TicketEvent } {
  const now = at.toISOString();
  const ticket: Ticket = { ...input, id: newTicketId(), state: 'open', assignee: null, answer: null, answeredBy: null, answeredAt: null, round: 0, draft: null, version: 1, createdAt: now, updatedAt: now };
  return { ticket, event: { ticketId: ticket.id, action: 'asked', actorName: input.asker.name, at: now } };
}

function refuse(reason: string): Outcome {
  return { ok: false, reason };
}

function changed(ticket: Ticket, patch: Partial<Ticket>, action: TicketAction, by: Person, at: Date): Outcome {
  const now = at.toISOString();
  return { ok: true, ticket: { ...ticket, ...patch, version: ticket.version + 1, updatedAt: now }, event: { ticketId: ticket.id, action, actorName: by.name, at: now } };
}

/** Apply a change, or say in one line why it cannot be made (the ticket is then unchanged). */
export function applyChange(ticket: Ticket, change: Change, at: Date): Outcome {
  const answeredBy = ticket.answeredBy?.name ?? 'a facilitator';
  switch (change.kind) {
    case 'take':
      if (ticket.state === 'answered' || ticket.state === 'closed') return refuse(`${ticket.id} has already been answered by ${answeredBy}.`);
      if (ticket.assignee && samePerson(ticket.assignee, change.by)) return refuse(`You have already taken ${ticket.id}.`);
      return changed(ticket, { state: 'assigned', assignee: change.by }, 'taken', change.by, at);

    case 'answer': {
      if (ticket.state === 'answered' || ticket.state === 'closed') return refuse(`${ticket.id} has already been answered by ${answeredBy}.`);
      const text = change.text.trim();
      if (!text) return refuse('Type the answer in the box first, then press Answer.');
      if (text.length > MAX_ANSWER_CHARS) return refuse(`Please keep the answer under ${MAX_ANSWER_CHARS.toLocaleString('en-GB')} characters (it has ${text.length.toLocaleString('en-GB')}).`);
      return changed(ticket, { state: 'answered', answer: text, answeredBy: change.by, answeredAt: at.toISOString(), assignee: ticket.assignee ?? change.by, round: ticket.round + 1 }, 'answered', change.by, at);
    }

    case 'reopen':
    case 'close': {
      if (!samePerson(ticket.asker, change.by)) return refuse(`Only ${ticket.asker.name}, who asked, can say whether this answers it.`);
      if (change.round !== ticket.round) return refuse('A newer answer to this question has been sent since; please use that one.');
      if (ticket.state !== 'answered') return refuse(ticket.state === 'closed' ? 'You have already said this answers it.' : 'The facilitators already know you still need help; they will come back to you.');
      return change.kind === 'close'
        ? changed(ticket, { state: 'closed' }, 'closed', change.by, at)
        : changed(ticket, { state: 'open', assignee: null }, 'reopened', change.by, at);
    }

    case 'draft':
      if (ticket.state !== 'answered' && ticket.state !== 'closed') return refuse(`${ticket.id} has no answer yet to add to the guidance.`);
      if (ticket.draft) return refuse(`${ticket.id} is already a draft for the guidance (${ticket.draft}).`);
      return changed(ticket, { draft: change.path }, 'drafted', change.by, at);
  }
}

export const STATE_LABELS: Record<TicketState, string> = {
  open: 'Open',
  assigned: 'Taken',
  answered: 'Answered',
  closed: 'Closed',
};

export const ACTION_LABELS: Record<TicketAction, string> = {
  asked: 'asked',
  taken: 'took it',
  answered: 'answered',
  reopened: 'still needs help',
  closed: 'says that answers it',
  drafted: 'added it to the guidance drafts',
};

export function isWaiting(ticket: Pick<Ticket, 'state'>): boolean {
  return ticket.state === 'open' || ticket.state === 'assigned';
}
