/**
 * The checklist in a conversation: typed commands send a new card; card
 * buttons (Action.Execute, or Action.Submit where a client cannot) return the
 * card that replaces the one pressed.
 *
 * Thin glue on purpose: who is acting and what the card sent go to the
 * walkthrough, whose View is drawn by the checklist card builder. Refresh
 * invokes (Teams re-drawing a card as it comes into view) only ever read.
 */
import { z } from 'zod';
import { CHECKLIST_CARD_VERSION, checklistCard } from '../../checklist/cards.js';
import { walkthrough, type Actor, type CardRef, type View, type Walkthrough } from '../../checklist/walkthrough.js';
import type { CardJson } from '../../cards/renderCard.js';
import { nationalComparison } from '../../insight/national.js';
import { checkPrivacy, FINDING_LABELS } from '../../privacy/privacyGuard.js';
import type { ActionResult, BotServices } from '../routing.js';
import type { Turn } from '../turn.js';
import { currentPicture } from './national.js';

// ---------------------------------------------------------------- what cards send

const cardVersion = z.number().int();
const assessmentId = z.string().trim().min(1).max(64);

export const StartData = z.object({
  cv: cardVersion.optional(),
  startAt: z.string().max(20).optional(),
  partnershipName: z.string().max(1000).optional(),
});

/** A button on an item card, with the item's inputs merged in by Teams (answer, note). */
export const ItemData = z.object({
  cv: cardVersion,
  assessmentId,
  itemId: z.string().trim().min(1).max(40),
  revision: z.number().int().min(0),
  checklistVersion: z.string().max(20),
  answer: z.string().max(40).optional(),
  note: z.string().max(20_000).optional(),
});

/** A button on a summary, status or confirmation card. */
export const AssessmentData = z.object({
  cv: cardVersion,
  assessmentId,
  version: z.number().int().optional(),
  page: z.number().int().min(0).max(100).optional(),
});

/** The owners-and-dates card: revisions per row, and inputs named owner__<item> and due__<item>. */
export const ActionsData = z
  .object({
    cv: cardVersion,
    assessmentId,
    page: z.number().int().min(0).max(100),
    rows: z.record(z.string().max(40), z.number().int().min(0)).refine((r) => Object.keys(r).length <= 50),
    then: z.enum(['summary', 'next-page']),
  })
  .catchall(z.unknown());

// ---------------------------------------------------------------- glue

function actorOf(turn: Turn): Actor {
  return { person: { id: turn.user.id, name: turn.user.name }, space: turn.space, tenantId: turn.conversation.tenantId ?? null };
}

/** Refuse a note or name that looks like it identifies a child or family (the Q&A privacy guard). */
export function screenText(text: string): string | undefined {
  const check = checkPrivacy(text);
  if (!check.flagged) return undefined;
  const kinds = check.findings.map((f) => FINDING_LABELS[f]).join(', ');
  return `That looks like it may include ${kinds}. Evidence notes should describe documents and practice, not individual children or families: please remove the personal details.`;
}

async function render(turn: Turn, services: BotServices, view: View): Promise<CardJson> {
  const definition = services.checklist.definition;
  if (!definition) return notInstalled(services);
  // A summary offers, and the comparison shows, each answer beside the item's national figure.
  const national = view.kind === 'summary' || view.kind === 'compare' ? nationalComparison(await currentPicture(services, definition)) : undefined;
  const spec = checklistCard(definition, view, { userId: turn.user.id, spaceKind: turn.space.kind, national });
  const card = services.cards.render(spec.template, spec.data);
  if (card.refresh === null) delete card.refresh;
  return card;
}

function notInstalled(services: BotServices): CardJson {
  return services.cards.render('notice', {
    title: 'The checklist is not available',
    message: 'The Checklist for Independent Scrutiny is not installed on this server yet. Please tell your administrator (knowledge/checklist/cis.yaml is missing).',
  });
}

function walk(services: BotServices): Walkthrough | undefined {
  const definition = services.checklist.definition;
  return definition ? walkthrough({ definition, store: services.storage.assessments, screenText }) : undefined;
}

