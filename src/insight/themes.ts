/**
 * Recurring themes: what leaders' questions were about, counted by the guidance
 * topic or checklist section that answered them, and where the knowledge base
 * had nothing.
 *
 * A question is reduced here to a topic key and an outcome before anything is
 * stored; its words go no further. The report side turns the counts the
 * database added up into the figures a facilitator sees, with small numbers
 * suppressed as for the national picture.
 */
import type { ChecklistDefinition } from '../checklist/definition.js';
import { TOPICS, TOPIC_LABELS, type Topic } from '../knowledge/frontMatter.js';
import type { Passage } from '../knowledge/types.js';
import { shown } from './suppression.js';

export type Outcome = 'answered' | 'declined';

/** A declined question nothing in the knowledge base came close to. */
export const NO_TOPIC = 'none';

export const DEFAULT_THEME_DAYS = 30;
export const MAX_THEME_DAYS = 730;

export interface QuestionTheme {
  topic: string;
  outcome: Outcome;
}

/** The part of a passage that says what it is about. */
export type TopicSource = Pick<Passage, 'topic' | 'headingPath'>;

/** 'checklist:E' for a checklist item's passage, otherwise 'guidance:<topic>'. */
export function topicOfPassage(passage: TopicSource): string {
  const section = passage.topic === 'checklist' ? passage.headingPath.map((h) => /^CIS-([A-Z])\d/.exec(h)?.[1]).find(Boolean) : undefined;
  return section ? `checklist:${section}` : `guidance:${passage.topic}`;
}

/**
 * The theme of one question: the topic of the passage that answered it, or,
 * when it was declined, the topic it came nearest to (if anything did).
 */
export function themeOf(answer: { answered: boolean; passages: readonly TopicSource[] }, nearest?: string): QuestionTheme {
  const top = answer.passages[0];
  if (answer.answered && top) return { topic: topicOfPassage(top), outcome: 'answered' };
  return { topic: nearest ?? NO_TOPIC, outcome: 'declined' };
}

/** A question answered from the glossary ("what does DSP mean"). */
export const GLOSSARY_THEME: QuestionTheme = { topic: 'guidance:glossary', outcome: 'answered' };

/** Every topic a question can be counted under, in the order the card lists topics nobody asked about. */
export function knownTopics(def: ChecklistDefinition | undefined): string[] {
  return [...TOPICS.map((t) => `guidance:${t}`), ...(def?.sections ?? []).map((s) => `checklist:${s.id}`)];
}

export function topicLabel(topic: string, def: ChecklistDefinition | undefined): string {
  if (topic === NO_TOPIC) return 'No close topic';
  const [kind, id] = topic.split(':');
  if (kind === 'guidance' && (TOPICS as readonly string[]).includes(id ?? '')) return TOPIC_LABELS[id as Topic];
  const section = kind === 'checklist' ? def?.sections.find((s) => s.id === id) : undefined;
  return section ? `Checklist ${section.id}. ${section.title}` : topic;
}

// ─── The report ─────────────────────────────────────────────────────────────

/** Questions and distinct partnerships for one topic and outcome in a period (from the store). */
export interface ThemeTally {
  topic: string;
  outcome: Outcome;
  questions: number;
  partnerships: number;
}

export interface ThemeTallies {
  rows: ThemeTally[];
  /** Distinct partnerships that asked anything in the period. */
  partnerships: number;
}

export interface TopicFigures {
  topic: string;
  label: string;
  /** Null when fewer than the minimum number of partnerships asked. */
  figures: { questions: number; partnerships: number } | null;
}

export interface ThemesReport {
  days: number;
  /** First and last day counted, YYYY-MM-DD. */
  from: string;
  to: string;
  minPartnerships: number;
  /**
   * Questions in the topics shown (a suppressed topic's questions are left out,
   * or the total minus the rest would give them away), and the partnerships
   * that asked anything; null when fewer than the minimum asked at all.
   */
  totals: { questions: number; answered: number; declined: number; partnerships: number } | null;
  /** Answered questions by the topic that answered them, most asked first; suppressed ones last. */
  answered: TopicFigures[];
  /** Declined questions by the topic they came nearest to. */
  declined: TopicFigures[];
  /** Topics nobody asked about in the period, answered or not. */
  notAsked: string[];
}

/** The first day of a period of `days` days ending on `today` (both counted). */
export function periodStart(today: Date, days: number): string {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
  return start.toISOString().slice(0, 10);
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function themesReport(input: { tallies: ThemeTallies; def: ChecklistDefinition | undefined; days: number; today: Date; min: number }): ThemesReport {
  const { tallies, def, min } = input;
  const figuresFor = (outcome: Outcome) =>
    tallies.rows
      .filter((r) => r.outcome === outcome)
      .map((r): TopicFigures => ({ topic: r.topic, label: topicLabel(r.topic, def), figures: shown(r.partnerships, min, () => ({ questions: r.questions, partnerships: r.partnerships })) }))
      .sort((a, b) => rank(b) - rank(a) || a.label.localeCompare(b.label));
  const asked = new Set(tallies.rows.map((r) => r.topic));
  const answered = figuresFor('answered');
  const declined = figuresFor('declined');
  const count = (list: TopicFigures[]) => list.reduce((n, t) => n + (t.figures?.questions ?? 0), 0);
  return {
    days: input.days,
    from: periodStart(input.today, input.days),
    to: dayOf(input.today),
    minPartnerships: min,
    totals: shown(tallies.partnerships, min, () => ({ questions: count(answered) + count(declined), answered: count(answered), declined: count(declined), partnerships: tallies.partnerships })),
    answered,
    declined,
    notAsked: knownTopics(def)
      .filter((t) => !asked.has(t))
      .map((t) => topicLabel(t, def)),
  };
}

/** Shown topics by how often they were asked; suppressed ones after all of them. */
const rank = (t: TopicFigures) => (t.figures ? t.figures.questions : -1);

/** Where the counts come from (storage/themeStore adds them up in SQL). */
export interface ThemesSource {
  tallies(since: string): Promise<ThemeTallies>;
}

/** The themes of the last `days` days, for the card and the report CLI alike. */
export async function loadThemesReport(source: ThemesSource, input: { def: ChecklistDefinition | undefined; days: number; min: number; today?: Date }): Promise<ThemesReport> {
  const today = input.today ?? new Date();
  const tallies = await source.tallies(periodStart(today, input.days));
  return themesReport({ tallies, def: input.def, days: input.days, today, min: input.min });
}
