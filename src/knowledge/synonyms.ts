/**
 * Synonyms: concepts that can be written several ways.
 *
 * A concept is a set of phrases that mean the same thing: a glossary entry
 * ("WT18" = "WT2018" = "Working Together to Safeguard Children 2018") or a
 * group from knowledge/synonyms.yaml ("scrutineer", "scrutiny", "scrutinise").
 * We find concepts on both sides: in every passage at build time (stored as
 * concept tokens in a hidden field) and in every question. So "wt18" meets a
 * passage that only says "Working Together 2018" without expanding the query
 * into the loose words "working" and "together", which would match everything.
 *
 * Glossary concepts are strong (same meaning); synonym groups are looser
 * (related wording) and get a lower boost in queries.
 */
import type { GlossaryTerm } from './frontMatter.js';
import { analysePhrase, normaliseText, stem, tokenize, type TextToken } from './analyser.js';

export type ConceptKind = 'term' | 'group';

export interface Concept {
  /** Index token for the concept, e.g. "kwwt18" (letters and digits only, so the pipeline keeps it). */
  token: string;
  kind: ConceptKind;
  /** Readable label, e.g. "WT18". */
  label: string;
  /** Each phrase as index terms with stop words removed. */
  phrases: string[][];
  /** Acronyms that are also stop words ("IS") only match when written in capitals. */
  capitalForms: string[];
  /**
   * Names that stop-word removal would reduce to a word that means something else on its own
   * ("got rid of" → "rid", "every year" → "year"): matched word for word as typed instead.
   */
  literals: string[][];
  /** The names as written (before analysis). */
  names: string[];
}

export interface ConceptHit {
  concept: Concept;
  /** Token indices [start, end) in the token list that was matched. */
  start: number;
  end: number;
}

/** Two-digit year shorthand: "wt18" ↔ "wt2018". */
function yearVariants(phrase: string): string[] {
  const out = [phrase];
  const m = /^([a-z]+)\s?(\d{2})$/i.exec(phrase.trim());
  if (m) out.push(`${m[1]}20${m[2]}`, `${m[1]} 20${m[2]}`, `${m[1]} ${m[2]}`);
  const m4 = /^([a-z]+)\s?20(\d{2})$/i.exec(phrase.trim());
  if (m4) out.push(`${m4[1]}${m4[2]}`, `${m4[1]} 20${m4[2]}`);
  const split = phrase.replace(/([a-z])(\d)/gi, '$1 $2');
  if (split !== phrase) out.push(split);
  return out;
}

/** A token the index pipeline leaves alone (the stemmer never touches a word ending in a digit). */
function conceptToken(prefix: string, label: string): string {
  const alnum = normaliseText(label).replace(/[^a-z0-9]+/g, '').slice(0, 30);
  const token = `${prefix}${alnum || 'x'}`;
  return stem(token) === token ? token : `${token}0`;
}

/** Small words a name can lose without changing what it names ("the Panel" is "Panel"). */
const DROPPABLE = new Set(['the', 'a', 'an', 'of', 'to', 'for', 'and', 'in', 'on', 'at', 'by', 'with', 'from']);

/**
 * A several-word name that stop-word removal reduces to one word is only safe
 * if the lost words were articles and prepositions: "every year" must not
 * become "year", or every mention of a year would mean annually.
 */
function isDegenerate(name: string, analysed: string[]): boolean {
  const words = tokenize(name);
  if (words.length < 2 || analysed.length > 1) return false;
  return words.some((w) => w.stop && !DROPPABLE.has(w.norm));
}

/** A phrase that is a stop word on its own ("IS", "US") needs capitals to count. */
function isCapitalOnly(phrase: string): boolean {
  const words = tokenize(phrase);
  return words.length === 1 && words[0]!.stop && /^[A-Z]{2,}$/.test(phrase.trim());
}

export function buildConcepts(terms: GlossaryTerm[], groups: string[][]): Concept[] {
  const concepts: Concept[] = [];
  const byPhrase = new Map<string, Concept>();
  const used = new Set<string>();
  const unique = (t: string) => {
    let token = t;
    let n = 2;
    while (used.has(token)) token = `${t}${n++}`;
    used.add(token);
    return token;
  };

  for (const t of terms) {
    const c = makeConcept('term', t.term, [t.term, t.standsFor, ...t.also], unique);
    concepts.push(c);
    for (const p of c.phrases) byPhrase.set(p.join(' '), c);
  }
  for (const group of groups) {
    if (group.length < 2) continue;
    // A group member that names a glossary entry brings all of that entry's spellings.
    const names = group.flatMap((member) => {
      const term = byPhrase.get(analysePhrase(member).join(' '));
      return term ? [member, ...term.names] : [member];
    });
    concepts.push(makeConcept('group', group[0]!, names, unique));
  }
  return concepts;
}

