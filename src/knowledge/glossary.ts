/**
 * Glossary: the acronyms and terms of the field, looked up by any of their names.
 *
 * Busy readers type "dsp?", "what does WT23 mean" or "define icb"; `define`
 * recognises these shapes and finds the entry by its term, its expansion or
 * any alias. The same entries feed query expansion (see synonyms.ts).
 */
import type { GlossaryTerm } from './frontMatter.js';
import { normaliseText } from './analyser.js';

export interface GlossaryEntry extends GlossaryTerm {
  /** Id of the glossary document that defines it. */
  docId: string;
  /** Chunk id of its passage. */
  chunkId: string;
}

/** How a key was matched: the term or an alias is stronger than the long form. */
export type MatchKind = 'term' | 'alias' | 'standsFor';

/** Lower case, single spaces, no punctuation except inner digits/letters: "W.T. 2023" → "wt 2023". */
export function lookupKey(text: string): string {
  return normaliseText(text)
    .replace(/'s\b/g, '')
    .replace(/([a-z])\.(?=[a-z]\.?)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Spacing variants so "wt 23", "wt23" and "wt-23" all find WT23. */
function keyVariants(key: string): string[] {
  const joined = key.replace(/ /g, '');
  const split = key.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2');
  return [...new Set([key, joined, split])];
}

/** How a definition was asked for: the expansion of a term, what something is, or just the term. */
export type DefinitionForm = 'expansion' | 'what-is' | 'bare';

const DEFINE_PATTERNS: [RegExp, DefinitionForm][] = [
  [/^(?:please\s+)?(?:define|definition of|meaning of|expand)\s+(?:the\s+(?:term|acronym|abbreviation)\s+)?(.+)$/, 'expansion'],
  [/^what\s+(?:does|do|did)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:mean|stand for|stands for|refer to)$/, 'expansion'],
  [/^what\s+(?:is|s)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:short for|an acronym for|in full|stand for)$/, 'expansion'],
  [/^(.+?)\s+(?:meaning|definition|stands for|stand for|means|acronym|abbreviation)$/, 'expansion'],
  [/^(?:meaning|definition)\s+(?:of\s+)?(.+)$/, 'expansion'],
  [/^(?:what|who)\s+(?:is|are|s)\s+(?:an?\s+|the\s+)?(.+)$/, 'what-is'],
  [/^explain\s+(?:an?\s+|the\s+)?(.+)$/, 'what-is'],
];

/**
 * If the text is shaped like a request for a definition, the phrase to define
 * and how it was asked; "dsp?" (a bare word with a question mark) counts too.
 */
export function definitionSubject(text: string): { subject: string; form: DefinitionForm } | undefined {
  const key = lookupKey(text.replace(/[’']s\b/gi, ' is').replace(/\bwhats\b/gi, 'what is'));
  if (!key) return undefined;
  for (const [re, form] of DEFINE_PATTERNS) {
    const m = re.exec(key);
    if (m?.[1]) return { subject: m[1].trim(), form };
  }
  return { subject: key, form: 'bare' };
}

export class Glossary {
  private readonly byKey = new Map<string, { entry: GlossaryEntry; kind: MatchKind }>();
  readonly entries: GlossaryEntry[];

  constructor(entries: GlossaryEntry[]) {
    this.entries = entries;
    const add = (name: string, entry: GlossaryEntry, kind: MatchKind) => {
      for (const k of keyVariants(lookupKey(name))) {
        const existing = this.byKey.get(k);
        // A term's own name beats another entry's alias or long form.
        if (!existing || rank(kind) < rank(existing.kind)) this.byKey.set(k, { entry, kind });
      }
    };
    for (const e of entries) {
      add(e.term, e, 'term');
      e.also.forEach((a) => add(a, e, 'alias'));
      add(e.standsFor, e, 'standsFor');
    }
  }

  /** Exact lookup by term, alias or long form (any case, spacing or punctuation). */
  lookup(name: string): { entry: GlossaryEntry; kind: MatchKind } | undefined {
    const key = lookupKey(name);
    if (!key) return undefined;
    for (const k of keyVariants(key)) {
      const hit = this.byKey.get(k);
      if (hit) return hit;
    }
    // Plural of an acronym: "icbs", "dsps".
    if (/^[a-z]{2,}s$/.test(key)) return this.byKey.get(key.slice(0, -1));
    return undefined;
  }

  /**
   * "define WT23", "what does DSP mean", "dsp?", "icb" → the entry.
   * A bare phrase only counts when it is the whole question.
   */
  define(text: string): GlossaryEntry | undefined {
    return this.defineWithKind(text)?.entry;
  }

  defineWithKind(text: string): { entry: GlossaryEntry; kind: MatchKind; form: DefinitionForm } | undefined {
    const direct = this.lookup(text);
    if (direct) return { ...direct, form: 'bare' };
    const subject = definitionSubject(text);
    if (!subject) return undefined;
    const hit = this.lookup(subject.subject);
    return hit ? { ...hit, form: subject.form } : undefined;
  }

  /** The entry that replaced this one (CCG → ICB), if the glossary has it. */
  successor(entry: GlossaryEntry): GlossaryEntry | undefined {
    return entry.supersededBy ? this.lookup(successorName(entry.supersededBy))?.entry ?? this.lookup(entry.supersededBy)?.entry : undefined;
  }
}

function rank(kind: MatchKind): number {
  return kind === 'term' ? 0 : kind === 'alias' ? 1 : 2;
}

/** "ICB (since 1 July 2022)" → "ICB": supersededBy may carry a note after the name. */
export function successorName(supersededBy: string): string {
  return supersededBy.split(/[(;,]/)[0]!.trim();
}
