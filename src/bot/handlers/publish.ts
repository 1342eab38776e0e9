/**
 * Publishing a briefing from Teams (issue 13), the Bot Framework side: a file
 * sent in personal chat becomes a draft card; its buttons publish (and notify
 * subscribers) or discard it; `withdraw briefing <name>` asks, then withdraws.
 *
 * The work is in src/publishing; this file parses what Teams sent, keeps each
 * refusal to one line that changes nothing, and draws the cards.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CardJson } from '../../cards/renderCard.js';
import { chunkMarkdown } from '../../knowledge/chunk.js';
import { TOPIC_LABELS } from '../../knowledge/frontMatter.js';
import type { DocumentSummary } from '../../knowledge/types.js';
import { BRIEFING_TOPICS } from '../../publishing/briefingDocument.js';
import { downloadFile } from '../../publishing/download.js';
import { DraftContent, readDraft } from '../../publishing/draft.js';
import { PublishError } from '../../publishing/errors.js';
import { FILE_TYPE_LABELS, fileTypeOf } from '../../publishing/fileTypes.js';
import { publishBriefing, withdrawable, withdrawBriefing } from '../../publishing/publish.js';
import { teamsFiles } from '../../publishing/teamsFile.js';
import type { LiveKnowledge } from '../../publishing/liveKnowledge.js';
import { briefingsNewestFirst } from '../../qna/documents.js';
import type { Publication } from '../../storage/publicationStore.js';
import { UserFacingError, type ActionResult, type BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { findBriefings } from './notify.js';

/** How long a Publish press waits for the new index before answering "not yet" (Teams gives an invoke about 15 s). */
const WAIT_FOR_INDEX_MS = 8_000;

const NOT_SET_UP = 'Publishing is not available in this copy of the bot.';

function live(services: BotServices): LiveKnowledge {
  if (!services.publications) throw new UserFacingError(NOT_SET_UP);
  return services.publications;
}

// ─── A file arrives ─────────────────────────────────────────────────────────

export async function onFileReceived(turn: Turn, attachments: unknown[], services: BotServices): Promise<void> {
  if (turn.conversation.kind !== 'personal') {
    return void (await turn.sendText('To publish a briefing, send me the file in a personal chat (files sent in channels and group chats do not reach me).'));
  }
  if (!services.publications) return void (await turn.sendText(NOT_SET_UP));
  const { files, malformed } = teamsFiles(attachments);
  const file = files[0];
  if (!file) {
    services.log.info({ event: 'publish_refused', problem: 'malformed_attachment', malformed }, 'file refused');
    return void (await turn.sendText("I couldn't read that file's details from Teams, so nothing was changed. Please send it again."));
  }
  try {
    const type = fileTypeOf(file.name, file.content.fileType);
    await turn.showTyping();
    const { maxUploadBytes, downloadHosts, downloadTimeoutMs } = services.config.publishing;
    const bytes = await downloadFile(file.content.downloadUrl, file.name, { allowedHosts: downloadHosts, maxBytes: maxUploadBytes, timeoutMs: downloadTimeoutMs });
    const draft = await readDraft(bytes, file.name, type);
    const id = randomUUID();
    await services.storage.publications.saveDraft({ id, ownerId: turn.user.aadObjectId ?? turn.user.id, ownerName: turn.user.name, content: JSON.stringify(draft) });
    services.log.info({ event: 'draft_created', fileType: type, bytes: bytes.length, passages: draft.passages, redacted: draft.redacted }, 'draft briefing');
    await turn.sendCard(draftCard(services, id, draft), `Draft briefing: ${draft.title}`);
    if (files.length > 1) await turn.sendText(`I read the first file only. Send the other ${files.length - 1 === 1 ? 'one' : files.length - 1} on ${files.length - 1 === 1 ? 'its' : 'their'} own.`);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    services.log.info({ event: 'publish_refused', problem: error.problem }, 'file refused');
    await turn.sendText(error.message);
  }
}