function makeConcept(kind: ConceptKind, label: string, names: string[], unique: (t: string) => string): Concept {
  const phrases: string[][] = [];
  const capitalForms: string[] = [];
  const literals: string[][] = [];
  const seen = new Set<string>();
  for (const name of names) {
    for (const v of yearVariants(name)) {
      if (isCapitalOnly(v)) {
        capitalForms.push(v.trim());
        continue;
      }
      const p = analysePhrase(v);
      const key = p.join(' ');
      if (p.length === 0 || seen.has(key)) continue;
      if (isDegenerate(v, p)) {
        literals.push(tokenize(v).map((t) => t.norm));
        continue;
      }
      seen.add(key);
      phrases.push(p);
    }
  }
  return { token: unique(conceptToken(kind === 'term' ? 'kw' : 'kg', label)), kind, label, phrases, capitalForms, literals, names };
}

/**
 * The longest reading wins: in "Working Together 2018" the shorter "Working
 * Together" (an alias of WT23) is not a mention of WT23, and in "delegated
 * safeguarding partner" the inner "safeguarding partner" is not the WT2018
 * role. A contained hit survives only if its concept also covers the longer span.
 */
function dropContained(hits: ConceptHit[]): ConceptHit[] {
  if (hits.length < 2) return hits;
  return hits.filter(
    (h) =>
      !hits.some(
        (t) =>
          t.start <= h.start &&
          t.end >= h.end &&
          t.end - t.start > h.end - h.start &&
          !hits.some((c) => c.concept === h.concept && c.start <= t.start && c.end >= t.end),
      ),
  );
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Finds concept phrases in token lists. Phrases are matched on index terms with
 * stop words skipped, so "Working Together to Safeguard Children" matches
 * "working together safeguard children" and "Working Together (to safeguard children)".
 */
export class ConceptMatcher {
  private readonly byFirst = new Map<string, { concept: Concept; phrase: string[] }[]>();
  private readonly capitals = new Map<string, Concept[]>();
  private readonly literalsByFirst = new Map<string, { concept: Concept; words: string[] }[]>();
  readonly concepts: Concept[];
  readonly byToken = new Map<string, Concept>();
  /** Every index term in any concept's names: words the glossary and synonyms know, so never typos. */
  readonly words = new Set<string>();

  constructor(concepts: Concept[]) {
    this.concepts = concepts;
    for (const c of concepts) {
      this.byToken.set(c.token, c);
      for (const phrase of c.phrases) {
        phrase.forEach((w) => this.words.add(w));
        pushTo(this.byFirst, phrase[0]!, { concept: c, phrase });
      }
      for (const words of c.literals) pushTo(this.literalsByFirst, words[0]!, { concept: c, words });
      for (const form of c.capitalForms) pushTo(this.capitals, form, c);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** All concept occurrences in the tokens (overlaps allowed: "chief constable" is both police and LSP). */
  match(tokens: TextToken[]): ConceptHit[] {
    const hits: ConceptHit[] = [];
    // Content positions: indices of non-stop tokens, so phrases skip stop words.
    const content: number[] = [];
    tokens.forEach((t, i) => {
      if (!t.stop) content.push(i);
      else {
        const caps = this.capitals.get(t.raw);
        if (caps) for (const concept of caps) hits.push({ concept, start: i, end: i + 1 });
      }
      for (const { concept, words } of this.literalsByFirst.get(t.norm) ?? []) {
        if (words.every((w, k) => tokens[i + k]?.norm === w)) hits.push({ concept, start: i, end: i + words.length });
      }
    });
    for (let ci = 0; ci < content.length; ci++) {
      const first = tokens[content[ci]!]!.term;
      const candidates = this.byFirst.get(first);
      if (!candidates) continue;
      const seen = new Set<Concept>();
      for (const { concept, phrase } of candidates) {
        if (seen.has(concept) || ci + phrase.length > content.length) continue;
        let ok = true;
        for (let k = 1; k < phrase.length; k++) {
          if (tokens[content[ci + k]!]!.term !== phrase[k]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          seen.add(concept);
          hits.push({ concept, start: content[ci]!, end: content[ci + phrase.length - 1]! + 1 });
        }
      }
    }
    return dropContained(hits);
  }

  /** Concept tokens present in a text (for the hidden index field). */
  tokensIn(text: string): string[] {
    const set = new Set<string>();
    for (const h of this.match(tokenize(text))) set.add(h.concept.token);
    return [...set];
  }
}
