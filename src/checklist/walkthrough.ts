/**
 * The walkthrough's use cases: start, resume, answer, skip, go back, pause,
 * summarise, set owners and dates, sign off, reopen and export.
 *
 * Each one takes who is acting and what their card sent, applies the rules
 * (assessment.ts) and the store, and returns a View: what to show next. It knows
 * nothing of Bot Framework or card JSON, so handlers stay thin and every path,
 * including the refusals, is the same for Action.Execute and Action.Submit.
 * Refusals change nothing and re-show the current state with the reason.
 */
import { afterItem, beforeItem, checkSubmit, cleanNote, isAnswerValue, isUnchanged, locate, resumeAt, type ItemSubmit } from './assessment.js';
import { ANSWER_LABELS, normaliseItemId, type ChecklistDefinition } from './definition.js';
import { isIsoDate, whenPhrase } from './format.js';
import type { ReportLinks } from './reportLinks.js';
import { buildSummary } from './summary.js';
import {
  ActionConflictError,
  AnswerConflictError,
  AssessmentClosedError,
  AssessmentVersionConflictError,
  type AnswerRecord,
  type AssessmentRecord,
  type AssessmentSnapshot,
  type OwnerKind,
  type Person,
} from './types.js';
import type { AssessmentStore } from '../storage/assessmentStore.js';

/** What the bot holds for the checklist: the definition (absent when not installed) and the link signer. */
export interface ChecklistServices {
  definition?: ChecklistDefinition;
  links: ReportLinks;
}

export const ACTIONS_PAGE_SIZE = 10;
export const OWNER_MAX_LENGTH = 100;

export interface Actor {
  person: Person;
  space: { key: string; kind: OwnerKind };
  tenantId: string | null;
}

export interface WalkthroughContext {
  definition: ChecklistDefinition;
  store: AssessmentStore;
  now?: () => Date;
  /** Returns a reason when a note must not be saved (it seems to identify a child or family). */
  screenText?: (text: string) => string | undefined;
}

export interface Notice {
  style: 'good' | 'warning' | 'attention' | 'accent';
  text: string;
}

export interface Draft {
  answer?: string;
  note?: string;
}

export type View =
  | { kind: 'name'; startAt?: string; notice?: Notice; draftName?: string }
  | { kind: 'item'; snapshot: AssessmentSnapshot; itemId: string; notice?: Notice; draft?: Draft }
  | { kind: 'paused'; snapshot: AssessmentSnapshot; itemId: string; notice?: Notice }
  | { kind: 'summary'; snapshot: AssessmentSnapshot; notice?: Notice }
  | { kind: 'status'; snapshot: AssessmentSnapshot }
  | { kind: 'actions'; snapshot: AssessmentSnapshot; page: number; notice?: Notice; draft?: Record<string, { owner?: string; due?: string }> }
  | { kind: 'confirm-signoff'; snapshot: AssessmentSnapshot }
  | { kind: 'confirm-reopen'; snapshot: AssessmentSnapshot }
  | { kind: 'export'; snapshot: AssessmentSnapshot; links: { md: string; csv: string }; expiresAt: Date }
  | { kind: 'message'; title: string; text: string; offerStart?: boolean }
  | { kind: 'compare'; snapshot: AssessmentSnapshot };

/** The fields every walkthrough card carries so a submit can be checked against what it showed. */
export interface CardRef {
  assessmentId: string;
  itemId?: string;
  revision?: number;
  checklistVersion?: string;
  version?: number;
}

const NOT_HERE: View = {
  kind: 'message',
  title: 'That checklist is not available here',
  text: 'That card belongs to a checklist for a different team, chat or person, so nothing was changed. Type **checklist** to open the checklist for this conversation.',
};

