/**
 * The national picture's rules, on literals: counts per item and section,
 * suppression at the boundary, sections that add up only what is shown, and
 * the weakest items.
 */
import { describe, expect, it } from 'vitest';
import { nationalComparison, nationalPicture, type AnswerTally, type NationalTallies } from '../../src/insight/national.js';
import { fewerThan, shown } from '../../src/insight/suppression.js';
import { realChecklist } from '../checklist/cardSamples.js';

const def = realChecklist();

function tallies(answers: Array<[string, string, number]>, sections: Record<string, number>, partnerships: number): NationalTallies {
  return {
    answers: answers.map(([itemId, value, n]): AnswerTally => ({ itemId, value, partnerships: n })),
    sections: Object.entries(sections).map(([sectionId, n]) => ({ sectionId, partnerships: n })),
    partnerships,
  };
}

describe('small-number suppression', () => {
  it('shows a figure from the minimum up, never below it', () => {
    expect(shown(4, 5, () => 'x')).toBeNull();
    expect(shown(5, 5, () => 'x')).toBe('x');
    expect(fewerThan(5)).toBe('fewer than 5 partnerships');
  });
});

describe('the national picture', () => {
  const picture = nationalPicture(
    def,
    tallies(
      [
        ['CIS-A1', 'yes', 3],
        ['CIS-A1', 'no', 2],
        ['CIS-A2', 'yes', 1],
        ['CIS-A2', 'partly', 1],
        ['CIS-A2', 'dont-know', 2],
        ['CIS-A3', 'no', 4],
        ['CIS-A3', 'dont-know', 2],
        ['CIS-B1', 'yes', 6],
        ['CIS-Z9', 'no', 9],
        ['CIS-A1', 'maybe', 7],
      ],
      { A: 6, B: 6, C: 2 },
      6,
    ),
    5,
  );
  const item = (id: string) => picture.sections.flatMap((s) => s.items).find((i) => i.itemId === id)!;
  const section = (id: string) => picture.sections.find((s) => s.sectionId === id)!;

  it('counts each item by answer, the partnerships being those that answered it', () => {
    expect(item('CIS-A1').figures).toEqual({ yes: 3, partly: 0, no: 2, dontKnow: 0, partnerships: 5 });
    expect(item('CIS-A3').figures).toEqual({ yes: 0, partly: 0, no: 4, dontKnow: 2, partnerships: 6 });
    expect(picture.partnerships).toBe(6);
  });

  it('suppresses an item answered by 4 partnerships and shows one answered by 5', () => {
    expect(item('CIS-A2').figures).toBeNull();
    expect(item('CIS-A1').figures?.partnerships).toBe(5);
    expect(item('CIS-C1').figures).toBeNull();
  });

  it('adds up a section from the items it shows, so a suppressed item cannot be worked out', () => {
    expect(section('A').figures).toEqual({ yes: 3, partly: 0, no: 6, dontKnow: 2, partnerships: 6 });
    expect(section('B').figures).toEqual({ yes: 6, partly: 0, no: 0, dontKnow: 0, partnerships: 6 });
    expect(section('C').figures).toBeNull();
  });

  it('ranks the weakest items by their share of No and Don\'t know, leaving out items with none', () => {
    expect(picture.weakest.map((i) => i.itemId)).toEqual(['CIS-A3', 'CIS-A1']);
  });

  it('gives a partnership the national Yes figure for each item shown', () => {
    const lines = nationalComparison(picture);
    expect(lines.get('CIS-A1')).toBe('nationally: 3 of 5 partnerships say Yes');
    expect(lines.get('CIS-B1')).toBe('nationally: 6 of 6 partnerships say Yes');
    expect(lines.has('CIS-A2')).toBe(false);
    expect(lines.size).toBe(3);
  });

  it('shows nothing at all when fewer than the minimum partnerships have answered anything', () => {
    const few = nationalPicture(def, tallies([['CIS-A1', 'yes', 4]], { A: 4 }, 4), 5);
    expect(few.partnerships).toBeNull();
    expect(few.sections.every((s) => s.figures === null && s.items.every((i) => i.figures === null))).toBe(true);
    expect(few.weakest).toEqual([]);
  });

  it('keeps at most four weakest items', () => {
    const many = nationalPicture(def, tallies(def.sections[4]!.items.map((i, k) => [i.id, 'no', 5 + k]), { E: 20 }, 20), 5);
    expect(many.weakest).toHaveLength(4);
  });
});