// ─── The draft card ─────────────────────────────────────────────────────────

export interface DraftInputs {
  title?: string;
  date?: string;
  publisher?: string;
  topic?: string;
  replaces?: string;
  point1?: string;
  point2?: string;
  point3?: string;
  point4?: string;
  point5?: string;
}

const button = (verb: string, data: Record<string, unknown>) => ({ data, submit: { verb, ...data } });

/** The topic the guidance search puts nearest the draft's title and headings. */
function suggestedTopic(services: BotServices, draft: DraftContent): string {
  const found = services.knowledge.ask([draft.title, ...draft.headings.slice(0, 2)].join(' '), { limit: 1 }).passages[0]?.topic;
  return found && (BRIEFING_TOPICS as string[]).includes(found) ? found : 'scrutiny';
}

export function draftCardData(draftId: string, draft: DraftContent, briefings: readonly DocumentSummary[], topic: string, inputs: DraftInputs = {}, problem = '') {
  const fileLabel = FILE_TYPE_LABELS[draft.fileType].toLowerCase();
  return {
    intro: `I read your ${fileLabel}. Check the details, add the key points, then publish. Nothing is published until you press a Publish button.`,
    problem,
    fileName: draft.fileName,
    passages: String(draft.passages),
    redacted: draft.redacted > 0 ? `${draft.redacted} e-mail address${draft.redacted === 1 ? '' : 'es'} or phone number${draft.redacted === 1 ? '' : 's'}` : '',
    headings: draft.headings.map((text) => ({ text })),
    title: inputs.title ?? draft.title,
    date: inputs.date ?? draft.date,
    publisher: inputs.publisher ?? draft.publisher,
    topic: inputs.topic ?? topic,
    topics: BRIEFING_TOPICS.map((t) => ({ label: TOPIC_LABELS[t], value: t })),
    replaces: inputs.replaces ?? '',
    briefings: briefings.slice(0, 30).map((d) => ({ title: `${d.title} (${d.source.dateLabel})`.slice(0, 160), value: d.id })),
    point1: inputs.point1 ?? '',
    point2: inputs.point2 ?? '',
    point3: inputs.point3 ?? '',
    point4: inputs.point4 ?? '',
    point5: inputs.point5 ?? '',
    publish: button('publish.confirm', { d: draftId, n: false }),
    publishNotify: button('publish.confirm', { d: draftId, n: true }),
    discard: button('publish.discard', { d: draftId }),
  };
}

function draftCard(services: BotServices, draftId: string, draft: DraftContent, inputs: DraftInputs = {}, problem = ''): CardJson {
  const briefings = briefingsNewestFirst(services.knowledge.documents()).filter((d) => !d.superseded);
  return services.cards.render('draft-briefing', draftCardData(draftId, draft, briefings, suggestedTopic(services, draft), inputs, problem));
}

// ─── Publish, discard ───────────────────────────────────────────────────────

const Input = z.string().max(1000).optional();
export const PublishData = z.object({
  d: z.string().uuid(),
  n: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  title: Input,
  date: Input,
  publisher: Input,
  topic: Input,
  replaces: Input,
  point1: Input,
  point2: Input,
  point3: Input,
  point4: Input,
  point5: Input,
});
export const DraftRef = z.object({ d: z.string().uuid() });
export const PublicationRef = z.object({ p: z.string().trim().min(1).max(200) });

async function ownDraft(turn: Turn, services: BotServices, draftId: string) {
  const row = await services.storage.publications.draft(draftId);
  if (!row) throw new UserFacingError('I have no record of that draft. Send me the file again to make a new one.');
  if (row.ownerId !== (turn.user.aadObjectId ?? turn.user.id)) throw new UserFacingError('That draft belongs to another facilitator, so I left it as it was.');
  return row;
}