export function walkthrough(ctx: WalkthroughContext) {
  const { definition: def, store } = ctx;
  const now = () => (ctx.now ? ctx.now() : new Date());

  /** The assessment a card refers to, if it belongs to the actor's space; in-progress ones are moved onto the current checklist version. */
  async function load(actor: Actor, assessmentId: string, known?: AssessmentRecord): Promise<AssessmentSnapshot | undefined> {
    const found = known ?? (await store.get(assessmentId));
    if (!found || found.ownerKey !== actor.space.key) return undefined;
    if (found.status === 'in_progress' && found.checklistVersion !== def.version) {
      return store.snapshot(found.id, await store.updateChecklistVersion({ assessmentId: found.id, from: found.checklistVersion, to: def.version, by: actor.person, at: now() }));
    }
    return store.snapshot(found.id, found);
  }

  async function currentFor(actor: Actor): Promise<AssessmentSnapshot | undefined> {
    const current = await store.current(actor.space.key);
    return current ? load(actor, current.id, current) : undefined;
  }

  /** Where a resume lands, as a view. */
  function resumeView(snapshot: AssessmentSnapshot, notice?: Notice): View {
    if (snapshot.assessment.status === 'signed_off') return { kind: 'summary', snapshot, notice: notice ?? signedOffNotice(snapshot) };
    const to = resumeAt(def, snapshot.answers);
    if (to.kind === 'summary') {
      return { kind: 'summary', snapshot, notice: notice ?? { style: 'good', text: `All ${def.sections.reduce((n, s) => n + s.items.length, 0)} items are answered. Review the summary, add owners and due dates to the candidate actions, then a chief officer can sign off.` } };
    }
    return { kind: 'item', snapshot, itemId: to.itemId, notice };
  }

  function closedView(snapshot: AssessmentSnapshot): View {
    return { kind: 'summary', snapshot, notice: { style: 'warning', text: `${signedOffNotice(snapshot).text} Nothing was changed.` } };
  }

  function signedOffNotice(snapshot: AssessmentSnapshot): Notice {
    const a = snapshot.assessment;
    const when = a.signedOffAt ? ` ${whenPhrase(a.signedOffAt, now())}` : '';
    return { style: 'accent', text: `This assessment was signed off by ${a.signedOffByName ?? 'a chief officer'}${when}, so it is read-only. A chief officer can reopen it from the summary.` };
  }

  function conflictNotice(current: AnswerRecord, mine?: { value: string }): Notice {
    const theirs = `${ANSWER_LABELS[current.value]}${current.note ? ` (evidence note: "${truncate(current.note, 160)}")` : ''}`;
    const yours = mine && isAnswerValue(mine.value) ? ` Your answer, ${ANSWER_LABELS[mine.value]}, was not saved.` : '';
    return {
      style: 'attention',
      text: `${current.byName} answered this ${whenPhrase(current.at, now())} while you were editing. Their answer: ${theirs}.${yours} Review and save again.`,
    };
  }

  function savedNotice(itemId: string, answer: AnswerRecord): Notice {
    const item = locate(def, itemId)?.item;
    const base = `Saved ${itemId}: ${ANSWER_LABELS[answer.value]}.`;
    if (item && (answer.value === 'no' || answer.value === 'dont-know')) {
      return { style: 'good', text: `${base} Why it matters: ${item.why} Suggested evidence: ${item.evidence.join('; ')}.` };
    }
    return { style: 'good', text: base };
  }

  /** After a save or skip: the next item, a wrap-round to what is left, or the summary. */
  function nextView(snapshot: AssessmentSnapshot, fromItemId: string, notice?: Notice): View {
    const to = afterItem(def, snapshot.answers, fromItemId);
    if (to.kind === 'summary') return resumeView(snapshot, notice ? { ...notice, text: `${notice.text} Every item now has an answer: here is the summary.` } : undefined);
    if (!to.wrapped) return { kind: 'item', snapshot, itemId: to.itemId, notice };
    const left = def.sections.flatMap((s) => s.items).filter((i) => !snapshot.answers.has(i.id)).length;
    const wrap = `That was the last item. ${left} ${left === 1 ? 'item is' : 'items are'} still unanswered; here is the first.`;
    return { kind: 'item', snapshot, itemId: to.itemId, notice: { style: notice?.style ?? 'accent', text: notice ? `${notice.text} ${wrap}` : wrap } };
  }

  /** Save an item's answer from a card; shared by Save & next and Pause. */
  async function saveItem(actor: Actor, submit: ItemSubmit, then: 'next' | 'pause'): Promise<View> {
    const snapshot = await load(actor, submit.assessmentId);
    if (!snapshot) return NOT_HERE;
    const check = checkSubmit(def, snapshot.assessment, snapshot.answers, submit);
    const draft = { answer: submit.answer, note: submit.note };
    if (!check.ok) {
      switch (check.problem) {
        case 'wrong-assessment':
          return NOT_HERE;
        case 'closed':
          return closedView(snapshot);
        case 'unknown-item':
          return resumeView(snapshot, { style: 'warning', text: `There is no item ${truncate(submit.itemId, 20)} in this checklist, so nothing was saved. Here is where you left off.` });
        case 'checklist-changed':
          return { kind: 'item', snapshot, itemId: submit.itemId, draft, notice: { style: 'warning', text: 'The checklist was updated since this card was shown, so nothing was saved. Please check the question and save again.' } };
        case 'stale': {
          const note = cleanNote(submit.note);
          // Two people giving the same answer is agreement, not a conflict.
          if (isAnswerValue(submit.answer) && isUnchanged(check.current, submit.answer, note)) {
            return then === 'pause' ? { kind: 'paused', snapshot, itemId: submit.itemId } : nextView(snapshot, submit.itemId, savedNotice(submit.itemId, check.current));
          }
          return { kind: 'item', snapshot, itemId: submit.itemId, draft, notice: conflictNotice(check.current, { value: submit.answer ?? '' }) };
        }
        case 'invalid':
          if (then === 'pause' && !submit.answer) return { kind: 'paused', snapshot, itemId: submit.itemId };
          return { kind: 'item', snapshot, itemId: submit.itemId, draft, notice: { style: 'attention', text: check.message } };
      }
    }
    const screened = check.note ? ctx.screenText?.(check.note) : undefined;
    if (screened) return { kind: 'item', snapshot, itemId: submit.itemId, draft, notice: { style: 'attention', text: `${screened} Nothing was saved.` } };

    const existing = snapshot.answers.get(submit.itemId);
    let saved: AnswerRecord;
    let after = snapshot;
    if (isUnchanged(existing, check.value, check.note)) {
      saved = existing!;
    } else {
      try {
        const change = await store.saveAnswer({ assessmentId: snapshot.assessment.id, itemId: submit.itemId, value: check.value, note: check.note, expectedRevision: submit.revision, by: actor.person, at: now() });
        saved = change;
        after = await store.snapshotAt(snapshot.assessment.id, change.assessmentVersion);
      } catch (error) {
        const fresh = await store.snapshot(snapshot.assessment.id);
        if (error instanceof AnswerConflictError) {
          if (isUnchanged(error.current, check.value, check.note)) return nextView(fresh, submit.itemId, savedNotice(submit.itemId, error.current));
          return { kind: 'item', snapshot: fresh, itemId: submit.itemId, draft, notice: conflictNotice(error.current, { value: check.value }) };
        }
        if (error instanceof AssessmentClosedError) return closedView(fresh);
        throw error;
      }
    }
    if (then === 'pause') return { kind: 'paused', snapshot: after, itemId: submit.itemId, notice: savedNotice(submit.itemId, saved) };
    // The answer that fills the last gap leads to the summary, wherever that gap was.
    if (!existing && resumeAt(def, after.answers).kind === 'summary') return resumeView(after, { ...savedNotice(submit.itemId, saved), text: `${savedNotice(submit.itemId, saved).text} Every item now has an answer: here is the summary.` });
    return nextView(after, submit.itemId, savedNotice(submit.itemId, saved));
  }

  /** Navigation from a card (back, skip, open, refresh): never writes, so it also works on a signed-off assessment. */
  async function navigate(actor: Actor, ref: CardRef, where: 'back' | 'skip' | 'here'): Promise<View> {
    const snapshot = await load(actor, ref.assessmentId);
    if (!snapshot) return NOT_HERE;
    if (!ref.itemId || !locate(def, ref.itemId)) {
      return resumeView(snapshot, ref.itemId ? { style: 'warning', text: `There is no item ${truncate(ref.itemId, 20)} in this checklist. Here is where you left off.` } : undefined);
    }
    if (where === 'back') return { kind: 'item', snapshot, itemId: beforeItem(def, ref.itemId) };
    if (where === 'skip') {
      const to = afterItem(def, snapshot.answers, ref.itemId);
      if (snapshot.assessment.status === 'signed_off' && to.kind === 'item' && to.wrapped) return { kind: 'summary', snapshot, notice: signedOffNotice(snapshot) };
      return nextView(snapshot, ref.itemId);
    }
    return { kind: 'item', snapshot, itemId: ref.itemId };
  }

  async function summaryFor(actor: Actor, assessmentId: string, notice?: Notice): Promise<View> {
    const snapshot = await load(actor, assessmentId);
    if (!snapshot) return NOT_HERE;
    return { kind: 'summary', snapshot, notice: notice ?? (snapshot.assessment.status === 'signed_off' ? signedOffNotice(snapshot) : undefined) };
  }

  function versionConflictNotice(error: AssessmentVersionConflictError): Notice {
    const changes = error.changes.slice(-5).map((c) => `${c.byName} answered ${c.itemId} (${ANSWER_LABELS[c.value]}) ${whenPhrase(c.at, now())}`);
    const what = changes.length > 0 ? ` ${changes.join('; ')}${error.changes.length > 5 ? `; and ${error.changes.length - 5} more` : ''}.` : '';
    return { style: 'attention', text: `The assessment changed since this card was shown, so nothing was done.${what} Review the updated summary and try again.` };
  }

  async function confirmSignOff(actor: Actor, ref: CardRef): Promise<View> {
    const snapshot = await load(actor, ref.assessmentId);
    if (!snapshot) return NOT_HERE;
    if (snapshot.assessment.status === 'signed_off') return closedView(snapshot);
    const gaps = buildSummary(def, snapshot).unanswered;
    if (gaps.length > 0) {
      const ids = gaps.slice(0, 8).map((g) => g.itemId).join(', ');
      return { kind: 'summary', snapshot, notice: { style: 'warning', text: `${gaps.length} ${gaps.length === 1 ? 'item is' : 'items are'} still unanswered (${ids}${gaps.length > 8 ? ', …' : ''}). Answer them, or choose Don't know, before signing off.` } };
    }
    if (ref.version !== undefined && ref.version !== snapshot.assessment.version) {
      const changes = await store.changesSince(snapshot.assessment.id, ref.version);
      return { kind: 'summary', snapshot, notice: versionConflictNotice(new AssessmentVersionConflictError(snapshot.assessment, changes)) };
    }
    return { kind: 'confirm-signoff', snapshot };
  }

  return {
    /** `checklist` and `checklist CIS-E3`: open the space's assessment, or ask for the partnership's name. */
    async open(actor: Actor, itemText?: string): Promise<View> {
      let itemId: string | undefined;
      if (itemText !== undefined) {
        itemId = normaliseItemId(itemText);
        if (!itemId || !locate(def, itemId)) {
          const first = def.sections[0]?.items[0]?.id;
          const last = def.sections.at(-1)?.items.at(-1)?.id;
          return { kind: 'message', title: 'No such checklist item', text: `There is no item ${truncate(itemText.toUpperCase(), 20)} in the checklist. Items run from ${first} to ${last}; type **checklist status** to see the sections.` };
        }
      }
      const snapshot = await currentFor(actor);
      if (!snapshot) return { kind: 'name', startAt: itemId };
      if (itemId) return { kind: 'item', snapshot, itemId, notice: snapshot.assessment.status === 'signed_off' ? signedOffNotice(snapshot) : undefined };
      const answered = snapshot.answers.size;
      return resumeView(snapshot, answered > 0 && snapshot.assessment.status === 'in_progress' ? { style: 'accent', text: `Welcome back. ${answered} of ${def.sections.reduce((n, s) => n + s.items.length, 0)} items are answered; here is the first one still open.` } : undefined);
    },

    /** The name card's Start button: create the space's assessment (or join the one a colleague just started). */
    async start(actor: Actor, input: { partnershipName?: string; startAt?: string }): Promise<View> {
      const startAt = input.startAt && locate(def, input.startAt) ? input.startAt : undefined;
      const existing = await currentFor(actor);
      if (existing && existing.assessment.status === 'in_progress') {
        const notice: Notice = { style: 'accent', text: `${existing.assessment.createdByName} already started this checklist for ${existing.assessment.partnershipName}; you are contributing to it.` };
        return startAt ? { kind: 'item', snapshot: existing, itemId: startAt, notice } : resumeView(existing, notice);
      }
      const name = (input.partnershipName ?? '').replace(/\s+/g, ' ').trim();
      const problem = partnershipNameProblem(name) ?? (name ? ctx.screenText?.(name) : undefined);
      if (problem) return { kind: 'name', startAt, draftName: input.partnershipName, notice: { style: 'attention', text: problem } };
      const { assessment, created } = await store.create({
        ownerKey: actor.space.key,
        ownerKind: actor.space.kind,
        tenantId: actor.tenantId,
        partnershipName: name,
        checklistVersion: def.version,
        by: actor.person,
        at: now(),
      });
      const snapshot = await store.snapshot(assessment.id);
      const notice: Notice = created
        ? { style: 'good', text: `Started the checklist for ${assessment.partnershipName}. Answers are saved as you go; ${actor.space.kind === 'personal' ? 'this is your own draft.' : 'everyone in this conversation can contribute.'}` }
        : { style: 'accent', text: `${assessment.createdByName} already started this checklist for ${assessment.partnershipName}; you are contributing to it.` };
      return startAt ? { kind: 'item', snapshot, itemId: startAt, notice } : resumeView(snapshot, notice);
    },

    save: (actor: Actor, submit: ItemSubmit) => saveItem(actor, submit, 'next'),
    pause: (actor: Actor, submit: ItemSubmit) => saveItem(actor, submit, 'pause'),
    back: (actor: Actor, ref: CardRef) => navigate(actor, ref, 'back'),
    skip: (actor: Actor, ref: CardRef) => navigate(actor, ref, 'skip'),
    /** Open the item a card names (Resume, refresh, links from the summary). */
    show: (actor: Actor, ref: CardRef) => navigate(actor, ref, 'here'),

    /** Resume from a card: the first unanswered item of that assessment. */
    async resume(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      return snapshot ? resumeView(snapshot) : NOT_HERE;
    },

    /** `checklist status`: progress by section for the space's assessment. */
    async status(actor: Actor): Promise<View> {
      const snapshot = await currentFor(actor);
      return snapshot ? { kind: 'status', snapshot } : { kind: 'message', title: 'No checklist yet', text: 'Nobody has started the Checklist for Independent Scrutiny here yet.', offerStart: true };
    },

    /** `checklist summary` (typed): the space's current assessment. */
    async summaryHere(actor: Actor): Promise<View> {
      const snapshot = await currentFor(actor);
      if (!snapshot) return { kind: 'message', title: 'No checklist yet', text: 'Nobody has started the Checklist for Independent Scrutiny here yet.', offerStart: true };
      return summaryFor(actor, snapshot.assessment.id);
    },

    summary: (actor: Actor, ref: CardRef) => summaryFor(actor, ref.assessmentId),

    /** The summary's "How you compare nationally": each answer beside the national figure (filled in by the card). */
    async compare(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      return snapshot ? { kind: 'compare', snapshot } : NOT_HERE;
    },

    async actions(actor: Actor, ref: CardRef & { page?: number }): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      if (snapshot.assessment.status === 'signed_off') return closedView(snapshot);
      return { kind: 'actions', snapshot, page: clampPage(ref.page ?? 0, buildSummary(def, snapshot).candidateActions.length) };
    },

    /**
     * Save owners and due dates from the actions card. Only rows whose values
     * differ from what is stored are written; a row someone else changed since
     * the card was shown makes the whole save a conflict, shown row by row.
     */
    async saveActions(actor: Actor, input: { assessmentId: string; page: number; revisions: Record<string, number>; values: Record<string, { owner?: string; due?: string }>; then: 'summary' | 'next-page' }): Promise<View> {
      const snapshot = await load(actor, input.assessmentId);
      if (!snapshot) return NOT_HERE;
      if (snapshot.assessment.status === 'signed_off') return closedView(snapshot);
      const summary = buildSummary(def, snapshot);
      const candidates = new Map(summary.candidateActions.map((c) => [c.itemId, c]));
      const rows: Array<{ itemId: string; owner: string | null; dueDate: string | null; expectedRevision: number }> = [];
      const problems: string[] = [];
      for (const [itemId, revision] of Object.entries(input.revisions)) {
        const candidate = candidates.get(itemId);
        if (!candidate) continue; // no longer a No/Partly item: nothing to set
        // An input the client did not send keeps its stored value; an emptied one clears it.
        const value = input.values[itemId] ?? {};
        const owner = value.owner === undefined ? candidate.owner : value.owner.replace(/\s+/g, ' ').trim() || null;
        const dueDate = value.due === undefined ? candidate.dueDate : value.due.trim() || null;
        if (owner && owner.length > OWNER_MAX_LENGTH) problems.push(`${itemId}: keep the owner under ${OWNER_MAX_LENGTH} characters (a name or role).`);
        const screened = owner ? ctx.screenText?.(owner) : undefined;
        if (screened) problems.push(`${itemId}: ${screened}`);
        if (dueDate && !isIsoDate(dueDate)) problems.push(`${itemId}: the due date must be a date.`);
        if (owner === candidate.owner && dueDate === candidate.dueDate) continue;
        rows.push({ itemId, owner, dueDate, expectedRevision: revision });
      }
      if (problems.length > 0) return { kind: 'actions', snapshot, page: input.page, draft: input.values, notice: { style: 'attention', text: `Nothing was saved. ${problems.join(' ')}` } };
      try {
        await store.saveActions({ assessmentId: snapshot.assessment.id, rows, by: actor.person, at: now() });
      } catch (error) {
        const fresh = await store.snapshot(snapshot.assessment.id);
        if (error instanceof ActionConflictError) {
          const who = error.current.map((a) => `${a.updatedByName} changed ${a.itemId} ${whenPhrase(a.updatedAt, now())} (owner: ${a.owner ?? 'none'}, due: ${a.dueDate ?? 'none'})`).join('; ');
          return { kind: 'actions', snapshot: fresh, page: input.page, draft: input.values, notice: { style: 'attention', text: `Nothing was saved: ${who} while you were editing. Review and save again.` } };
        }
        if (error instanceof AssessmentClosedError) return closedView(fresh);
        throw error;
      }
      const fresh = await store.snapshot(snapshot.assessment.id);
      const saved = rows.length === 0 ? 'Nothing had changed.' : `Saved owners and due dates for ${rows.map((r) => r.itemId).join(', ')}.`;
      const pages = Math.ceil(buildSummary(def, fresh).candidateActions.length / ACTIONS_PAGE_SIZE);
      if (input.then === 'next-page' && input.page + 1 < pages) return { kind: 'actions', snapshot: fresh, page: input.page + 1, notice: { style: 'good', text: saved } };
      return { kind: 'summary', snapshot: fresh, notice: { style: 'good', text: saved } };
    },

    confirmSignOff,

    async signOff(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      if (snapshot.assessment.status === 'signed_off') return closedView(snapshot);
      if (buildSummary(def, snapshot).unanswered.length > 0 || ref.version === undefined) return confirmSignOff(actor, ref);
      try {
        await store.signOff({ assessmentId: snapshot.assessment.id, expectedVersion: ref.version, by: actor.person, at: now() });
      } catch (error) {
        const fresh = await store.snapshot(snapshot.assessment.id);
        if (error instanceof AssessmentVersionConflictError) return { kind: 'summary', snapshot: fresh, notice: versionConflictNotice(error) };
        if (error instanceof AssessmentClosedError) return closedView(fresh);
        throw error;
      }
      const fresh = await store.snapshot(snapshot.assessment.id);
      return { kind: 'summary', snapshot: fresh, notice: { style: 'good', text: `Signed off by ${actor.person.name}. The assessment is now read-only; export it to attach to the scrutiny plan or yearly report.` } };
    },

    async confirmReopen(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      if (snapshot.assessment.status !== 'signed_off') return { kind: 'summary', snapshot, notice: { style: 'accent', text: 'This assessment is already open for answers.' } };
      return { kind: 'confirm-reopen', snapshot };
    },

    async reopen(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      if (snapshot.assessment.status !== 'signed_off') return { kind: 'summary', snapshot, notice: { style: 'accent', text: 'This assessment is already open for answers.' } };
      const latest = await store.current(actor.space.key);
      if (latest && latest.id !== snapshot.assessment.id) {
        return { kind: 'summary', snapshot, notice: { style: 'warning', text: 'A newer assessment has been started here, so this one stays signed off. Type **checklist** to open the newer one.' } };
      }
      try {
        await store.reopen({ assessmentId: snapshot.assessment.id, expectedVersion: ref.version ?? -1, by: actor.person, at: now() });
      } catch (error) {
        if (error instanceof AssessmentVersionConflictError) return { kind: 'summary', snapshot: await store.snapshot(snapshot.assessment.id), notice: versionConflictNotice(error) };
        throw error;
      }
      const fresh = await store.snapshot(snapshot.assessment.id);
      return { kind: 'summary', snapshot: fresh, notice: { style: 'good', text: `Reopened by ${actor.person.name}. Answers can be changed again; the earlier sign-off stays on record. Sign off again when you are ready.` } };
    },

    /** After a sign-off: start next year's assessment in the same space. */
    async startNew(actor: Actor, ref: CardRef): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      const latest = await currentFor(actor);
      if (latest && latest.assessment.status === 'in_progress') return resumeView(latest, { style: 'accent', text: 'An assessment is already in progress here.' });
      return { kind: 'name', draftName: snapshot.assessment.partnershipName };
    },

    /** Signed download links for the Markdown and CSV reports. */
    async export(actor: Actor, ref: CardRef, links: ReportLinks, baseUrl: string): Promise<View> {
      const snapshot = await load(actor, ref.assessmentId);
      if (!snapshot) return NOT_HERE;
      const md = links.sign(snapshot.assessment.id, 'md', now());
      const csv = links.sign(snapshot.assessment.id, 'csv', now());
      const base = baseUrl.replace(/\/+$/, '');
      return { kind: 'export', snapshot, links: { md: `${base}/reports/${md.token}`, csv: `${base}/reports/${csv.token}` }, expiresAt: md.expiresAt };
    },
  };
}
export type Walkthrough = ReturnType<typeof walkthrough>;

/** A partnership name is a short label, not a place for case details. */
export function partnershipNameProblem(name: string): string | undefined {
  const example = 'for example "Anytown Safeguarding Children Partnership"';
  if (name.length < 2 || name.length > 100) return `Please give the partnership's name in 2 to 100 characters, ${example}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>]/.test(name) || /@/.test(name) || /\d{5,}/.test(name)) return `Please give just the partnership's name, ${example}.`;
  return undefined;
}

function clampPage(page: number, count: number): number {
  const pages = Math.max(1, Math.ceil(count / ACTIONS_PAGE_SIZE));
  return Math.min(Math.max(0, Math.floor(page)), pages - 1);
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

