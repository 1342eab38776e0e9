/**
 * The facilitators' desk: asking, changing and listing tickets, with the
 * channel card and the asker's chat kept in step through the outbox.
 *
 * The Bot Framework glue (src/bot/handlers/escalation.ts) turns button presses
 * into calls here; everything here works on stores and plain data, so the
 * whole life of a ticket can be exercised without a conversation.
 */
import { z } from 'zod';
import type { CardRenderer } from '../cards/renderCard.js';
import type { DeliveryStore } from '../storage/deliveryStore.js';
import type { SettingStore } from '../storage/settingStore.js';
import type { TicketStore } from '../storage/ticketStore.js';
import { answerCardData, ticketCardData, type AnswerOutcome } from './cards.js';
import { answerRelay, postKey, reopenedNotice, ticketPost, ticketUpdate, TICKET_JOB, type Channel } from './relay.js';
import { applyChange, isWaiting, newTicket, type Change, type Ticket, type TicketEvent } from './tickets.js';

const CHANNEL_KEY = 'facilitators_channel';
const ChannelSetting = z.object({ conversationId: z.string().min(1), tenantId: z.string().nullable(), teamId: z.string().nullable() });
export type FacilitatorsChannel = z.infer<typeof ChannelSetting> & { setByName: string; setAt: string };

/** A repeated press of Send (a double click, a second device) within this window finds the ticket already made. */
const SAME_QUESTION_WINDOW_MS = 10 * 60_000;

export interface DeskDeps {
  tickets: TicketStore;
  deliveries: Pick<DeliveryStore, 'createJob' | 'enqueueLatest' | 'target'>;
  settings: SettingStore;
  cards: CardRenderer;
  /** Tell this instance's outbox worker to look now. */
  wake(): void;
}

export type ChangeResult = { ok: true; ticket: Ticket } | { ok: false; ticket: Ticket; reason: string };

export function ticketDesk(deps: DeskDeps) {
  const { tickets, deliveries, settings, cards } = deps;

  async function channel(): Promise<FacilitatorsChannel | undefined> {
    const stored = await settings.get(CHANNEL_KEY);
    const parsed = ChannelSetting.safeParse(stored?.value);
    return parsed.success && stored ? { ...parsed.data, setByName: stored.updatedByName, setAt: stored.updatedAt } : undefined;
  }

  async function ticketCard(t: Ticket, notice?: string) {
    return cards.render('ticket', ticketCardData(t, await tickets.events(t.id), { notice }));
  }

  async function post(t: Ticket, to: Channel): Promise<void> {
    await deliveries.createJob({ kind: TICKET_JOB, subject: t.id, requestedVia: 'chat', messages: [ticketPost(t, to, await ticketCard(t))] });
  }

  /** The channel's copy of the card, brought up to date for everyone (if it was ever posted there). */
  async function refreshChannelCard(t: Ticket, to: Channel | undefined): Promise<void> {
    if (!to || !(await deliveries.target(postKey(t.id, to.conversationId)))) return;
    await deliveries.enqueueLatest(ticketUpdate(t, to, await ticketCard(t)));
  }

  function answerCard(t: Ticket, options: { outcome?: AnswerOutcome; notice?: string } = {}) {
    return cards.render('ticket-answer', answerCardData(t, options));
  }

  /** What the others must see after a change: the channel's card, the asker's answer, the channel told of a reopening. */
  async function afterChange(t: Ticket, event: TicketEvent): Promise<void> {
    const to = await channel();
    await refreshChannelCard(t, to);
    if (event.action === 'answered') {
      await deliveries.createJob({ kind: TICKET_JOB, subject: t.id, requestedVia: 'chat', messages: [answerRelay(t, answerCard(t))] });
    }
    if (event.action === 'reopened' && to) {
      await deliveries.createJob({ kind: TICKET_JOB, subject: t.id, requestedVia: 'chat', messages: [reopenedNotice(t, to)] });
    }
    deps.wake();
  }

  return {
    channel,
    ticketCard,

    /** Make the channel where `facilitators channel` was typed the one that gets tickets; the waiting ones are posted there. */
    async setChannel(to: Channel & { teamId: string | null }, byName: string): Promise<{ posted: number }> {
      await settings.set(CHANNEL_KEY, ChannelSetting.parse(to), byName);
      const { tickets: waiting } = await tickets.waiting(Number.MAX_SAFE_INTEGER);
      for (const t of waiting) await post(t, to);
      if (waiting.length > 0) deps.wake();
      return { posted: waiting.length };
    },

    /** A new ticket (or the same one again, when the same person sends the same question twice in a row). */
    async ask(input: Parameters<typeof newTicket>[0], at = new Date()): Promise<{ ticket: Ticket; channel?: FacilitatorsChannel; repeated: boolean }> {
      const to = await channel();
      const recent = (await tickets.askedBy(input.asker, 5)).find((t) => isWaiting(t) && t.question === input.question && at.getTime() - Date.parse(t.createdAt) < SAME_QUESTION_WINDOW_MS);
      if (recent) return { ticket: recent, channel: to, repeated: true };
      const { ticket, event } = newTicket(input, at);
      await tickets.create(ticket, event);
      if (to) {
        await post(ticket, to);
        deps.wake();
      }
      return { ticket, channel: to, repeated: false };
    },

    /**
     * Apply a change from a button. The rules decide on the ticket as stored now,
     * whatever the card that was pressed showed; a save that loses a race is
     * decided again on the winner's result.
     */
    async change(id: string, makeChange: (t: Ticket) => Change | Promise<Change>, at = new Date()): Promise<ChangeResult | undefined> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await tickets.get(id);
        if (!current) return undefined;
        const outcome = applyChange(current, await makeChange(current), at);
        if (!outcome.ok) return { ok: false, ticket: current, reason: outcome.reason };
        if (await tickets.save(outcome.ticket, current.version, outcome.event)) {
          await afterChange(outcome.ticket, outcome.event);
          return { ok: true, ticket: outcome.ticket };
        }
      }
      const latest = await tickets.get(id);
      return latest && { ok: false, ticket: latest, reason: 'Someone else changed this question at the same moment; this is where it stands now.' };
    },

    answerCard,
  };
}
export type TicketDesk = ReturnType<typeof ticketDesk>;
