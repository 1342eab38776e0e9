/**
 * From the national picture and the themes report to the data the
 * `cards/national-*.json` and `cards/themes.json` templates expand.
 *
 * Charts are Adaptive Cards' Teams chart elements: a stacked vertical bar chart
 * (Chart.VerticalBar.Grouped with `stacked`, four answers over the sections or
 * items) and a stacked horizontal bar chart (Chart.HorizontalBar.Stacked, one bar
 * per weakest item). Both allow at most four data sets, which is why there are
 * four answers and four weakest items. Clients without charts show the text
 * fallback the templates carry. Buttons are Action.Execute with an
 * Action.Submit fallback, like the checklist's.
 */
import { cardButton, type ButtonOptions } from '../cards/buttons.js';
import { formatDate } from '../checklist/format.js';
import type { Figures, ItemFigures, NationalPicture, SectionFigures } from './national.js';
import { fewerThan } from './suppression.js';
import type { ThemesReport, TopicFigures } from './themes.js';

/** Bumped when the shape of button data changes, so an older card is answered with the current picture. */
export const INSIGHT_CARD_VERSION = 1;

export const VERBS = {
  picture: 'national.picture',
  section: 'national.section',
  themes: 'themes.period',
} as const;

const button = (title: string, verb: string, data: Record<string, unknown> = {}, options: ButtonOptions = {}) => cardButton(INSIGHT_CARD_VERSION, title, verb, data, options);

/** The four answers in the order and colours every chart uses (Teams' semantic chart colours). */
const SERIES = [
  { key: 'yes', legend: 'Yes', color: 'good' },
  { key: 'partly', legend: 'Partly', color: 'warning' },
  { key: 'no', legend: 'No', color: 'attention' },
  { key: 'dontKnow', legend: "Don't know", color: 'neutral' },
] as const;

const counts = (f: Figures) => SERIES.map((s) => `${s.legend} ${f[s.key]}`).join(' · ');

/** An item: "Yes 20 · Partly 5 · No 3 · Don't know 2 · of 30 partnerships" */
export function figuresLine(f: Figures): string {
  return `${counts(f)} · of ${f.partnerships} partnerships`;
}

/** A section counts answers (partnerships × items): "Yes 60 · Partly 20 · No 9 · Don't know 3 answers from 30 partnerships" */
export function answersLine(f: Figures): string {
  return `${counts(f)} answers from ${f.partnerships} partnerships`;
}

/** Chart.VerticalBar.Grouped data: one series per answer, one bar per labelled group. */
function stackedSeries(groups: Array<{ x: string; figures: Figures }>) {
  return SERIES.map((s) => ({ legend: s.legend, color: s.color, values: groups.map((g) => ({ x: g.x, y: g.figures[s.key] })) }));
}

const visible = <T extends { figures: Figures | null }>(list: T[]) => list.filter((x): x is T & { figures: Figures } => x.figures !== null);

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function sectionChoices(sections: SectionFigures[]) {
  return sections.map((s) => ({ title: `${s.sectionId}. ${truncate(s.title, 50)}`, value: s.sectionId }));
}

function basis(picture: NationalPicture, now: Date): string {
  const when = formatDate(now.toISOString().slice(0, 10));
  return picture.partnerships === null
    ? `As at ${when}.`
    : `From the latest assessments of ${picture.partnerships} partnerships (signed off where there is one, otherwise in progress), as at ${when}.`;
}

function suppressionNote(picture: NationalPicture): string {
  return `Figures that rest on ${fewerThan(picture.minPartnerships)} are not shown, and no partnership is ever named.`;
}

/** The section a facilitator most likely wants to open: the one with the largest share of No and Don't know. */
function weakestSection(sections: SectionFigures[]): string {
  const share = (f: Figures) => (f.no + f.dontKnow) / Math.max(1, f.yes + f.partly + f.no + f.dontKnow);
  return visible(sections).sort((a, b) => share(b.figures) - share(a.figures))[0]?.sectionId ?? sections[0]?.sectionId ?? '';
}

