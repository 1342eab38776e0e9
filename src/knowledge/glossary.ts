/**
 * Glossary: the acronyms and terms of the field, looked up by any of their names.
 *
 * Busy readers type "dsp?", "what does WT23 mean" or "define icb";
 * `parseDefinitionRequest` recognises these shapes (for the whole bot) and
 * `define` finds the entry by its term, its expansion or any alias. The same entries feed query expansion (see synonyms.ts).
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

export interface DefinitionRequest {
  /** The phrase to define, as typed ("WT23"). */
  subject: string;
  /** 'strong': asked for a meaning in so many words ("define", "stand for", "dsp?"); 'weak': "what is X" or a bare term. */
  strength: 'strong' | 'weak';
  form: DefinitionForm;
}

/** Asking for a meaning in so many words. */
const EXPANSION: RegExp[] = [
  /^(?:please\s+)?(?:define|definition\s+of|meaning\s+of|expand|explain\s+the\s+(?:term|acronym|abbreviation))\s*[:\s]\s*(?:the\s+(?:term|acronym|abbreviation)\s+)?(.+)$/i,
  /^what(?:'s|’s|\s+is)\s+the\s+(?:meaning|definition)\s+of\s+(.+)$/i,
  /^what\s+(?:does|do|did)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:mean|stand\s+for|stands\s+for|refer\s+to)$/i,
  /^what\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:short\s+for|an\s+acronym\s+for|in\s+full|stand\s+for)$/i,
  /^(.+?)\s+(?:meaning|definition|stands\s+for|stand\s+for|means|acronym|abbreviation)$/i,
];
/** "what is X", "who are the X", "explain X": a definition if X is a term, else a question about X. */
const WHAT_IS: RegExp[] = [/^what(?:'s|’s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?(.+)$/i, /^who(?:'s|’s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?(.+)$/i, /^explain\s+(?:an?\s+|the\s+)?(.+)$/i];

/** The subject first, then the question about it: "CIS - what is it", "MASA? what's that", "jtai, what does it mean". */
const SUBJECT_FIRST: [RegExp, DefinitionRequest['strength']][] = [
  [/^(?:an?\s+|the\s+)?(.+?)\s*(?:[-–—:,?]\s*|\s)what\s+(?:does|do)\s+(?:it|that|this|they)\s+(?:mean|stand\s+for)\b/i, 'strong'],
  [/^(?:an?\s+|the\s+)?(.+?)\s*(?:[-–—:,?]\s*|\s)what(?:'s|’s|\s+is|\s+are)\s+(?:it|that|this|they|those)\b/i, 'weak'],
];

/** Up to this many words for the subject of "what is …"; a bare term is shorter still. */
const MAX_TERM_WORDS = 4;
const MAX_BARE_WORDS = 3;

/**
 * The one place that recognises a request for a definition ("define WT23",
 * "what does DSP mean", "meaning of jtai", "dsp?", "icb"), and what it asks
 * about. Longer questions ("what is the role of the ICB in a rapid review")
 * are questions, not definitions.
 */
export function parseDefinitionRequest(text: string): DefinitionRequest | undefined {
  const t = text.replace(/\s+/g, ' ').replace(/\bwhats\b/gi, 'what is').trim();
  const questionMark = /\?\s*$/.test(t);
  const core = t.replace(/[?.!\s]+$/, '').trim();
  if (!core) return undefined;
  for (const re of EXPANSION) {
    const m = re.exec(core);
    if (m?.[1]) return { subject: tidy(m[1]), strength: 'strong', form: 'expansion' };
  }
  for (const [re, strength] of SUBJECT_FIRST) {
    const m = re.exec(core);
    if (m?.[1] && wordCount(m[1]) <= MAX_TERM_WORDS) return { subject: tidy(m[1]), strength, form: strength === 'strong' ? 'expansion' : 'what-is' };
  }
  for (const re of WHAT_IS) {
    const m = re.exec(core);
    if (m?.[1] && wordCount(m[1]) <= MAX_TERM_WORDS) return { subject: tidy(m[1]), strength: 'weak', form: 'what-is' };
  }
  // "dsp?" — one word and a question mark is how people ask what an acronym means.
  if (questionMark && wordCount(core) === 1) return { subject: tidy(core), strength: 'strong', form: 'bare' };
  if (wordCount(core) <= MAX_BARE_WORDS) return { subject: tidy(core), strength: 'weak', form: 'bare' };
  return undefined;
}

function tidy(s: string): string {
  return s.replace(/^["'“‘]+|["'”’]+$/g, '').replace(/[?.!]+$/, '').trim();
}

function wordCount(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
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
    const request = parseDefinitionRequest(text);
    if (!request) return undefined;
    const hit = this.lookup(request.subject);
    return hit ? { ...hit, form: request.form } : undefined;
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

/**
 * Does a heading say what the glossary term itself is ("What a joint targeted area
 * inspection is", "Who the lead safeguarding partners are under Working Together 2023"), adding no
 * word to it ("health" in "Who the health lead safeguarding partner is")?
 */
export function headingDefines(headingText: string, entry: GlossaryEntry): boolean {
  const heading = lookupKey(headingText);
  const subject = /^(?:what|who) (.+?) (?:is|are|was|were)(?: (?:under|in|since|from|before|after) .+)?$/.exec(heading)?.[1];
  if (!subject) return false;
  const forms = [entry.term, entry.standsFor, ...entry.also].map(lookupKey).filter(Boolean);
  if (!forms.some((key) => ` ${subject} `.includes(` ${key} `) || ` ${subject} `.includes(` ${key}s `))) return false;
  // Words that are the term in some form (its letters, its long form, plurals) add nothing.
  const own = new Set(forms.flatMap((key) => key.split(' ')).flatMap((w) => [w, `${w}s`]));
  return subject.split(' ').every((w) => ['the', 'a', 'an'].includes(w) || own.has(w));
}
