/**
 * The walkthrough's use cases against a real (SQLite) store and the small
 * fixture checklist: the paths the conversation tests do not reach.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCardTemplates } from '../../src/cards/renderCard.js';
import { checklistCard } from '../../src/checklist/cards.js';
import { partnershipNameProblem, walkthrough, type Actor, type View } from '../../src/checklist/walkthrough.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { cardProblems } from '../support/validateCard.js';
import { checklistSamples } from './cardSamples.js';
import { fixture } from './fixture.js';

const alex: Actor = { person: { id: '29:alex', name: 'Alex Chief' }, space: { key: 'team:1', kind: 'team' }, tenantId: 't' };
const sam: Actor = { ...alex, person: { id: '29:sam', name: 'Sam Delegate' } };

let storage: Storage;
beforeEach(async () => {
  storage = await openStorage({ dataDir: mkdtempSync(join(tmpdir(), 'lscp-walk-')) });
});
afterEach(() => storage.close());

const wt = () => walkthrough({ definition: fixture, store: storage.assessments });
const itemOf = (view: View) => (view.kind === 'item' ? view.itemId : view.kind);
const noticeOf = (view: View) => ('notice' in view ? view.notice?.text : undefined) ?? '';

async function started() {
  const view = await wt().start(alex, { partnershipName: 'Anytown SCP' });
  if (view.kind !== 'item') throw new Error(`expected an item, got ${view.kind}`);
  return view.snapshot.assessment.id;
}

describe('the walkthrough', () => {
  it('asks for a name first, then joins rather than duplicates when a colleague already started', async () => {
    expect(await wt().open(alex)).toEqual({ kind: 'name', startAt: undefined });
    await started();
    const joined = await wt().start(sam, { partnershipName: 'Another name' });
    expect(itemOf(joined)).toBe('CIS-A1');
    expect(noticeOf(joined)).toMatch(/Alex Chief already started this checklist for Anytown SCP; you are contributing to it/);
    expect(await storage.assessments.list()).toHaveLength(1);
  });

  it('moves an open assessment onto a newer checklist version and keeps the answers', async () => {
    const { assessment } = await storage.assessments.create({ ownerKey: 'team:1', ownerKind: 'team', tenantId: null, partnershipName: 'Old SCP', checklistVersion: '0.9', by: alex.person });
    await storage.assessments.saveAnswer({ assessmentId: assessment.id, itemId: 'CIS-A1', value: 'yes', note: null, expectedRevision: 0, by: alex.person });
    const view = await wt().open(alex);
    expect(itemOf(view)).toBe('CIS-A2');
    const snap = await storage.assessments.snapshot(assessment.id);
    expect(snap.assessment.checklistVersion).toBe('1.0');
    expect(snap.answers.get('CIS-A1')?.value).toBe('yes');
    expect(snap.events.map((e) => [e.kind, e.detail])).toContainEqual(['checklist_updated', '0.9 → 1.0']);
  });

  it('wraps round to the gaps at the end, then shows the summary once all are answered', async () => {
    const id = await started();
    const save = (itemId: string, revision = 0) => wt().save(alex, { assessmentId: id, itemId, revision, checklistVersion: '1.0', answer: 'partly' });
    await save('CIS-A1');
    const skipped = await wt().skip(alex, { assessmentId: id, itemId: 'CIS-A2' });
    expect(itemOf(skipped)).toBe('CIS-A3');
    await save('CIS-A3');
    await save('CIS-B1');
    const wrapped = await save('CIS-B2');
    expect(itemOf(wrapped)).toBe('CIS-A2');
    expect(noticeOf(wrapped)).toMatch(/That was the last item\. 1 item is still unanswered; here is the first\./);
    const done = await save('CIS-A2');
    expect(done.kind).toBe('summary');
    expect(noticeOf(done)).toMatch(/Every item now has an answer/);
  });

  it('refuses to sign off with gaps, and starts next year\'s assessment after a sign-off', async () => {
    const id = await started();
    const gaps = await wt().confirmSignOff(alex, { assessmentId: id, version: 1 });
    expect(gaps.kind).toBe('summary');
    expect(noticeOf(gaps)).toMatch(/5 items are still unanswered \(CIS-A1, CIS-A2, CIS-A3, CIS-B1, CIS-B2\)/);
    for (const itemId of ['CIS-A1', 'CIS-A2', 'CIS-A3', 'CIS-B1', 'CIS-B2']) await wt().save(alex, { assessmentId: id, itemId, revision: 0, checklistVersion: '1.0', answer: 'yes' });
    const version = (await storage.assessments.get(id))!.version;
    expect((await wt().confirmSignOff(alex, { assessmentId: id, version })).kind).toBe('confirm-signoff');
    const signed = await wt().signOff(alex, { assessmentId: id, version });
    expect(noticeOf(signed)).toMatch(/Signed off by Alex Chief/);

    const next = await wt().startNew(sam, { assessmentId: id });
    expect(next).toMatchObject({ kind: 'name', draftName: 'Anytown SCP' });
    const second = await wt().start(sam, { partnershipName: 'Anytown SCP' });
    expect(itemOf(second)).toBe('CIS-A1');
    expect(await storage.assessments.list()).toHaveLength(2);
    // The old one cannot be reopened while the new one is in progress.
    const blocked = await wt().reopen(alex, { assessmentId: id, version: version + 1 });
    expect(noticeOf(blocked)).toMatch(/A newer assessment has been started here/);
    expect((await storage.assessments.get(id))!.status).toBe('signed_off');
  });

  it('keeps cards for one space away from another space', async () => {
    const id = await started();
    const stranger: Actor = { ...alex, space: { key: 'team:2', kind: 'team' } };
    for (const view of [await wt().summary(stranger, { assessmentId: id }), await wt().export(stranger, { assessmentId: id }, { sign: () => ({ token: 't', expiresAt: new Date() }), verify: () => ({ ok: false, reason: 'forged' }), ttlMinutes: 1 }, 'http://x')]) {
      expect(view).toMatchObject({ kind: 'message', title: 'That checklist is not available here' });
    }
  });

  it('accepts ordinary partnership names and refuses odd ones', () => {
    expect(partnershipNameProblem('Anytown SCP')).toBeUndefined();
    expect(partnershipNameProblem("Barking & Dagenham, Havering and Redbridge Safeguarding Children's Partnership")).toBeUndefined();
    expect(partnershipNameProblem('A')).toMatch(/2 to 100/);
    expect(partnershipNameProblem('x'.repeat(101))).toMatch(/2 to 100/);
    expect(partnershipNameProblem('jo@example.org')).toMatch(/just the partnership's name/);
    expect(partnershipNameProblem('<b>bold</b>')).toMatch(/just the partnership's name/);
  });
});

describe('checklist cards', () => {
  it('stay well under the Teams message limit even at their largest', () => {
    const renderer = loadCardTemplates(join(import.meta.dirname, '..', '..', 'cards'));
    const sizes = Object.entries(checklistSamples).flatMap(([name, list]) => list.map((data) => [name, Buffer.byteLength(JSON.stringify(renderer.render(name, data)))] as const));
    expect(sizes.length).toBeGreaterThan(15);
    for (const [name, size] of sizes) expect(size, name).toBeLessThan(16_000);
  });

  it('draw every view of the fixture checklist as a valid card', async () => {
    const renderer = loadCardTemplates(join(import.meta.dirname, '..', '..', 'cards'));
    const id = await started();
    const snapshot = await storage.assessments.snapshot(id);
    const views: View[] = [{ kind: 'name' }, { kind: 'item', snapshot, itemId: 'CIS-B2' }, { kind: 'status', snapshot }, { kind: 'summary', snapshot }, { kind: 'actions', snapshot, page: 0 }];
    for (const view of views) {
      const spec = checklistCard(fixture, view, { userId: '29:alex', spaceKind: 'team' });
      expect(cardProblems(renderer.render(spec.template, spec.data)), view.kind).toEqual([]);
    }
  });
});
