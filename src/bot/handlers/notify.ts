/**
 * Briefing notices, from the facilitator's side: `notify <briefing>` (a confirm
 * card first, then the job's progress), `share briefing <briefing>` (posts its
 * card into this conversation), and the notice card's own "Ask about this
 * briefing" for anyone who received it.
 */
import { z } from 'zod';
import type { CardJson } from '../../cards/renderCard.js';
import { AnnounceError, announceBriefing } from '../../facilitators/announce.js';
import { noticeCardData } from '../../facilitators/notice.js';
import type { DocumentSummary } from '../../knowledge/types.js';
import { briefingsNewestFirst } from '../../qna/documents.js';
import { askAboutDocument } from '../../qna/scopedAnswer.js';
import { boundedQuestion, MAX_QUESTION_CHARS } from '../../qna/text.js';
import type { JobStatus } from '../../storage/deliveryStore.js';
import { UserFacingError, type ActionResult, type BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { answerCardFor } from './ask.js';
import { passesPrivacyGuard } from './privacy.js';
import { briefingShareCard, matchingBriefings } from './shareBriefing.js';

/** Briefings a facilitator may mean by `name`: its exact id, else those whose title, publisher or date has the words. */
export function findBriefings(services: BotServices, name: string): DocumentSummary[] {
  const all = briefingsNewestFirst(services.knowledge.documents());
  const exact = all.find((d) => d.id === name.trim().toLowerCase());
  return exact ? [exact] : matchingBriefings(services.knowledge, all, name);
}

const NO_BRIEFING = (name: string) => `I couldn't find a briefing matching "${name.slice(0, 80)}". Type **briefings** to see them all.`;

// ─── share briefing <name> ────────────────────────────────────────────────────

export async function shareBriefingCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const name = (match[1] ?? '').trim();
  const [doc, ...others] = findBriefings(services, name);
  if (!doc) return void (await turn.sendText(NO_BRIEFING(name)));
  services.log.info({ event: 'share_briefing_posted', conversation: turn.conversation.kind, others: others.length }, 'briefing posted');
  await turn.sendCard(briefingShareCard(services, doc), doc.title);
  if (others.length > 0) await turn.sendText(`${others.length + 1} briefings matched; I posted the newest. Use more of a title to post another.`);
}

// ─── notify <name> ─────────────────────────────────────────────────────────────

export const NotifyChoice = z.object({ b: z.string().trim().min(1).max(200) });
export const JobRef = z.object({ j: z.string().trim().regex(/^job-[a-z0-9]{10}$/) });

async function confirmCard(services: BotServices, matches: DocumentSummary[]): Promise<CardJson> {
  const counts = await services.storage.subscriptions.counts();
  return services.cards.render('notify-confirm', {
    choices: matches.slice(0, 10).map((d) => ({ title: `${d.title} (${d.source.dateLabel})`, value: d.id })),
    first: matches[0]?.id ?? '',
    several: matches.length > 1,
    audience:
      counts.total === 0
        ? 'No conversations are subscribed yet, so nothing would be sent. People subscribe by typing subscribe where the bot is installed.'
        : `The notice goes to ${counts.total} subscribed ${counts.total === 1 ? 'conversation' : 'conversations'} (${counts.channel} team channels, ${counts.groupChat} group chats, ${counts.personal} personal chats). Any that already had it are not sent it again.`,
  });
}

export async function notifyCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const name = (match[1] ?? '').trim();
  const matches = findBriefings(services, name);
  if (matches.length === 0) return void (await turn.sendText(NO_BRIEFING(name)));
  await turn.sendCard(await confirmCard(services, matches), 'Announce a briefing');
}

export function progressCard(services: BotServices, job: JobStatus, title: string): CardJson {
  return services.cards.render('notify-progress', {
    title,
    jobId: job.id,
    done: job.done,
    state: job.done ? (job.failed > 0 ? 'Finished, with failures' : 'Finished') : 'Sending',
    queued: String(job.queued),
    sent: String(job.sent),
    skipped: String(job.skipped),
    failed: String(job.failed),
    refresh: { data: { j: job.id }, submit: { verb: 'notify.status', j: job.id } },
  });
}

export async function onNotifyConfirm(turn: Turn, data: z.infer<typeof NotifyChoice>, services: BotServices): Promise<ActionResult> {
  try {
    const announced = await announceBriefing(services, data.b, 'chat');
    services.delivery.wake();
    services.log.info({ event: 'announce', job: announced.jobId, queued: announced.queued, skipped: announced.skipped, via: 'chat' }, 'briefing announced');
    const job = await services.storage.deliveries.jobStatus(announced.jobId);
    if (!job) throw new Error('the job just created is missing');
    return { card: progressCard(services, job, announced.title) };
  } catch (error) {
    if (error instanceof AnnounceError) throw new UserFacingError(error.message);
    throw error;
  }
}

export async function onNotifyStatus(_turn: Turn, data: z.infer<typeof JobRef>, services: BotServices): Promise<ActionResult> {
  const job = await services.storage.deliveries.jobStatus(data.j);
  if (!job) throw new UserFacingError('I have no record of that announcement.');
  return { card: progressCard(services, job, services.knowledge.document(job.subject)?.title ?? job.subject) };
}

export async function onNotifyCancel(_turn: Turn, _data: unknown, services: BotServices): Promise<ActionResult> {
  return { card: services.cards.render('notice', { title: 'Nothing was sent', message: 'The announcement was cancelled. Type **notify** and a briefing name to start again.' }) };
}

// ─── The notice card's "Ask about this briefing" ─────────────────────────────

export const AskAboutData = z.object({ d: z.string().trim().min(1).max(200), question: z.string().max(MAX_QUESTION_CHARS * 4).default('') });

export async function onAskAboutBriefing(turn: Turn, data: z.infer<typeof AskAboutData>, services: BotServices): Promise<ActionResult> {
  const doc = services.knowledge.document(data.d);
  if (!doc) throw new UserFacingError(`${services.publications?.withdrawnNote([data.d]) ?? 'That briefing is no longer in the knowledge base.'} Type **briefings** to see the current ones.`);
  // The notice stays as it was; the answer comes as a message of its own.
  const notice = { card: services.cards.render('briefing-notice', noticeCardData(doc)) };
  const question = boundedQuestion(data.question);
  if (!question) {
    await turn.sendText('Type your question in the box first, then press **Ask**.');
    return notice;
  }
  if (!(await passesPrivacyGuard(turn, services, question))) return notice;
  const scoped = askAboutDocument(services.knowledge, doc.id, question);
  services.log.info({ event: 'question', scoped: true, inDocument: scoped.inDocument, answered: scoped.answer.answered, conversation: turn.conversation.kind }, 'question about a briefing');
  if (!scoped.inDocument) await turn.sendText(`*${doc.title}* does not seem to cover that, so here is what the rest of the guidance says.`);
  const page = answerCardFor(services, question, scoped.answer);
  await turn.sendCard(page.card, page.summary);
  return notice;
}
