/**
 * The search interface the rest of the bot sees.
 *
 * lunr is unmaintained, so nothing outside src/knowledge imports it: callers use
 * these types only, and the engine behind them can be replaced without touching
 * the bot, the CLI or the cards.
 */
import type { Kind, Topic, GlossaryTerm } from './frontMatter.js';

export interface SourceRef {
  title: string;
  publisher: string;
  /** As written in the front-matter: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  /** Human form, e.g. "June 2022". */
  dateLabel: string;
  url?: string;
  document: string;
}

export interface Supersession {
  id: string;
  title: string;
  note?: string;
}

export interface Passage {
  /** Chunk id, stable across builds: `<docId>#<heading-slug>`. */
  id: string;
  docId: string;
  /** Document title plus heading path, e.g. "Working Together 2018 › Purpose of scrutiny". */
  title: string;
  headingPath: string[];
  text: string;
  kind: Kind;
  topic: Topic;
  source: SourceRef;
  superseded: boolean;
  supersededBy?: Supersession;
  score: number;
  /** Words of the passage that matched the query (for emphasis in cards). */
  matchedTerms: string[];
}

export interface Answer {
  answered: boolean;
  /** The one to three sentences that best answer the question (empty when declined). */
  answer: string;
  sentences: string[];
  /** Best first. Empty when declined. */
  passages: Passage[];
  /** When declined: close topics to offer as buttons (short labels, typed as queries). */
  suggestions: string[];
  /** CIS items on the question's theme, from the same search (answered or not). */
  relatedChecklistItems: ChecklistItemRef[];
  /** When declined: the partial matches behind the suggestions (the recurring themes count a declined question under their topic). */
  nearby?: { label: string; passage: Passage }[];
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: Kind;
  topic: Topic;
  source: SourceRef;
  superseded: boolean;
  supersededBy?: Supersession;
  area?: string;
  /** Briefings: three to five key points in our own words (for notices). */
  keyPoints?: string[];
}

export interface TopicSummary {
  topic: Topic;
  label: string;
  documentCount: number;
}

export interface ChecklistItemRef {
  itemId: string;
  sectionId: string;
  question: string;
}

export interface SearchOptions {
  /** How many passages to return (default 3). */
  limit?: number;
  /** Skip this many passages ("More results"). */
  offset?: number;
}

export interface KnowledgeBase {
  ask(question: string, options?: SearchOptions): Answer;
  define(term: string): GlossaryTerm | undefined;
  topics(): TopicSummary[];
  documents(topic?: Topic): DocumentSummary[];
  document(id: string): DocumentSummary | undefined;
  readonly stats: { documents: number; chunks: number; builtAt: string; contentHash: string };
}
