/**
 * The national picture and the themes as CSV (for Excel) and JSON, the same
 * figures as the cards. A suppressed figure is an empty CSV cell and null in
 * JSON; nothing names a partnership or a person.
 *
 * National CSV: one row per item, then one per section (item `all`) and one for
 * the whole checklist (`all,all`). Themes CSV: one row per topic and outcome,
 * then the totals (`all`).
 */
import { csvLine } from '../qna/csv.js';
import type { Figures, NationalPicture } from './national.js';
import type { ThemesReport, TopicFigures } from './themes.js';

export const NATIONAL_CSV_HEADER = ['item', 'section', 'yes', 'partly', 'no', 'dont_know', 'partnerships'] as const;
export const THEMES_CSV_HEADER = ['topic', 'label', 'outcome', 'questions', 'partnerships'] as const;

const cells = (f: Figures | null) => (f ? [f.yes, f.partly, f.no, f.dontKnow, f.partnerships].map(String) : ['', '', '', '', '']);

const csv = (rows: string[][]) => `${rows.map(csvLine).join('\r\n')}\r\n`;

export function nationalCsv(picture: NationalPicture): string {
  const visible = picture.sections.flatMap((s) => (s.figures ? [s.figures] : []));
  const total = (key: keyof Figures) => String(visible.reduce((n, f) => n + f[key], 0));
  return csv([
    [...NATIONAL_CSV_HEADER],
    ...picture.sections.flatMap((s) => s.items.map((i) => [i.itemId, s.sectionId, ...cells(i.figures)])),
    ...picture.sections.map((s) => ['all', s.sectionId, ...cells(s.figures)]),
    ['all', 'all', ...(picture.partnerships === null ? cells(null) : [total('yes'), total('partly'), total('no'), total('dontKnow'), String(picture.partnerships)])],
  ]);
}

const figuresJson = (f: Figures | null) => (f ? { ...f, suppressed: false } : { yes: null, partly: null, no: null, dontKnow: null, partnerships: null, suppressed: true });

export function nationalJson(picture: NationalPicture, generatedAt: Date): string {
  return `${JSON.stringify(
    {
      generatedAt: generatedAt.toISOString(),
      minPartnerships: picture.minPartnerships,
      partnerships: picture.partnerships,
      sections: picture.sections.map((s) => ({ section: s.sectionId, title: s.title, ...figuresJson(s.figures) })),
      items: picture.sections.flatMap((s) => s.items.map((i) => ({ item: i.itemId, section: s.sectionId, question: i.question, ...figuresJson(i.figures) }))),
      weakest: picture.weakest.map((i) => i.itemId),
    },
    null,
    2,
  )}\n`;
}

const topicCells = (t: TopicFigures) => (t.figures ? [String(t.figures.questions), String(t.figures.partnerships)] : ['', '']);

export function themesCsv(report: ThemesReport): string {
  const t = report.totals;
  return csv([
    [...THEMES_CSV_HEADER],
    ...report.answered.map((x) => [x.topic, x.label, 'answered', ...topicCells(x)]),
    ...report.declined.map((x) => [x.topic, x.label, 'declined', ...topicCells(x)]),
    ['all', 'All topics shown', 'all', t ? String(t.questions) : '', t ? String(t.partnerships) : ''],
  ]);
}

export function themesJson(report: ThemesReport, generatedAt: Date): string {
  const topic = (x: TopicFigures) => ({ topic: x.topic, label: x.label, questions: x.figures?.questions ?? null, partnerships: x.figures?.partnerships ?? null, suppressed: x.figures === null });
  return `${JSON.stringify(
    {
      generatedAt: generatedAt.toISOString(),
      days: report.days,
      from: report.from,
      to: report.to,
      minPartnerships: report.minPartnerships,
      totals: report.totals,
      answered: report.answered.map(topic),
      declined: report.declined.map(topic),
      notAsked: report.notAsked,
    },
    null,
    2,
  )}\n`;
}
