/**
 * The check for Teams' chart elements, which the Adaptive Cards SDK does not
 * know: a well-formed chart with a fallback passes, and the SDK then validates
 * what a client without charts would render instead.
 */
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../support/validateCard.js';

const card = (element: Record<string, unknown>) => ({ type: 'AdaptiveCard', version: '1.5', body: [element] });
const stacked = (sets: number, extra: Record<string, unknown> = {}) => ({
  type: 'Chart.HorizontalBar.Stacked',
  title: 'Weakest items',
  data: Array.from({ length: sets }, (_, i) => ({ title: `CIS-A${i + 1}`, data: [{ legend: 'Yes', value: 3, color: 'good' }] })),
  fallback: { type: 'TextBlock', text: 'Figures below.' },
  ...extra,
});

describe('Teams chart elements in card tests', () => {
  it('pass when well formed with a text fallback', () => {
    expect(cardProblems(card(stacked(4)))).toEqual([]);
  });

  it('fail without a fallback, with more than four data sets, or with a colour Teams does not know', () => {
    expect(cardProblems(card(stacked(2, { fallback: undefined })))).toEqual([expect.stringMatching(/fallback/)]);
    expect(cardProblems(card(stacked(5)))).toEqual([expect.stringMatching(/at most four data sets/)]);
    expect(cardProblems(card({ ...stacked(1), data: [{ title: 'A', data: [{ legend: 'Yes', value: 1, color: 'pink' }] }] }))).toEqual([expect.stringMatching(/color/)]);
    expect(cardProblems(card({ type: 'Chart.Bogus', data: [], fallback: 'drop' }))).toEqual([expect.stringMatching(/not a chart type Teams renders/)]);
  });

  it('hand the SDK the fallback, so a broken fallback fails too', () => {
    expect(cardProblems(card(stacked(1, { fallback: { type: 'Bogus' } }))).length).toBeGreaterThan(0);
  });
});
