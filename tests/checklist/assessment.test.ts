/**
 * The walkthrough's rules as pure functions: where next, back and skip lead,
 * where a resume lands, progress, and which submits are refused.
 */
import { describe, expect, it } from 'vitest';
import { afterItem, beforeItem, checkSubmit, cleanNote, firstUnanswered, hintByDefault, isUnchanged, progress, progressLine, resumeAt } from '../../src/checklist/assessment.js';
import { normaliseItemId } from '../../src/checklist/definition.js';
import { answer, answers, assessment, fixture } from './fixture.js';

describe('moving through the checklist', () => {
  it('goes to the next item in order, answered or not, so answers can be reviewed on the way', () => {
    expect(afterItem(fixture, answers(answer('CIS-A2', 'yes')), 'CIS-A1')).toEqual({ kind: 'item', itemId: 'CIS-A2', wrapped: false });
    expect(afterItem(fixture, answers(), 'CIS-A3')).toEqual({ kind: 'item', itemId: 'CIS-B1', wrapped: false });
  });

  it('after the last item wraps round to the first unanswered item other than the one just passed', () => {
    const some = answers(answer('CIS-A1', 'yes'), answer('CIS-A3', 'no'), answer('CIS-B1', 'yes'));
    expect(afterItem(fixture, some, 'CIS-B2')).toEqual({ kind: 'item', itemId: 'CIS-A2', wrapped: true });
    // Skipping the only gap does not loop back to the same card: the summary follows.
    const allButLast = answers(answer('CIS-A1', 'yes'), answer('CIS-A2', 'yes'), answer('CIS-A3', 'no'), answer('CIS-B1', 'yes'));
    expect(afterItem(fixture, allButLast, 'CIS-B2')).toEqual({ kind: 'summary' });
  });

  it('goes back one item, and stays on the first', () => {
    expect(beforeItem(fixture, 'CIS-B1')).toBe('CIS-A3');
    expect(beforeItem(fixture, 'CIS-A1')).toBe('CIS-A1');
  });

  it('resumes at the first unanswered item, or the summary when all are answered', () => {
    expect(resumeAt(fixture, answers())).toEqual({ kind: 'item', itemId: 'CIS-A1', wrapped: false });
    expect(firstUnanswered(fixture, answers(answer('CIS-A1', 'yes'), answer('CIS-A3', 'no')))).toBe('CIS-A2');
    const all = answers(...['CIS-A1', 'CIS-A2', 'CIS-A3', 'CIS-B1', 'CIS-B2'].map((id) => answer(id, 'dont-know')));
    expect(resumeAt(fixture, all)).toEqual({ kind: 'summary' });
  });

  it('counts progress by section and overall, and describes the position', () => {
    const some = answers(answer('CIS-A1', 'yes'), answer('CIS-B2', 'no'));
    expect(progress(fixture, some)).toEqual({
      answered: 2,
      total: 5,
      sections: [
        { id: 'A', title: 'Arrangements', answered: 1, total: 3 },
        { id: 'B', title: 'Leadership', answered: 1, total: 2 },
      ],
    });
    expect(progressLine(fixture, some, 'CIS-B2')).toBe('Section B · item 2 of 2 · 2 of 5 answered');
  });

  it('shows the hint unasked for No and Don\'t know only', () => {
    expect(hintByDefault(answer('CIS-A1', 'no'))).toBe(true);
    expect(hintByDefault(answer('CIS-A1', 'dont-know'))).toBe(true);
    expect(hintByDefault(answer('CIS-A1', 'partly'))).toBe(false);
    expect(hintByDefault(undefined)).toBe(false);
  });

  it('reads item ids loosely', () => {
    expect(['e3', 'CIS-E3', 'cis e3', 'CIS-e03', ' E 3 '].map(normaliseItemId)).toEqual(['CIS-E3', 'CIS-E3', 'CIS-E3', 'CIS-E3', 'CIS-E3']);
    expect(normaliseItemId('E')).toBeUndefined();
    expect(normaliseItemId('status')).toBeUndefined();
  });
});

describe('checking a submit', () => {
  const base = { assessmentId: 'cis-testtest01', itemId: 'CIS-A2', revision: 0, checklistVersion: '1.0' };

  it('accepts a valid answer and cleans the note', () => {
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, answer: 'partly', note: '  Plan\r\nagreed  ' })).toEqual({ ok: true, value: 'partly', note: 'Plan\nagreed' });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, answer: 'yes', note: '   ' })).toEqual({ ok: true, value: 'yes', note: null });
  });

  it('refuses an item that does not exist', () => {
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, itemId: 'CIS-Z9', answer: 'yes' })).toEqual({ ok: false, problem: 'unknown-item' });
  });

  it('refuses a card for another assessment, a closed assessment, or another checklist version', () => {
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, assessmentId: 'cis-other', answer: 'yes' })).toMatchObject({ problem: 'wrong-assessment' });
    expect(checkSubmit(fixture, assessment({ status: 'signed_off' }), answers(), { ...base, answer: 'yes' })).toMatchObject({ problem: 'closed' });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, checklistVersion: '0.9', answer: 'yes' })).toMatchObject({ problem: 'checklist-changed' });
  });

  it('refuses an old revision, returning what is stored now', () => {
    const current = answer('CIS-A2', 'partly', { byName: 'Sam Delegate', revision: 2 });
    expect(checkSubmit(fixture, assessment(), answers(current), { ...base, revision: 1, answer: 'no' })).toEqual({ ok: false, problem: 'stale', current });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, revision: 3, answer: 'no' })).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('asks for an answer, one of the four, and a note within the limit', () => {
    expect(checkSubmit(fixture, assessment(), answers(), { ...base })).toMatchObject({ problem: 'invalid', message: expect.stringMatching(/Choose an answer/) });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, answer: 'maybe' })).toMatchObject({ problem: 'invalid', message: expect.stringMatching(/one of the four/) });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, answer: 'no', note: 'x'.repeat(2001) })).toMatchObject({ problem: 'invalid', message: expect.stringMatching(/2001 characters/) });
    expect(checkSubmit(fixture, assessment(), answers(), { ...base, answer: 'no', note: 'x'.repeat(2000) })).toMatchObject({ ok: true });
  });

  it('knows when a save would change nothing', () => {
    expect(isUnchanged(answer('CIS-A1', 'no', { note: 'n' }), 'no', 'n')).toBe(true);
    expect(isUnchanged(answer('CIS-A1', 'no', { note: 'n' }), 'no', null)).toBe(false);
    expect(isUnchanged(undefined, 'no', null)).toBe(false);
    expect(cleanNote(undefined)).toBeNull();
  });
});
