/**
 * "Ask a facilitator" in Teams: the form under an answer or a decline, the
 * `facilitators channel` command, the ticket card's buttons (Take it, Answer,
 * Add to the guidance), the asker's answer card (That answers it / I still
 * need help), and the two lists. The ticket's rules and the outbox messages
 * live in src/escalation; this file reads turns and cards.
 */
import { z } from 'zod';
import type { CardJson } from '../../cards/renderCard.js';
import { partnershipNameProblem } from '../../checklist/walkthrough.js';
import { myListData, TICKET_VERBS, waitingListData } from '../../escalation/cards.js';
import { DRAFTS_DIR, draftPath, writeDraft } from '../../escalation/draft.js';
import { MAX_ANSWER_CHARS, TICKET_ID, type Person, type Ticket, type TicketSource } from '../../escalation/tickets.js';
import { checkPrivacy } from '../../privacy/privacyGuard.js';
import { MAX_OFFSET } from '../../qna/answerCard.js';
import { boundedQuestion, MAX_QUESTION_CHARS } from '../../qna/text.js';
import { UserFacingError, type ActionResult, type BotServices } from '../routing.js';
import { rootConversationId, type Turn } from '../turn.js';
import { answerPage, declineCard } from './ask.js';
import { privacyReminder } from './privacy.js';

export { TICKET_VERBS };

const person = (turn: Turn): Person => ({ id: turn.user.id, name: turn.user.name, ...(turn.user.aadObjectId ? { aadObjectId: turn.user.aadObjectId } : {}) });

// ─── The form: "Ask a facilitator" → Send ────────────────────────────────────

export const EscalateData = z.object({
  from: z.enum(['answer', 'decline']),
  q: z.string().trim().min(1).max(MAX_QUESTION_CHARS + 100),
  o: z.number().int().min(0).max(MAX_OFFSET).optional(),
  f: z.string().uuid().optional(),
  escalateQuestion: z.string().max(4000).default(''),
  escalatePartnership: z.string().max(1000).default(''),
});

/** The card the form was on, shown again: with where the question went, or as it was (nothing sent). */
function originalCard(services: BotServices, data: z.infer<typeof EscalateData>, escalated = ''): CardJson {
  if (data.from === 'decline') return declineCard(services, data.q, services.knowledge.ask(data.q), escalated);
  return answerPage(services, data.q, { offset: data.o, feedbackId: data.f, escalated }).card;
}

/** The asker's personal chat with the bot, when the bot knows one: answers are for them, not for the whole channel. */
async function replyConversation(turn: Turn, services: BotServices): Promise<{ conversationId: string; personal: boolean }> {
  const here = rootConversationId(turn.conversation.id);
  if (turn.conversation.kind === 'personal') return { conversationId: here, personal: true };
  const personal = await services.storage.conversations.personalChatOf(turn.user);
  return personal ? { conversationId: personal, personal: true } : { conversationId: here, personal: false };
}

/** The sources the bot found for the question, for the facilitator's card (none when it declined). */
function sourcesFor(services: BotServices, question: string): TicketSource[] {
  const found = services.knowledge.ask(question, { limit: 3 });
  if (!found.answered) return [];
  const seen = new Map<string, TicketSource>();
  for (const p of found.passages) if (!seen.has(p.docId)) seen.set(p.docId, { title: p.source.title, dateLabel: p.source.dateLabel, docId: p.docId });
  return [...seen.values()];
}