function parseDraft(content: string): DraftContent {
  try {
    const parsed = DraftContent.safeParse(JSON.parse(content));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new UserFacingError('That draft could not be read back. Please send me the file again.');
}

export async function onPublish(turn: Turn, data: z.infer<typeof PublishData>, services: BotServices): Promise<ActionResult> {
  const publications = live(services);
  const row = await ownDraft(turn, services, data.d);
  if (row.status === 'discarded') throw new UserFacingError('That draft was discarded, so nothing was published. Send me the file again to start over.');
  if (row.status === 'published' && row.publicationId) return { card: await publishedCard(services, row.publicationId) };
  const draft = parseDraft(row.content);
  const inputs: DraftInputs = { title: data.title, date: data.date, publisher: data.publisher, topic: data.topic, replaces: data.replaces, point1: data.point1, point2: data.point2, point3: data.point3, point4: data.point4, point5: data.point5 };
  const keyPoints = [data.point1, data.point2, data.point3, data.point4, data.point5].map((p) => (p ?? '').trim()).filter(Boolean);
  try {
    const published = await publishBriefing(
      { store: services.storage.publications, knowledge: services.knowledge },
      {
        draft,
        details: { title: data.title ?? '', date: (data.date ?? '').trim(), publisher: data.publisher ?? '', topic: data.topic ?? '', keyPoints, ...(data.replaces?.trim() ? { supersedes: data.replaces.trim() } : {}) },
        by: { id: turn.user.aadObjectId ?? turn.user.id, name: turn.user.name },
        notify: data.n,
        draftId: data.d,
      },
    );
    if (!published.id) throw new UserFacingError('That draft was already dealt with, so nothing new was published.');
    services.log.info({ event: 'briefing_published', briefing: published.id, passages: published.passages, notify: data.n, created: published.created }, 'briefing published');
    await publications.syncWithin(WAIT_FOR_INDEX_MS);
    return { card: await publishedCard(services, published.id) };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    // The draft stays as typed, with what to fix on top: nothing is lost.
    services.log.info({ event: 'publish_refused', problem: error.problem }, 'publish refused');
    return { card: draftCard(services, data.d, draft, inputs, error.message) };
  }
}

export async function onPublishStatus(_turn: Turn, data: z.infer<typeof PublicationRef>, services: BotServices): Promise<ActionResult> {
  await live(services).syncWithin(WAIT_FOR_INDEX_MS);
  return { card: await publishedCard(services, data.p) };
}

export async function onDiscard(turn: Turn, data: z.infer<typeof DraftRef>, services: BotServices): Promise<ActionResult> {
  const row = await ownDraft(turn, services, data.d);
  if (row.status === 'published' && row.publicationId) return { card: await publishedCard(services, row.publicationId) };
  await services.storage.publications.discardDraft(data.d);
  services.log.info({ event: 'draft_discarded' }, 'draft discarded');
  return { card: services.cards.render('notice', { title: 'Draft discarded', message: 'Nothing was published. Send me the file again whenever you want to start over.' }) };
}

async function publishedCard(services: BotServices, id: string): Promise<CardJson> {
  const publication = await services.storage.publications.get(id);
  if (!publication) throw new UserFacingError('I have no record of that briefing.');
  const inIndex = Boolean(services.knowledge.document(id));
  const withdrawn = publication.status === 'withdrawn';
  const job = publication.notifyJobId ? await services.storage.deliveries.jobStatus(publication.notifyJobId) : undefined;
  const notice =
    publication.notify === 'none'
      ? 'Not sent (type notify and the title to send it later)'
      : job
        ? `Queued for ${job.queued + job.sent + job.failed} subscribed conversation${job.queued + job.sent + job.failed === 1 ? '' : 's'} (${job.sent} sent so far)`
        : publication.notify === 'pending'
          ? 'Goes out as soon as the index has the briefing'
          : 'Queued';
  const replaced = publication.supersedes ? services.knowledge.document(publication.supersedes) : undefined;
  return services.cards.render('briefing-published', {
    title: publication.title,
    id: publication.id,
    live: inIndex && !withdrawn,
    state: withdrawn
      ? `Withdrawn by ${publication.withdrawnByName ?? 'a facilitator'} on ${(publication.withdrawnAt ?? '').slice(0, 10)}.`
      : inIndex
        ? 'It is in the answers now, in the briefings list and in the message extension.'
        : 'Saved. The search index is being rebuilt with it; answers use the old index until then (usually a few seconds).',
    publishedBy: `${publication.publishedByName}, ${publication.publishedAt.slice(0, 16).replace('T', ' ')} UTC`,
    passages: String(chunkMarkdown({ id: publication.id, title: publication.title, body: publication.body, bodyStartLine: 1, tags: [] }).length),
    replaces: publication.supersedes ? (replaced?.title ?? publication.supersedes) : '',
    notice,
    aboutCommand: `about ${publication.id}`,
    status: button('publish.status', { p: publication.id }),
  });
}

// ─── withdraw briefing <name> ───────────────────────────────────────────────

export async function withdrawCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const publications = services.publications;
  if (!publications) return void (await turn.sendText(NOT_SET_UP));
  const name = (match[1] ?? '').trim();
  const published = new Set(publications.publications().filter((p) => p.status === 'published').map((p) => p.id));
  const matches = findBriefings(services, name);
  const own = matches.filter((d) => published.has(d.id));
  const first = own[0];
  if (!first) {
    const curated = matches[0];
    const message = curated
      ? `“${curated.title}” is one of the curated knowledge files, not a briefing published in Teams, so I can't withdraw it here. It is withdrawn by removing its file from knowledge/ in a reviewed change.`
      : `I couldn't find a briefing published in Teams matching "${name.slice(0, 80)}". Type **briefings** to see them all.`;
    return void (await turn.sendText(message));
  }
  const publication = await withdrawablePublication(services, first.id);
  await turn.sendCard(
    services.cards.render('withdraw-confirm', {
      title: publication.title,
      publishedBy: publication.publishedByName,
      publishedOn: publication.publishedAt.slice(0, 10),
      others: own.length > 1 ? `${own.length} published briefings matched; this is the newest. Use more of the title for another.` : '',
      withdraw: button('withdraw.confirm', { p: publication.id }),
      keep: button('withdraw.cancel', { p: publication.id }),
    }),
    'Withdraw a briefing',
  );
}

