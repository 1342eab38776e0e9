/**
 * Sample data for the ticket cards, built with the real builders: a fresh
 * ticket with no sources, and the largest a real one gets (long question,
 * answer at its limit, full history).
 */
import { answerCardData, myListData, ticketCardData, waitingListData } from '../../src/escalation/cards.js';
import { MAX_ANSWER_CHARS, type Ticket, type TicketEvent } from '../../src/escalation/tickets.js';

const at = '2026-12-02T10:42:00.000Z';

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'Q-ABCDEF',
    state: 'open',
    question: 'Can we share one independent scrutineer with the neighbouring partnership?',
    asker: { id: '29:chris', name: 'Chris Chief', aadObjectId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' },
    partnership: 'Northfield Safeguarding Children Partnership',
    askedIn: 'personal',
    replyConversationId: 'a:personal',
    tenantId: null,
    sources: [],
    assignee: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    round: 0,
    draft: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const fran = { id: '29:fran', name: 'Fran Facilitator' };
const answered = ticket({
  state: 'answered',
  question: 'q'.repeat(1000),
  partnership: null,
  askedIn: 'channel',
  sources: [{ title: 'Working Together 2023: independent scrutiny', dateLabel: 'December 2023', docId: 'wt2023-independent-scrutiny' }],
  assignee: fran,
  answer: 'a'.repeat(MAX_ANSWER_CHARS),
  answeredBy: fran,
  answeredAt: at,
  round: 1,
});
const history: TicketEvent[] = (['asked', 'taken', 'answered', 'reopened', 'taken', 'answered', 'closed'] as const).map((action) => ({ ticketId: 'Q-ABCDEF', action, actorName: 'Fran Facilitator', at }));

export const escalationSamples: Record<string, object[]> = {
  ticket: [ticketCardData(ticket(), history.slice(0, 1)), ticketCardData(answered, history, { notice: 'Sent to Chris Chief.' })],
  'ticket-answer': [answerCardData(answered), answerCardData(answered, { outcome: 'reopened' }), answerCardData(answered, { notice: 'A newer answer has been sent.' })],
  tickets: [waitingListData([ticket(), answered], 2, new Date(at)), myListData([], new Date(at)), myListData([answered], new Date(at))],
};