/** A typed command: runs the walkthrough and posts its card as a new message. */
function checklistCommand(run: (wt: Walkthrough, actor: Actor, match: RegExpExecArray) => Promise<View>) {
  return async (turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> => {
    const wt = walk(services);
    if (!wt) {
      await turn.sendCard(notInstalled(services));
      return;
    }
    await turn.sendCard(await render(turn, services, await run(wt, actorOf(turn), match)), 'Checklist for Independent Scrutiny');
  };
}

/**
 * A card button. Cards from an older release are answered with the current
 * state; an automatic refresh only re-reads what the card shows.
 */
function checklistAction<D extends { cv?: number; assessmentId?: string; itemId?: string }>(run: (wt: Walkthrough, actor: Actor, data: D, services: BotServices) => Promise<View>) {
  return async (turn: Turn, data: D, services: BotServices): Promise<ActionResult> => {
    const wt = walk(services);
    if (!wt) return { card: notInstalled(services) };
    const actor = actorOf(turn);
    let view: View;
    if (turn.actionTrigger === 'automatic') {
      view = data.assessmentId ? (data.itemId ? await wt.show(actor, data as CardRef) : await wt.summary(actor, data as CardRef)) : await wt.open(actor);
    } else if (data.cv !== undefined && data.cv !== CHECKLIST_CARD_VERSION) {
      view = withNotice(await wt.open(actor), 'That card is from an earlier version of the checklist, so nothing was changed. Here is where things stand now.');
    } else {
      view = await run(wt, actor, data, services);
    }
    return { card: await render(turn, services, view) };
  };
}

function withNotice(view: View, text: string): View {
  const notice = { style: 'warning' as const, text };
  switch (view.kind) {
    case 'name':
    case 'item':
    case 'paused':
    case 'summary':
    case 'actions':
      return { ...view, notice };
    default:
      return view;
  }
}

// ---------------------------------------------------------------- commands

export const checklistStart = checklistCommand((wt, actor) => wt.open(actor));
export const checklistItem = checklistCommand((wt, actor, match) => wt.open(actor, match[1] ?? ''));
export const checklistStatus = checklistCommand((wt, actor) => wt.status(actor));
export const checklistSummary = checklistCommand((wt, actor) => wt.summaryHere(actor));

export async function checklistUsage(turn: Turn): Promise<void> {
  await turn.sendText(
    'For the Checklist for Independent Scrutiny type **checklist** to start or resume, **checklist status** for progress by section, **checklist summary** for the summary, sign-off and export, or **checklist CIS-E3** to open one item.',
  );
}

// ---------------------------------------------------------------- card verbs

export const onStart = checklistAction<z.infer<typeof StartData>>((wt, actor, d) => wt.start(actor, { partnershipName: d.partnershipName, startAt: d.startAt }));
export const onSave = checklistAction<z.infer<typeof ItemData>>((wt, actor, d) => wt.save(actor, d));
export const onPause = checklistAction<z.infer<typeof ItemData>>((wt, actor, d) => wt.pause(actor, d));
export const onBack = checklistAction<z.infer<typeof ItemData>>((wt, actor, d) => wt.back(actor, d));
export const onSkip = checklistAction<z.infer<typeof ItemData>>((wt, actor, d) => wt.skip(actor, d));
export const onShow = checklistAction<z.infer<typeof ItemData>>((wt, actor, d) => wt.show(actor, d));
export const onRefresh = onShow;
export const onResume = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.resume(actor, d));
export const onStatus = checklistAction<z.infer<typeof AssessmentData>>((wt, actor) => wt.status(actor));
export const onSummary = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.summary(actor, d));
export const onActions = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.actions(actor, d));
export const onConfirmSignOff = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.confirmSignOff(actor, d));
export const onSignOff = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.signOff(actor, d));
export const onConfirmReopen = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.confirmReopen(actor, d));
export const onReopen = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.reopen(actor, d));
export const onCompare = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.compare(actor, d));
export const onStartNew = checklistAction<z.infer<typeof AssessmentData>>((wt, actor, d) => wt.startNew(actor, d));

export const onExport = checklistAction<z.infer<typeof AssessmentData>>(async (wt, actor, d, services) => {
  const base = services.config.publicBaseUrl;
  if (!base) return { kind: 'message', title: 'Downloads are not set up', text: 'This server has no public address for download links (PUBLIC_BASE_URL). Ask your administrator, or use `npm run report` on the server.' };
  return wt.export(actor, d, services.checklist.links, base);
});

export const onSaveActions = checklistAction<z.infer<typeof ActionsData>>((wt, actor, d) => {
  const values: Record<string, { owner?: string; due?: string }> = {};
  for (const itemId of Object.keys(d.rows)) {
    const owner = d[`owner__${itemId}`];
    const due = d[`due__${itemId}`];
    values[itemId] = { owner: typeof owner === 'string' ? owner.slice(0, 1000) : undefined, due: typeof due === 'string' ? due.slice(0, 40) : undefined };
  }
  return wt.saveActions(actor, { assessmentId: d.assessmentId, page: d.page, revisions: d.rows, values, then: d.then });
});
