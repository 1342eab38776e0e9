/**
 * The ticket's rules as pure functions (who may do what in which state), and
 * the ticket store on SQLite and PostgreSQL: a save from a stale read is
 * refused, the history is written with the change, and the lists are ordered
 * as the facilitators and the askers need them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ageOf } from '../../src/escalation/cards.js';
import { applyChange, MAX_ANSWER_CHARS, newTicket, newTicketId, samePerson, TICKET_ID, type Person, type Ticket } from '../../src/escalation/tickets.js';
import { openStorage } from '../../src/storage/index.js';
import { testDatabases } from '../support/databases.js';

const chris: Person = { id: '29:chris', name: 'Chris Chief', aadObjectId: '9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D' };
const fran: Person = { id: '29:fran', name: 'Fran Facilitator', aadObjectId: '0f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b' };
const sam: Person = { id: '29:sam', name: 'Sam Second', aadObjectId: '1f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b' };
const t0 = new Date('2026-12-02T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fresh(question = 'Can two partnerships share a scrutineer?', asker = chris, at = t0): Ticket {
  return newTicket({ question, asker, partnership: null, askedIn: 'personal', replyConversationId: 'a:1', tenantId: null, sources: [] }, at).ticket;
}

function must(outcome: ReturnType<typeof applyChange>): Ticket {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.ticket;
}

describe('ticket rules', () => {
  it('gives tickets short ids that are not guessable in sequence', () => {
    const ids = new Set(Array.from({ length: 500 }, newTicketId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(TICKET_ID);
  });

  it('moves open → assigned → answered → closed, recording who and when', () => {
    const taken = must(applyChange(fresh(), { kind: 'take', by: fran }, later(1)));
    expect(taken).toMatchObject({ state: 'assigned', assignee: fran, version: 2, updatedAt: later(1).toISOString() });
    const answered = applyChange(taken, { kind: 'answer', by: fran, text: '  Yes, with one reporting line.  ' }, later(2));
    expect(answered.ok && answered.event).toEqual({ ticketId: taken.id, action: 'answered', actorName: 'Fran Facilitator', at: later(2).toISOString() });
    const a = must(answered);
    expect(a).toMatchObject({ state: 'answered', answer: 'Yes, with one reporting line.', answeredBy: fran, round: 1 });
    expect(must(applyChange(a, { kind: 'close', by: chris, round: 1 }, later(3))).state).toBe('closed');
  });

  it('answers straight from open, and the answerer becomes the assignee', () => {
    const a = must(applyChange(fresh(), { kind: 'answer', by: sam, text: 'No.' }, later(1)));
    expect(a).toMatchObject({ state: 'answered', assignee: sam });
  });

  it('lets another facilitator take over a taken ticket, but not the same one twice', () => {
    const taken = must(applyChange(fresh(), { kind: 'take', by: fran }, later(1)));
    expect(applyChange(taken, { kind: 'take', by: { ...fran, aadObjectId: fran.aadObjectId!.toUpperCase() } }, later(2))).toEqual({ ok: false, reason: `You have already taken ${taken.id}.` });
    expect(must(applyChange(taken, { kind: 'take', by: sam }, later(2))).assignee).toEqual(sam);
  });

  it('refuses to take or answer what is already answered, naming who answered', () => {
    const a = must(applyChange(fresh(), { kind: 'answer', by: fran, text: 'Yes.' }, later(1)));
    for (const change of [{ kind: 'take', by: sam }, { kind: 'answer', by: sam, text: 'No.' }] as const) {
      const outcome = applyChange(a, change, later(2));
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.reason).toMatch(/already been answered by Fran Facilitator/);
    }
  });

  it('refuses an empty answer and one over the limit', () => {
    expect(applyChange(fresh(), { kind: 'answer', by: fran, text: '   ' }, later(1)).ok).toBe(false);
    expect(applyChange(fresh(), { kind: 'answer', by: fran, text: 'x'.repeat(MAX_ANSWER_CHARS + 1) }, later(1)).ok).toBe(false);
    expect(applyChange(fresh(), { kind: 'answer', by: fran, text: 'x'.repeat(MAX_ANSWER_CHARS) }, later(1)).ok).toBe(true);
  });

  it('lets only the asker close or reopen, only the latest answer, and only once', () => {
    const a = must(applyChange(fresh(), { kind: 'answer', by: fran, text: 'Yes.' }, later(1)));
    expect(applyChange(a, { kind: 'reopen', by: fran, round: 1 }, later(2))).toEqual({ ok: false, reason: 'Only Chris Chief, who asked, can say whether this answers it.' });
    expect(applyChange(a, { kind: 'close', by: chris, round: 0 }, later(2)).ok).toBe(false);
    const reopened = must(applyChange(a, { kind: 'reopen', by: { ...chris, id: '29:other-device' }, round: 1 }, later(2)));
    expect(reopened).toMatchObject({ state: 'open', assignee: null, round: 1 });
    expect(applyChange(reopened, { kind: 'reopen', by: chris, round: 1 }, later(3)).ok).toBe(false);
    const again = must(applyChange(reopened, { kind: 'answer', by: sam, text: 'Better answer.' }, later(4)));
    expect(again.round).toBe(2);
    expect(applyChange(again, { kind: 'close', by: chris, round: 1 }, later(5)).ok).toBe(false);
    expect(must(applyChange(again, { kind: 'close', by: chris, round: 2 }, later(5))).state).toBe('closed');
  });

  it('drafts only an answered ticket, once', () => {
    expect(applyChange(fresh(), { kind: 'draft', by: fran, path: 'drafts/x.md' }, later(1)).ok).toBe(false);
    const a = must(applyChange(fresh(), { kind: 'answer', by: fran, text: 'Yes.' }, later(1)));
    const d = must(applyChange(a, { kind: 'draft', by: fran, path: 'drafts/x.md' }, later(2)));
    expect(d.draft).toBe('drafts/x.md');
    expect(applyChange(d, { kind: 'draft', by: fran, path: 'drafts/x.md' }, later(3)).ok).toBe(false);
  });

  it('knows a person by object id across devices, and by Teams id only without one', () => {
    expect(samePerson(chris, { id: '29:elsewhere', name: 'C', aadObjectId: chris.aadObjectId!.toLowerCase() })).toBe(true);
    expect(samePerson({ id: '29:a', name: 'A' }, { id: '29:a', name: 'B' })).toBe(true);
    expect(samePerson({ id: '29:a', name: 'A' }, { id: '29:b', name: 'A' })).toBe(false);
  });

  it('says how long a question has waited in words', () => {
    expect(ageOf(t0.toISOString(), later(1))).toBe('just now');
    expect(ageOf(t0.toISOString(), later(90))).toBe('90 minutes ago');
    expect(ageOf(t0.toISOString(), later(60 * 30))).toBe('30 hours ago');
    expect(ageOf(t0.toISOString(), later(60 * 24 * 3))).toBe('3 days ago');
  });
});

describe.each(testDatabases())('ticket storage on $name', (target) => {
  afterAll(() => target.dropAll());

  it('saves a change only from the version it was read at, with its event', async () => {
    const s = await openStorage(await target.create());
    const { ticket, event } = newTicket({ question: 'Q?', asker: chris, partnership: 'Northfield', askedIn: 'channel', replyConversationId: 'a:1', tenantId: 't', sources: [{ title: 'WT23', dateLabel: 'December 2023', docId: 'wt' }] }, t0);
    await s.tickets.create(ticket, event);
    expect(await s.tickets.get(ticket.id)).toEqual(ticket);
    const first = applyChange(ticket, { kind: 'take', by: fran }, later(1));
    const second = applyChange(ticket, { kind: 'take', by: sam }, later(1));
    if (!first.ok || !second.ok) throw new Error('both changes are allowed on their own');
    expect(await s.tickets.save(first.ticket, ticket.version, first.event)).toBe(true);
    expect(await s.tickets.save(second.ticket, ticket.version, second.event)).toBe(false);
    expect((await s.tickets.get(ticket.id))?.assignee).toEqual(fran);
    expect((await s.tickets.events(ticket.id)).map((e) => `${e.actorName} ${e.action}`)).toEqual(['Chris Chief asked', 'Fran Facilitator taken']);
    await s.close();
  });

  it('lists the waiting oldest first and a person’s own newest first', async () => {
    const s = await openStorage(await target.create());
    const made: Ticket[] = [];
    for (let i = 0; i < 4; i++) {
      const { ticket, event } = newTicket({ question: `Q${i}`, asker: i === 3 ? sam : chris, partnership: null, askedIn: 'personal', replyConversationId: 'a:1', tenantId: null, sources: [] }, later(i));
      await s.tickets.create(ticket, event);
      made.push(ticket);
    }
    const answered = applyChange(made[1]!, { kind: 'answer', by: fran, text: 'A' }, later(10));
    if (!answered.ok) throw new Error(answered.reason);
    await s.tickets.save(answered.ticket, made[1]!.version, answered.event);
    const waiting = await s.tickets.waiting();
    expect(waiting.total).toBe(3);
    expect(waiting.tickets.map((t) => t.question)).toEqual(['Q0', 'Q2', 'Q3']);
    expect((await s.tickets.waiting(2)).tickets.length).toBe(2);
    expect((await s.tickets.askedBy({ ...chris, aadObjectId: chris.aadObjectId!.toLowerCase() })).map((t) => t.question)).toEqual(['Q2', 'Q1', 'Q0']);
    await s.settings.set('facilitators_channel', { conversationId: 'c' }, 'Fran', t0);
    await s.settings.set('facilitators_channel', { conversationId: 'd' }, 'Sam', later(1));
    expect(await s.settings.get('facilitators_channel')).toEqual({ value: { conversationId: 'd' }, updatedByName: 'Sam', updatedAt: later(1).toISOString() });
    await s.close();
  });
});
