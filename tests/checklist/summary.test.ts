/**
 * The summary shared by the card and the reports: counts, candidate actions,
 * follow-ups, gaps and contributors.
 */
import { describe, expect, it } from 'vitest';
import { buildSummary, contributorLine } from '../../src/checklist/summary.js';
import { answer, fixture, snapshot } from './fixture.js';

describe('the summary', () => {
  const sam = { byName: 'Sam Delegate', byId: '29:sam' };
  const snap = snapshot([answer('CIS-A1', 'yes'), answer('CIS-A2', 'no', sam), answer('CIS-A3', 'partly'), answer('CIS-B1', 'dont-know', sam)]);
  snap.actions.set('CIS-A2', { itemId: 'CIS-A2', owner: 'Business manager', dueDate: '2026-06-30', updatedByName: 'Alex Chief', updatedAt: '2026-03-02T11:00:00Z', revision: 1 });
  // Sam changed A2 twice: history has an extra row.
  snap.history.push({ ...answer('CIS-A2', 'partly', sam), assessmentVersion: 1 });
  const summary = buildSummary(fixture, snap);

  it('counts answers by section and overall', () => {
    expect(summary.sections).toEqual([
      { id: 'A', title: 'Arrangements', total: 3, counts: { yes: 1, partly: 1, no: 1, 'dont-know': 0, unanswered: 0 } },
      { id: 'B', title: 'Leadership', total: 2, counts: { yes: 0, partly: 0, no: 0, 'dont-know': 1, unanswered: 1 } },
    ]);
    expect(summary.totals).toEqual({ yes: 1, partly: 1, no: 1, 'dont-know': 1, unanswered: 1, total: 5, answered: 4 });
    expect(summary.complete).toBe(false);
  });

  it('lists No and Partly items as candidate actions with their owner and due date', () => {
    expect(summary.candidateActions.map((a) => [a.itemId, a.answer.value, a.owner, a.dueDate, a.revision])).toEqual([
      ['CIS-A2', 'no', 'Business manager', '2026-06-30', 1],
      ['CIS-A3', 'partly', null, null, 0],
    ]);
  });

  it("lists Don't-know items to follow up, and the gaps", () => {
    expect(summary.followUps.map((f) => f.itemId)).toEqual(['CIS-B1']);
    expect(summary.unanswered.map((u) => u.itemId)).toEqual(['CIS-B2']);
  });

  it('names the contributors, most changes first', () => {
    expect(summary.contributors).toEqual([
      { name: 'Sam Delegate', changes: 3, current: 2 },
      { name: 'Alex Chief', changes: 2, current: 2 },
    ]);
    expect(contributorLine(summary.contributors)).toBe('Sam Delegate (3), Alex Chief (2)');
    expect(contributorLine([])).toBe('Nobody yet');
  });
});
