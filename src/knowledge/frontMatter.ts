/**
 * Front-matter: the metadata block at the top of every knowledge document.
 *
 * A facilitator adds a briefing by dropping one Markdown file into `knowledge/`;
 * this schema is the contract that file must meet. Keep messages plain: they are
 * printed by `npm run knowledge -- check` as `file:line: message`.
 */
import { z } from 'zod';

export const KINDS = [
  'guidance',
  'briefing',
  'research',
  'practice-example',
  'review',
  'glossary',
  'checklist',
  'about',
] as const;
export type Kind = (typeof KINDS)[number];

/** The knowledge areas the `topics` command offers, in the order it shows them. */
export const TOPICS = [
  'scrutiny',
  'leadership',
  'agencies-schools',
  'learning-reviews',
  'national-reviews',
  'practice-examples',
  'glossary',
  'checklist',
  'about',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  scrutiny: 'Independent scrutiny',
  leadership: 'Leadership and delegation',
  'agencies-schools': 'Relevant agencies and schools',
  'learning-reviews': 'Learning from reviews',
  'national-reviews': 'National reviews and reforms',
  'practice-examples': 'Practice examples by area',
  glossary: 'Glossary',
  checklist: 'Checklist for Independent Scrutiny',
  about: 'About LSCP Assistant',
};

/** YYYY, YYYY-MM or YYYY-MM-DD: sources are often dated only to the month or year. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD');

const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens (kebab-case)');

/** Personal contact details must never reach the corpus (see the README's data rules). */
const noContactDetails = (s: string) =>
  !/[\w.+-]+@[\w-]+\.[\w.-]+/.test(s) && !/(\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b/.test(s);

export const GlossaryTerm = z.object({
  term: z.string().min(1),
  standsFor: z.string().min(1),
  also: z.array(z.string().min(1)).default([]),
  definition: z.string().min(1),
  /** When the term names something replaced, say by what (e.g. CCG → ICB). */
  supersededBy: z.string().optional(),
});
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

export const FrontMatter = z
  .object({
    id: Id,
    title: z.string().min(3),
    kind: z.enum(KINDS),
    topic: z.enum(TOPICS),
    publisher: z.string().min(2),
    published: PartialDate,
    source: z
      .object({
        document: z.string().min(3),
        url: z.string().url().optional(),
        seed: z.string().optional(),
      })
      .strict(),
    audience: z.array(z.string().min(1)).min(1),
    tags: z.array(z.string().min(1)).default([]),
    /** Area name for practice examples (e.g. "Essex"). */
    area: z.string().optional(),
    supersededBy: Id.optional(),
    supersededNote: z.string().optional(),
    /** Who wrote it, when that is a person (a facilitator's answer turned into guidance). */
    author: z.string().min(2).optional(),
    /** A briefing's three to five key points, in our own words: the notice card sent to subscribers shows them. */
    keyPoints: z.array(z.string().trim().min(10).max(300)).min(3).max(5).optional(),
    /** Glossary documents carry their terms as data so `define` and query expansion can use them. */
    terms: z.array(GlossaryTerm).optional(),
  })
  .strict()
  .superRefine((fm, ctx) => {
    if (fm.kind === 'glossary' && (!fm.terms || fm.terms.length === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['terms'], message: 'a glossary needs a list of terms' });
    }
    if (fm.kind === 'practice-example' && !fm.area) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['area'], message: 'a practice example needs the area it comes from' });
    }
    const text = JSON.stringify(fm);
    if (!noContactDetails(text)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'remove personal e-mail addresses and phone numbers' });
    }
  });
export type FrontMatter = z.infer<typeof FrontMatter>;

export { noContactDetails };