export async function onEscalate(turn: Turn, data: z.infer<typeof EscalateData>, services: BotServices): Promise<ActionResult> {
  const question = boundedQuestion(data.escalateQuestion);
  if (!question) {
    await turn.sendText('Type your question in the box first, then press **Send to a facilitator**.');
    return { card: originalCard(services, data) };
  }
  const partnershipGiven = data.escalatePartnership.replace(/\s+/g, ' ').trim();
  // The guard runs before anything is stored or leaves this chat; only the kinds of detail found are logged.
  const check = checkPrivacy(`${question}\n${partnershipGiven}`);
  if (check.flagged) {
    services.log.info({ event: 'privacy_guard', findings: check.findings, conversation: turn.conversation.kind, escalation: true }, 'question for a facilitator withheld by the privacy guard');
    await turn.sendText(`Nothing was sent to the facilitators. ${privacyReminder(check)}`);
    return { card: originalCard(services, data) };
  }
  const nameProblem = partnershipGiven ? partnershipNameProblem(partnershipGiven) : undefined;
  if (nameProblem) {
    await turn.sendText(`Nothing was sent yet: ${nameProblem}`);
    return { card: originalCard(services, data) };
  }
  const partnership = partnershipGiven || (await services.storage.assessments.current(turn.space.key))?.partnershipName || null;
  const reply = await replyConversation(turn, services);
  const { ticket, channel, repeated } = await services.desk.ask({
    question,
    asker: person(turn),
    partnership,
    askedIn: turn.conversation.kind,
    replyConversationId: reply.conversationId,
    tenantId: turn.conversation.tenantId ?? null,
    sources: sourcesFor(services, question),
  });
  services.log.info({ event: 'ticket_created', ticket: ticket.id, repeated, channelSet: channel !== undefined, sources: ticket.sources.length, conversation: turn.conversation.kind }, 'question sent to the facilitators');
  const where = reply.personal && turn.conversation.kind !== 'personal' ? 'in your personal chat with me' : 'here';
  const sent = channel
    ? `Sent to the facilitators as ${ticket.id}. A facilitator will answer you ${where}; type my questions to see where it stands.`
    : `Saved as ${ticket.id} for the facilitators, who will see it in their open questions. The answer will come to you ${where}; type my questions to see where it stands.`;
  return { card: originalCard(services, data, sent) };
}

// ─── facilitators channel ────────────────────────────────────────────────────