async function withdrawablePublication(services: BotServices, id: string): Promise<Publication> {
  try {
    return await withdrawable({ store: services.storage.publications, knowledge: services.knowledge }, id);
  } catch (error) {
    if (error instanceof PublishError) throw new UserFacingError(error.message);
    throw error;
  }
}

export async function onWithdraw(turn: Turn, data: z.infer<typeof PublicationRef>, services: BotServices): Promise<ActionResult> {
  const publications = live(services);
  let withdrawn: Publication;
  try {
    withdrawn = await withdrawBriefing({ store: services.storage.publications, knowledge: services.knowledge }, data.p, turn.user.name);
  } catch (error) {
    if (error instanceof PublishError) throw new UserFacingError(error.message);
    throw error;
  }
  services.log.info({ event: 'briefing_withdrawn', briefing: withdrawn.id }, 'briefing withdrawn');
  const done = await publications.syncWithin(WAIT_FOR_INDEX_MS);
  return {
    card: services.cards.render('notice', {
      title: 'Briefing withdrawn',
      message: `“${withdrawn.title}” was withdrawn. ${done && !services.knowledge.document(withdrawn.id) ? 'It is no longer in the answers, the briefings list or the message extension.' : 'It leaves the answers as soon as the index is rebuilt (a few seconds).'}`,
    }),
  };
}

export async function onWithdrawCancel(_turn: Turn, _data: unknown, services: BotServices): Promise<ActionResult> {
  return { card: services.cards.render('notice', { title: 'Nothing was changed', message: 'The briefing stays published.' }) };
}
