/**
 * From a walkthrough View to the data a `cards/checklist-*.json` template expands.
 *
 * Every button is an Action.Execute (Universal Actions: Teams answers it with
 * the card in place) whose fallback is an Action.Submit carrying the same data
 * plus the verb, so clients without Universal Actions update the card in place
 * too. Every button's data says which assessment, item, revision and card
 * version it was drawn from, so a stale press can be recognised and refused.
 */
import { cardButton, type Button, type ButtonOptions } from '../cards/buttons.js';
import { hintByDefault, locate, progress, progressLine, walkOrder } from './assessment.js';
import { ANSWER_LABELS, ANSWERS, type ChecklistDefinition } from './definition.js';
import { formatDate, formatDateTime, whenPhrase } from './format.js';
import { buildSummary, contributorLine } from './summary.js';
import type { AssessmentSnapshot, OwnerKind } from './types.js';
import { ACTIONS_PAGE_SIZE, truncate, type Notice, type View } from './walkthrough.js';

/** Bumped when the shape of button data changes, so cards drawn by an older release are refused cleanly. */
export const CHECKLIST_CARD_VERSION = 1;

export const EVIDENCE_REMINDER = 'Evidence notes: describe documents and practice, not individual children or families.';

export const VERBS = {
  start: 'checklist.start',
  save: 'checklist.save',
  back: 'checklist.back',
  skip: 'checklist.skip',
  pause: 'checklist.pause',
  show: 'checklist.show',
  refresh: 'checklist.refresh',
  resume: 'checklist.resume',
  status: 'checklist.status',
  summary: 'checklist.summary',
  actions: 'checklist.actions',
  saveActions: 'checklist.actions.save',
  confirmSignOff: 'checklist.signoff.confirm',
  signOff: 'checklist.signoff',
  confirmReopen: 'checklist.reopen.confirm',
  reopen: 'checklist.reopen',
  startNew: 'checklist.new',
  export: 'checklist.export',
  compare: 'checklist.compare',
} as const;

export interface CardContext {
  /** The Teams id (MRI) of the person the card is drawn for: the card refreshes automatically for them. */
  userId: string;
  spaceKind: OwnerKind;
  now?: Date;
  /** Per item, the national figure to set beside this partnership's answer ("nationally: 12 of 30 partnerships say Yes"). */
  national?: ReadonlyMap<string, string>;
}

export type { Button };

export function button(title: string, verb: string, data: Record<string, unknown>, options: ButtonOptions = {}): Button {
  return cardButton(CHECKLIST_CARD_VERSION, title, verb, data, options);
}

export interface CardSpec {
  template: 'checklist-start' | 'checklist-item' | 'checklist-summary' | 'checklist-status' | 'checklist-actions' | 'checklist-message';
  data: object;
}

const noticeData = (notice?: Notice) => ({ notice: notice?.text ?? '', noticeStyle: notice?.style ?? 'default' });

function heading(snapshot: AssessmentSnapshot): string {
  return `Checklist for Independent Scrutiny · ${snapshot.assessment.partnershipName}`;
}

const ref = (snapshot: AssessmentSnapshot) => ({ assessmentId: snapshot.assessment.id });

export function checklistCard(def: ChecklistDefinition, view: View, context: CardContext): CardSpec {
  switch (view.kind) {
    case 'name':
      return startCard(view, context);
    case 'item':
      return itemCard(def, view, context);
    case 'paused':
      return pausedCard(def, view);
    case 'summary':
      return summaryCard(def, view.snapshot, view.notice, context.national);
    case 'status':
      return statusCard(def, view.snapshot);
    case 'actions':
      return actionsCard(def, view);
    case 'confirm-signoff':
      return message({
        title: 'Sign off this assessment?',
        text: `You are signing off the Checklist for Independent Scrutiny for **${view.snapshot.assessment.partnershipName}**. Your name and the time are recorded, and the assessment becomes read-only. It can be reopened later if something needs to change.`,
        buttons: [
          button('Sign off', VERBS.signOff, { ...ref(view.snapshot), version: view.snapshot.assessment.version }, { style: 'positive' }),
          button('Cancel', VERBS.summary, ref(view.snapshot)),
        ],
      });
    case 'confirm-reopen': {
      const a = view.snapshot.assessment;
      return message({
        title: 'Reopen this assessment?',
        text: `It was signed off by ${a.signedOffByName ?? 'a chief officer'}${a.signedOffAt ? ` on ${formatDateTime(a.signedOffAt)}` : ''}. Reopening lets answers change again; the sign-off stays on record and the assessment will need signing off again. Reopening should be agreed with the chief officer who signed it off.`,
        buttons: [
          button('Reopen', VERBS.reopen, { ...ref(view.snapshot), version: a.version }, { style: 'destructive' }),
          button('Cancel', VERBS.summary, ref(view.snapshot)),
        ],
      });
    }
    case 'export':
      return message({
        title: 'Download the report',
        text: `The summary and every answer with its evidence note, for ${view.snapshot.assessment.partnershipName}. These links work until ${formatDateTime(view.expiresAt.toISOString())}; anyone holding a link can download the report, so share the file rather than the link.`,
        links: [
          { title: 'Download Markdown', url: view.links.md },
          { title: 'Download CSV (Excel)', url: view.links.csv },
        ],
        buttons: [button('Back to the summary', VERBS.summary, ref(view.snapshot))],
      });
    case 'message':
      return message({ title: view.title, text: view.text, commands: view.offerStart ? [{ title: 'Start the checklist', command: 'checklist' }] : [] });
    case 'compare':
      return compareCard(def, view.snapshot, context.national);
  }
}

