/**
 * Browsing the knowledge base: the topic a person picked, the documents under
 * it and the briefings list, shaped for the topics and briefings cards.
 *
 * Pure: summaries from the knowledge base in, card data out.
 */
import type { DocumentSummary, TopicSummary } from '../knowledge/types.js';
import { sourceLine, supersededNote } from './text.js';

export interface DocumentRow {
  id: string;
  title: string;
  sourceLine: string;
  superseded: boolean;
  supersededNote: string;
  /** Shows the document's summary. */
  command: string;
}

export const aboutCommand = (docId: string) => `about ${docId}`;
export const topicCommand = (topic: string) => `topics ${topic}`;

export function documentRow(d: DocumentSummary): DocumentRow {
  const line = [d.area && !d.title.includes(d.area) ? d.area : '', sourceLine(d.source)].filter(Boolean).join(' · ');
  return {
    id: d.id,
    title: d.title,
    sourceLine: line,
    superseded: d.superseded,
    supersededNote: d.superseded ? supersededNote(d.supersededBy) : '',
    command: aboutCommand(d.id),
  };
}

/** The top of every card about one document: its title, source line, superseded warning and link. */
export interface DocumentHeader {
  title: string;
  sourceLine: string;
  superseded: boolean;
  supersededNote: string;
  url: string;
  hasUrl: boolean;
}

export function documentHeader(d: DocumentSummary): DocumentHeader {
  const { title, sourceLine, superseded, supersededNote } = documentRow(d);
  return { title, sourceLine, superseded, supersededNote, url: d.source.url ?? '', hasUrl: Boolean(d.source.url) };
}

function key(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The topic someone chose or typed: its id ("agencies-schools"), its label, or a word of the label ("schools"). */
export function findTopic(topics: readonly TopicSummary[], text: string): TopicSummary | undefined {
  const wanted = key(text);
  if (!wanted) return undefined;
  return (
    topics.find((t) => key(t.topic) === wanted || key(t.label) === wanted) ??
    topics.find((t) => key(t.label).startsWith(wanted) || key(t.topic).startsWith(wanted)) ??
    topics.find((t) => ` ${key(t.label)} `.includes(` ${wanted} `))
  );
}

/** Sortable form of a partial date: a source dated only "2022" sorts before any month of 2022. */
function dateKey(date: string): string {
  const [y = '0000', m = '00', d = '00'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** Briefings, newest first; the same date falls back to the title so the order is stable. */
export function briefingsNewestFirst(documents: readonly DocumentSummary[]): DocumentSummary[] {
  return documents
    .filter((d) => d.kind === 'briefing')
    .sort((a, b) => dateKey(b.source.date).localeCompare(dateKey(a.source.date)) || a.title.localeCompare(b.title));
}