export function nationalPictureCard(picture: NationalPicture, now: Date): { template: 'national-picture'; data: object } {
  const shownSections = visible(picture.sections);
  const hidden = picture.sections.filter((s) => s.figures === null).map((s) => s.sectionId);
  return {
    template: 'national-picture',
    data: {
      title: 'National picture · Checklist for Independent Scrutiny',
      basis: basis(picture, now),
      empty: picture.partnerships === null ? `So far ${fewerThan(picture.minPartnerships)} have answered the checklist in Teams, so there are no national figures to show yet.` : '',
      hasSections: shownSections.length > 0,
      sectionSeries: stackedSeries(shownSections.map((s) => ({ x: s.sectionId, figures: s.figures }))),
      sectionLines: shownSections.map((s) => ({ text: `**${s.sectionId}. ${truncate(s.title, 50)}** · ${answersLine(s.figures)}` })),
      hiddenSections: hidden.length > 0 && shownSections.length > 0 ? `Not shown (${fewerThan(picture.minPartnerships)}): section${hidden.length > 1 ? 's' : ''} ${hidden.join(', ')}.` : '',
      hasWeakest: picture.weakest.length > 0,
      // A zero-length segment is left out: the stacked bar has nothing to draw for it.
      weakestBars: picture.weakest.map((i) => ({ title: i.itemId, data: SERIES.filter((s) => i.figures[s.key] > 0).map((s) => ({ legend: s.legend, value: i.figures[s.key], color: s.color })) })),
      weakestLines: picture.weakest.map((i) => ({ text: `**${i.itemId}** · No ${i.figures.no} · Don't know ${i.figures.dontKnow} · of ${i.figures.partnerships} partnerships · ${truncate(i.question, 90)}` })),
      noWeakest: shownSections.length > 0 && picture.weakest.length === 0 ? 'No item shown has a No or Don\'t know answer.' : '',
      note: suppressionNote(picture),
      choices: sectionChoices(picture.sections),
      chosen: weakestSection(picture.sections),
      buttons: [button('Open section', VERBS.section, {}, { inputs: 'auto', style: 'positive' }), button('Recurring themes', VERBS.themes, { days: 30 })],
    },
  };
}

function itemLine(item: ItemFigures, min: number): string {
  return item.figures ? `**${item.itemId}** · ${figuresLine(item.figures)}` : `**${item.itemId}** · ${fewerThan(min)}`;
}

export function nationalSectionCard(picture: NationalPicture, sectionId: string, now: Date): { template: 'national-section'; data: object } | undefined {
  const index = picture.sections.findIndex((s) => s.sectionId === sectionId);
  const section = picture.sections[index];
  if (!section) return undefined;
  const shownItems = visible(section.items);
  const next = picture.sections[(index + 1) % picture.sections.length]!;
  return {
    template: 'national-section',
    data: {
      title: `National picture · ${section.sectionId}. ${section.title}`,
      basis: basis(picture, now),
      summary: section.figures ? `The items shown add up to ${answersLine(section.figures)}.` : `This section rests on ${fewerThan(picture.minPartnerships)} so far.`,
      hasChart: shownItems.length > 0,
      itemSeries: stackedSeries(shownItems.map((i) => ({ x: i.itemId, figures: i.figures }))),
      items: section.items.map((i) => ({ line: itemLine(i, picture.minPartnerships), question: truncate(i.question, 160) })),
      note: suppressionNote(picture),
      choices: sectionChoices(picture.sections),
      chosen: next.sectionId,
      buttons: [button('Open section', VERBS.section, {}, { inputs: 'auto', style: 'positive' }), button('Back to the national picture', VERBS.picture)],
    },
  };
}

function topicRows(list: TopicFigures[], min: number) {
  return list.map((t) => ({ label: t.label, value: t.figures ? `${t.figures.questions} question${t.figures.questions === 1 ? '' : 's'} · ${t.figures.partnerships} partnerships` : fewerThan(min) }));
}

export function themesCard(report: ThemesReport): { template: 'themes'; data: object } {
  const t = report.totals;
  return {
    template: 'themes',
    data: {
      title: `Recurring themes · the last ${report.days} days`,
      period: `${formatDate(report.from)} to ${formatDate(report.to)}: questions asked in Teams, counted by the guidance topic or checklist section that answered them.`,
      totals: t
        ? `${t.questions} questions from ${t.partnerships} partnerships: ${t.answered} answered, ${t.declined} declined.`
        : `So far ${fewerThan(report.minPartnerships)} have asked questions in this period, so there are no figures to show.`,
      answered: t ? topicRows(report.answered, report.minPartnerships) : [],
      hasAnswered: t !== null && report.answered.length > 0,
      declined: t ? topicRows(report.declined, report.minPartnerships) : [],
      hasDeclined: t !== null && report.declined.length > 0,
      notAsked: report.notAsked.length > 0 ? `Nobody asked about: ${report.notAsked.join('; ')}.` : '',
      note: `Counts leave out topics asked about by ${fewerThan(report.minPartnerships)}. For each question only its topic, the day, whether it was answered and an opaque partnership key are kept: never its words, never who asked.`,
      buttons: [
        button('Last 30 days', VERBS.themes, { days: 30 }, { style: report.days === 30 ? 'positive' : 'default' }),
        button('Last 90 days', VERBS.themes, { days: 90 }, { style: report.days === 90 ? 'positive' : 'default' }),
        button('National picture', VERBS.picture),
      ],
    },
  };
}