/** Each item's answer beside the national figure, where enough partnerships answered it to show one. */
function compareCard(def: ChecklistDefinition, snapshot: AssessmentSnapshot, national?: ReadonlyMap<string, string>): CardSpec {
  const lines = walkOrder(def).flatMap(({ item }) => {
    const line = national?.get(item.id);
    const own = snapshot.answers.get(item.id);
    return line ? [`- **${item.id}** · ${own ? ANSWER_LABELS[own.value] : 'Not answered'} · ${line}`] : [];
  });
  return message({
    title: `How you compare nationally · ${snapshot.assessment.partnershipName}`,
    text:
      lines.length > 0
        ? `Your answer to each item beside how many partnerships say Yes, from every partnership's latest assessment. Items answered by too few partnerships are left out, and no partnership is named.\n\n${lines.join('\n')}`
        : 'Too few partnerships have answered these items yet for a national figure.',
    buttons: [button('Back to the summary', VERBS.summary, ref(snapshot))],
  });
}

function message(input: { title: string; text: string; notice?: Notice; buttons?: Button[]; links?: Array<{ title: string; url: string }>; commands?: Array<{ title: string; command: string }> }): CardSpec {
  return {
    template: 'checklist-message',
    data: { title: input.title, text: input.text, ...noticeData(input.notice), buttons: input.buttons ?? [], links: input.links ?? [], commands: input.commands ?? [] },
  };
}

function startCard(view: Extract<View, { kind: 'name' }>, context: CardContext): CardSpec {
  const intro =
    context.spaceKind === 'personal'
      ? 'This will be your own draft. To work on it with colleagues, start the checklist in your partnership\'s Teams channel instead: everyone there can contribute.'
      : 'The assessment belongs to this conversation: everyone here can answer items, and answers are saved as you go.';
  return {
    template: 'checklist-start',
    data: {
      title: 'Start the Checklist for Independent Scrutiny',
      intro,
      draftName: view.draftName ?? '',
      ...noticeData(view.notice),
      buttons: [button('Start', VERBS.start, view.startAt ? { startAt: view.startAt } : {}, { inputs: 'auto', style: 'positive' })],
    },
  };
}

