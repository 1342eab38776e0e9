/**
 * Sample data for the national picture and themes card templates, drawn by the
 * real builders from the real checklist: the biggest picture (150 partnerships,
 * every section and item shown), one partly suppressed, one with nothing to show,
 * and themes with every topic asked about or none.
 */
import { nationalPictureCard, nationalSectionCard, themesCard } from '../../src/insight/cards.js';
import { nationalPicture, type NationalTallies } from '../../src/insight/national.js';
import { knownTopics, themesReport, type ThemeTally } from '../../src/insight/themes.js';
import { ANSWERS } from '../../src/checklist/definition.js';
import { realChecklist } from '../checklist/cardSamples.js';

const NOW = new Date('2026-03-02T12:00:00Z');

/** Every item answered by `partnerships(i)` partnerships, spread over the four answers. */
export function sampleTallies(partnerships: (itemIndex: number) => number): NationalTallies {
  const def = realChecklist();
  const items = def.sections.flatMap((s) => s.items);
  const answers = items.flatMap((item, i) => {
    const n = partnerships(i);
    const split = [Math.ceil(n / 2), Math.floor(n / 4), Math.floor(n / 8), 0];
    split[3] = n - split[0]! - split[1]! - split[2]!;
    return ANSWERS.map((value, k) => ({ itemId: item.id, value, partnerships: split[k]! })).filter((a) => a.partnerships > 0);
  });
  const sections = def.sections.map((s) => ({ sectionId: s.id, partnerships: Math.max(0, ...s.items.map((item) => partnerships(items.indexOf(item)))) }));
  return { answers, sections, partnerships: Math.max(0, ...items.map((_, i) => partnerships(i))) };
}

function pictures() {
  const def = realChecklist();
  const full = nationalPicture(def, sampleTallies(() => 150), 5);
  const partial = nationalPicture(def, sampleTallies((i) => (i % 3 === 0 ? 4 : 9)), 5);
  const none = nationalPicture(def, sampleTallies(() => 3), 5);
  return { full, partial, none };
}

function themes() {
  const def = realChecklist();
  const rows: ThemeTally[] = knownTopics(def).flatMap((topic, i) => [
    { topic, outcome: 'answered' as const, questions: 1000 + i, partnerships: i % 4 === 0 ? 3 : 120 },
    { topic, outcome: 'declined' as const, questions: 10 + i, partnerships: i % 3 === 0 ? 2 : 40 },
  ]);
  rows.push({ topic: 'none', outcome: 'declined', questions: 321, partnerships: 77 });
  return [
    themesCard(themesReport({ tallies: { rows, partnerships: 150 }, def, days: 30, today: NOW, min: 5 })),
    themesCard(themesReport({ tallies: { rows: rows.slice(0, 3), partnerships: 150 }, def, days: 90, today: NOW, min: 5 })),
    themesCard(themesReport({ tallies: { rows: [], partnerships: 0 }, def, days: 30, today: NOW, min: 5 })),
  ];
}

function specs() {
  const { full, partial, none } = pictures();
  return [
    nationalPictureCard(full, NOW),
    nationalPictureCard(partial, NOW),
    nationalPictureCard(none, NOW),
    ...['A', 'E'].map((id) => nationalSectionCard(full, id, NOW)!),
    nationalSectionCard(partial, 'E', NOW)!,
    nationalSectionCard(none, 'H', NOW)!,
    ...themes(),
  ];
}

export const insightSamples: Record<string, object[]> = specs().reduce<Record<string, object[]>>((acc, spec) => {
  (acc[spec.template] ??= []).push(spec.data);
  return acc;
}, {});