export async function facilitatorsChannelCommand(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  if (turn.conversation.kind !== 'channel') {
    const current = await services.desk.channel();
    await turn.sendText(
      `Type this in the team channel where questions for the facilitators should arrive, with @LSCP Assistant before it (any channel, not only General).${current ? ` At the moment they go to the channel ${current.setByName} chose.` : ' No channel has been chosen yet.'}`,
    );
    return;
  }
  const { posted } = await services.desk.setChannel({ conversationId: rootConversationId(turn.conversation.id), tenantId: turn.conversation.tenantId ?? null, teamId: turn.conversation.teamId ?? null }, turn.user.name);
  services.log.info({ event: 'facilitators_channel_set', posted }, 'facilitators channel set');
  await turn.sendText(`Done: questions for the facilitators will be posted in this channel, each as a card with **Take it** and **Answer**.${posted > 0 ? ` I'm posting the ${posted} ${posted === 1 ? 'question' : 'questions'} already waiting.` : ''}`);
}

// ─── The ticket card's buttons (facilitators) ────────────────────────────────

export const TicketRef = z.object({ t: z.string().trim().toUpperCase().regex(TICKET_ID) });
export const AnswerData = TicketRef.extend({ answer: z.string().max(MAX_ANSWER_CHARS * 2).default('') });
export const RoundRef = TicketRef.extend({ r: z.number().int().min(0).max(10_000) });

const unknownTicket = (id: string) => new UserFacingError(`I have no record of question ${id}. Type **open questions** to see the ones waiting.`);

async function ticketResult(services: BotServices, t: Ticket, notice?: string): Promise<ActionResult> {
  return { card: await services.desk.ticketCard(t, notice) };
}

export async function onTake(turn: Turn, data: z.infer<typeof TicketRef>, services: BotServices): Promise<ActionResult> {
  const result = await services.desk.change(data.t, () => ({ kind: 'take', by: person(turn) }));
  if (!result) throw unknownTicket(data.t);
  services.log.info({ event: 'ticket_taken', ticket: data.t, ok: result.ok }, 'ticket taken');
  return ticketResult(services, result.ticket, result.ok ? `You have taken ${result.ticket.id}. ${result.ticket.asker.name} will get your answer with your name on it.` : result.reason);
}

export async function onAnswer(turn: Turn, data: z.infer<typeof AnswerData>, services: BotServices): Promise<ActionResult> {
  const text = data.answer.trim();
  const check = checkPrivacy(text);
  if (check.flagged) {
    const current = await services.storage.tickets.get(data.t);
    if (!current) throw unknownTicket(data.t);
    services.log.info({ event: 'privacy_guard', findings: check.findings, escalation: true }, 'facilitator answer withheld by the privacy guard');
    return ticketResult(services, current, `Not sent. ${privacyReminder(check, "I haven't sent or kept that answer")}`);
  }
  const result = await services.desk.change(data.t, () => ({ kind: 'answer', by: person(turn), text }));
  if (!result) throw unknownTicket(data.t);
  services.log.info({ event: 'ticket_answered', ticket: data.t, ok: result.ok }, 'ticket answered');
  return ticketResult(services, result.ticket, result.ok ? `Sent to ${result.ticket.asker.name}: they get your answer in their chat, with your name.` : result.reason);
}

export async function onDraft(turn: Turn, data: z.infer<typeof TicketRef>, services: BotServices): Promise<ActionResult> {
  let written: string | undefined;
  const result = await services.desk.change(data.t, async (t) => {
    if (t.draft || (t.state !== 'answered' && t.state !== 'closed')) return { kind: 'draft', by: person(turn), path: '' }; // the rules refuse it
    const topic = t.sources.map((s) => services.knowledge.document(s.docId)?.topic).find((x) => x !== undefined) ?? 'scrutiny';
    try {
      written ??= await writeDraft(services.config.knowledgeDir, t, topic);
    } catch (error) {
      // Written by an earlier press whose save then lost a race: the file is the draft.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') written = draftPath(t);
      else services.log.warn({ event: 'draft_failed', ticket: t.id, code: (error as NodeJS.ErrnoException).code }, 'could not write a knowledge draft');
      if (!written) throw new UserFacingError(`I couldn't write the draft into the knowledge folder's ${DRAFTS_DIR} (it may be read-only here). Nothing was changed; a maintainer can copy the answer from this card instead.`);
    }
    return { kind: 'draft', by: person(turn), path: written };
  });
  if (!result) throw unknownTicket(data.t);
  services.log.info({ event: 'ticket_drafted', ticket: data.t, ok: result.ok }, 'ticket drafted for the guidance');
  return ticketResult(services, result.ticket, result.ok ? `Written as ${written} in the knowledge folder for a maintainer to review. It is not used in answers until it is moved out of ${DRAFTS_DIR}.` : result.reason);
}

export async function onShowTicket(turn: Turn, data: z.infer<typeof TicketRef>, services: BotServices): Promise<ActionResult> {
  const t = await services.storage.tickets.get(data.t);
  if (!t) throw unknownTicket(data.t);
  await turn.sendCard(await services.desk.ticketCard(t), `Question ${t.id}`);
  return { card: await waitingCard(services) };
}

// ─── The asker's answer card ─────────────────────────────────────────────────

async function askerResponds(turn: Turn, data: z.infer<typeof RoundRef>, services: BotServices, kind: 'close' | 'reopen'): Promise<ActionResult> {
  const result = await services.desk.change(data.t, () => ({ kind, by: person(turn), round: data.r }));
  if (!result) throw unknownTicket(data.t);
  services.log.info({ event: kind === 'close' ? 'ticket_closed' : 'ticket_reopened', ticket: data.t, ok: result.ok }, kind === 'close' ? 'ticket closed by the asker' : 'ticket reopened by the asker');
  if (!result.ok) return { card: services.desk.answerCard(result.ticket, { notice: result.reason }) };
  return { card: services.desk.answerCard(result.ticket, { outcome: kind === 'close' ? 'closed' : 'reopened' }) };
}

export const onClose = (turn: Turn, data: z.infer<typeof RoundRef>, services: BotServices) => askerResponds(turn, data, services, 'close');
export const onReopen = (turn: Turn, data: z.infer<typeof RoundRef>, services: BotServices) => askerResponds(turn, data, services, 'reopen');

// ─── Lists ───────────────────────────────────────────────────────────────────

async function waitingCard(services: BotServices): Promise<CardJson> {
  const { tickets, total } = await services.storage.tickets.waiting();
  return services.cards.render('tickets', waitingListData(tickets, total, new Date()));
}

export async function openQuestionsCommand(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  await turn.sendCard(await waitingCard(services), 'Open questions');
}

export async function myQuestionsCommand(turn: Turn, _match: RegExpExecArray, services: BotServices): Promise<void> {
  const mine = await services.storage.tickets.askedBy(person(turn));
  await turn.sendCard(services.cards.render('tickets', myListData(mine, new Date())), 'Your questions to the facilitators');
}