function itemCard(def: ChecklistDefinition, view: Extract<View, { kind: 'item' }>, context: CardContext): CardSpec {
  const { snapshot, itemId } = view;
  const where = locate(def, itemId);
  if (!where) throw new Error(`itemCard: unknown item ${itemId}`);
  const { item, section, index } = where;
  const answer = snapshot.answers.get(itemId);
  const editable = snapshot.assessment.status === 'in_progress';
  const data = { ...ref(snapshot), itemId, revision: answer?.revision ?? 0, checklistVersion: snapshot.assessment.checklistVersion };
  const buttons = editable
    ? [
        button('Save & next', VERBS.save, data, { inputs: 'auto', style: 'positive' }),
        ...(index > 0 ? [button('Back', VERBS.back, data)] : []),
        button('Skip', VERBS.skip, data),
        button('Pause', VERBS.pause, data, { inputs: 'auto' }),
      ]
    : [...(index > 0 ? [button('Back', VERBS.back, data)] : []), ...(index < walkOrder(def).length - 1 ? [button('Next', VERBS.skip, data)] : []), button('Summary', VERBS.summary, ref(snapshot))];
  const draftAnswer = view.draft?.answer !== undefined && (ANSWERS as readonly string[]).includes(view.draft.answer) ? view.draft.answer : undefined;
  return {
    template: 'checklist-item',
    data: {
      title: heading(snapshot),
      progressLine: progressLine(def, snapshot.answers, itemId),
      ...noticeData(view.notice),
      sectionTitle: `${section.id}. ${section.title}`,
      itemId,
      question: item.question,
      timeSensitive: item.timeSensitive,
      timeNote: 'Relies on Working Together 2023 (full implementation was due by December 2024).',
      showHint: hintByDefault(answer) || (draftAnswer === 'no' || draftAnswer === 'dont-know'),
      why: item.why,
      evidence: item.evidence.map((e) => `- ${e}`).join('\n'),
      sources: item.sources.join('; '),
      lastAnswered: answer ? `Last answered by ${answer.byName} ${whenPhrase(answer.at, context.now)}.` : '',
      editable,
      choices: ANSWERS.map((value) => ({ title: ANSWER_LABELS[value], value })),
      answer: draftAnswer ?? answer?.value ?? '',
      note: view.draft?.note ?? answer?.note ?? '',
      reminder: EVIDENCE_REMINDER,
      answerLabel: answer ? ANSWER_LABELS[answer.value] : 'Not answered',
      noteText: answer?.note ?? '—',
      buttons,
      // A card holding someone's unsaved draft (a conflict, a refused save) must not be refreshed over it.
      refresh: view.draft ? null : { action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refresh, data: { cv: CHECKLIST_CARD_VERSION, ...data } }, userIds: [context.userId] },
    },
  };
}

function pausedCard(def: ChecklistDefinition, view: Extract<View, { kind: 'paused' }>): CardSpec {
  const p = progress(def, view.snapshot.answers);
  return message({
    title: `Paused at ${view.itemId}`,
    text: `${p.answered} of ${p.total} items are answered for ${view.snapshot.assessment.partnershipName}, and everything saved is kept. Type **checklist**, or press Resume, to carry on from the first unanswered item.`,
    notice: view.notice,
    buttons: [button('Resume', VERBS.resume, ref(view.snapshot), { style: 'positive' }), button('Progress', VERBS.status, ref(view.snapshot))],
  });
}

function statusLine(def: ChecklistDefinition, snapshot: AssessmentSnapshot): string {
  const p = progress(def, snapshot.answers);
  const a = snapshot.assessment;
  if (a.status === 'signed_off') return `Signed off by ${a.signedOffByName ?? 'a chief officer'}${a.signedOffAt ? ` on ${formatDateTime(a.signedOffAt)}` : ''} · ${p.answered} of ${p.total} answered`;
  return `In progress · ${p.answered} of ${p.total} answered · started by ${a.createdByName} on ${formatDateTime(a.createdAt)}`;
}

function versionLine(def: ChecklistDefinition, snapshot: AssessmentSnapshot): string {
  return `Assessment ${snapshot.assessment.id} · checklist version ${snapshot.assessment.checklistVersion}${snapshot.assessment.checklistVersion !== def.version ? ` (current version is ${def.version})` : ''}`;
}

function statusCard(def: ChecklistDefinition, snapshot: AssessmentSnapshot): CardSpec {
  const p = progress(def, snapshot.answers);
  const summary = buildSummary(def, snapshot);
  const open = snapshot.assessment.status === 'in_progress';
  return {
    template: 'checklist-status',
    data: {
      title: heading(snapshot),
      statusLine: statusLine(def, snapshot),
      sections: p.sections.map((s) => ({ title: `${s.id}. ${s.title}`, value: `${s.answered} of ${s.total}${s.answered === s.total ? ' ✓' : ''}` })),
      contributors: `Contributors: ${contributorLine(summary.contributors)}`,
      footer: versionLine(def, snapshot),
      buttons: [...(open && !summary.complete ? [button('Resume', VERBS.resume, ref(snapshot), { style: 'positive' })] : []), button('Summary', VERBS.summary, ref(snapshot))],
    },
  };
}

