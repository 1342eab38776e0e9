/**
 * The national picture of the Checklist for Independent Scrutiny: how many
 * partnerships answered each item Yes, Partly, No or Don't know, per item and
 * per section, and which items are weakest.
 *
 * It starts from counts the database has already added up (storage/nationalStore)
 * and applies small-number suppression, so what leaves this module can be shown
 * as it is: no partnership's name, and no figure about fewer than `min`
 * partnerships. Section figures add up only the items that are shown; adding in
 * a suppressed item would let anyone subtract their way back to it.
 */
import { ANSWERS, type AnswerValue, type ChecklistDefinition } from '../checklist/definition.js';
import { shown } from './suppression.js';

/** One answer value of one item, counted across partnerships' latest assessments (from the store). */
export interface AnswerTally {
  itemId: string;
  value: string;
  partnerships: number;
}

/** What the store adds up; nothing in it names a partnership. */
export interface NationalTallies {
  answers: AnswerTally[];
  /** Distinct partnerships with at least one answer in each section. */
  sections: Array<{ sectionId: string; partnerships: number }>;
  /** Distinct partnerships with at least one answer. */
  partnerships: number;
}

export interface Figures {
  yes: number;
  partly: number;
  no: number;
  dontKnow: number;
  /** Partnerships counted (for an item: those that answered it). */
  partnerships: number;
}

export interface ItemFigures {
  itemId: string;
  sectionId: string;
  question: string;
  /** Null when fewer than the minimum number of partnerships answered the item. */
  figures: Figures | null;
}

export interface SectionFigures {
  sectionId: string;
  title: string;
  figures: Figures | null;
  items: ItemFigures[];
}

export interface NationalPicture {
  minPartnerships: number;
  /** Partnerships with at least one answer, or null when fewer than the minimum. */
  partnerships: number | null;
  sections: SectionFigures[];
  /** The items with the largest share of No and Don't know, weakest first. */
  weakest: Array<ItemFigures & { figures: Figures }>;
}

/** Chart.HorizontalBar.Stacked draws at most four bars, and four is what a facilitator can take in at a glance. */
export const WEAKEST_ITEMS = 4;

const FIELD: Record<AnswerValue, 'yes' | 'partly' | 'no' | 'dontKnow'> = { yes: 'yes', partly: 'partly', no: 'no', 'dont-know': 'dontKnow' };

const isAnswer = (value: string): value is AnswerValue => (ANSWERS as readonly string[]).includes(value);

export function nationalPicture(def: ChecklistDefinition, tallies: NationalTallies, min: number): NationalPicture {
  const raw = new Map<string, Figures>();
  for (const t of tallies.answers) {
    if (!isAnswer(t.value)) continue;
    const figures = raw.get(t.itemId) ?? { yes: 0, partly: 0, no: 0, dontKnow: 0, partnerships: 0 };
    figures[FIELD[t.value]] += t.partnerships;
    // Each partnership's latest assessment holds at most one answer per item.
    figures.partnerships += t.partnerships;
    raw.set(t.itemId, figures);
  }
  const sectionPartnerships = new Map(tallies.sections.map((s) => [s.sectionId, s.partnerships]));

  const sections = def.sections.map((section): SectionFigures => {
    const items = section.items.map((item): ItemFigures => {
      const figures = raw.get(item.id);
      return { itemId: item.id, sectionId: section.id, question: item.question, figures: figures ? shown(figures.partnerships, min, () => ({ ...figures })) : null };
    });
    const visible = items.flatMap((i) => (i.figures ? [i.figures] : []));
    const partnerships = sectionPartnerships.get(section.id) ?? 0;
    const figures =
      visible.length === 0
        ? null
        : shown(partnerships, min, () => ({
            yes: sum(visible, 'yes'),
            partly: sum(visible, 'partly'),
            no: sum(visible, 'no'),
            dontKnow: sum(visible, 'dontKnow'),
            partnerships,
          }));
    return { sectionId: section.id, title: section.title, figures, items };
  });

  const order = new Map(def.sections.flatMap((s) => s.items).map((item, i) => [item.id, i]));
  const weakest = sections
    .flatMap((s) => s.items)
    .filter((i): i is ItemFigures & { figures: Figures } => i.figures !== null && weakCount(i.figures) > 0)
    .sort((a, b) => weakShare(b.figures) - weakShare(a.figures) || weakCount(b.figures) - weakCount(a.figures) || order.get(a.itemId)! - order.get(b.itemId)!)
    .slice(0, WEAKEST_ITEMS);

  return { minPartnerships: min, partnerships: shown(tallies.partnerships, min, () => tallies.partnerships), sections, weakest };
}

const weakCount = (f: Figures) => f.no + f.dontKnow;
const weakShare = (f: Figures) => weakCount(f) / f.partnerships;

function sum(list: Figures[], key: keyof Figures): number {
  return list.reduce((n, f) => n + f[key], 0);
}

/** "nationally: 12 of 30 partnerships say Yes" for each item with enough partnerships, for a partnership's own summary. */
export function nationalComparison(picture: NationalPicture): Map<string, string> {
  const lines = new Map<string, string>();
  for (const item of picture.sections.flatMap((s) => s.items)) {
    if (item.figures) lines.set(item.itemId, `nationally: ${item.figures.yes} of ${item.figures.partnerships} partnerships say Yes`);
  }
  return lines;
}

/** Where the counts come from (storage/nationalStore adds them up in SQL). */
export interface NationalSource {
  tallies(itemIds: readonly string[]): Promise<NationalTallies>;
}

/** The national picture as it stands, for the card, a partnership's summary and the report CLI alike. */
export async function loadNationalPicture(source: NationalSource, def: ChecklistDefinition, min: number): Promise<NationalPicture> {
  return nationalPicture(def, await source.tallies(def.sections.flatMap((s) => s.items.map((i) => i.id))), min);
}