function summaryCard(def: ChecklistDefinition, snapshot: AssessmentSnapshot, notice?: Notice, national?: ReadonlyMap<string, string>): CardSpec {
  const s = buildSummary(def, snapshot);
  const compare = national && national.size > 0 ? [button('How you compare nationally', VERBS.compare, ref(snapshot))] : [];
  const open = snapshot.assessment.status === 'in_progress';
  const r = ref(snapshot);
  const buttons: Button[] = open
    ? [
        ...(s.candidateActions.length > 0 ? [button('Owners & due dates', VERBS.actions, { ...r, page: 0 })] : []),
        button('Sign off', VERBS.confirmSignOff, { ...r, version: snapshot.assessment.version }, { style: 'positive' }),
        button('Export', VERBS.export, r),
        s.complete
          ? button('Review answers', VERBS.show, { ...r, itemId: walkOrder(def)[0]?.item.id ?? '', revision: 0, checklistVersion: snapshot.assessment.checklistVersion })
          : button('Back to the checklist', VERBS.resume, r),
      ]
    : [button('Export', VERBS.export, r, { style: 'positive' }), button('Reopen', VERBS.confirmReopen, r), button('Start a new assessment', VERBS.startNew, r)];
  return {
    template: 'checklist-summary',
    data: {
      title: `Summary · ${snapshot.assessment.partnershipName}`,
      statusLine: statusLine(def, snapshot),
      ...noticeData(notice),
      sections: s.sections.map((x) => ({ label: `${x.id}. ${truncate(x.title, 40)}`, yes: `${x.counts.yes}`, partly: `${x.counts.partly}`, no: `${x.counts.no}`, dk: `${x.counts['dont-know']}`, none: `${x.counts.unanswered}` })),
      totals: { yes: `${s.totals.yes}`, partly: `${s.totals.partly}`, no: `${s.totals.no}`, dk: `${s.totals['dont-know']}`, none: `${s.totals.unanswered}` },
      actionsTitle: `Candidate actions (No and Partly): ${s.candidateActions.length}`,
      // With many actions the questions are left out to keep the card small; the owners card and the export have them.
      actions: s.candidateActions.map((a) => ({
        text: `**${a.itemId}** · ${ANSWER_LABELS[a.answer.value]}${s.candidateActions.length <= 12 ? ` · ${truncate(a.question, 90)}` : ''}${a.owner || a.dueDate ? ` · Owner: ${truncate(a.owner ?? 'not set', 60)} · Due: ${a.dueDate ? formatDate(a.dueDate) : 'not set'}` : ''}`,
      })),
      followUpsTitle: `To follow up (Don't know): ${s.followUps.length}`,
      followUps: s.followUps.map((f) => ({ text: `**${f.itemId}**${s.followUps.length <= 12 ? ` · ${truncate(f.question, 90)}` : ''}` })),
      unanswered: s.unanswered.length > 0 ? `Not yet answered (${s.unanswered.length}): ${s.unanswered.map((u) => u.itemId).join(', ')}` : '',
      contributors: `Contributors: ${contributorLine(s.contributors)}`,
      footer: versionLine(def, snapshot),
      buttons: [...buttons, ...compare],
    },
  };
}

function actionsCard(def: ChecklistDefinition, view: Extract<View, { kind: 'actions' }>): CardSpec {
  const s = buildSummary(def, view.snapshot);
  const pages = Math.max(1, Math.ceil(s.candidateActions.length / ACTIONS_PAGE_SIZE));
  const rows = s.candidateActions.slice(view.page * ACTIONS_PAGE_SIZE, (view.page + 1) * ACTIONS_PAGE_SIZE);
  const r = ref(view.snapshot);
  const revisions = Object.fromEntries(rows.map((a) => [a.itemId, a.revision]));
  const data = { ...r, page: view.page, rows: revisions };
  return {
    template: 'checklist-actions',
    data: {
      title: `Owners and due dates · ${view.snapshot.assessment.partnershipName}`,
      intro: `For each No or Partly answer, name who will take it forward (a role or name) and by when.${pages > 1 ? ` Page ${view.page + 1} of ${pages}.` : ''}`,
      ...noticeData(view.notice),
      rows: rows.map((a) => ({
        header: `**${a.itemId}** · ${ANSWER_LABELS[a.answer.value]} · ${truncate(a.question, 110)}`,
        ownerId: `owner__${a.itemId}`,
        dueId: `due__${a.itemId}`,
        owner: view.draft?.[a.itemId]?.owner ?? a.owner ?? '',
        due: view.draft?.[a.itemId]?.due ?? a.dueDate ?? '',
      })),
      buttons: [
        button('Save', VERBS.saveActions, { ...data, then: 'summary' }, { inputs: 'auto', style: 'positive' }),
        ...(view.page + 1 < pages ? [button('Save & next page', VERBS.saveActions, { ...data, then: 'next-page' }, { inputs: 'auto' })] : []),
        button('Back to the summary', VERBS.summary, r),
      ],
    },
  };
}
