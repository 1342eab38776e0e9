/**
 * A published briefing as a knowledge document: the facilitator's title, date,
 * publisher and key points as front-matter over the extracted passages, checked
 * by the same validator as the curated files (so a published briefing can never
 * be something knowledge/ would refuse), and a stable id made from its title.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { PartialDate, TOPICS, type Topic } from '../knowledge/frontMatter.js';
import { parseMarkdownDocument } from '../knowledge/loadCorpus.js';
import { chunkMarkdown } from '../knowledge/chunk.js';
import { slugify } from '../knowledge/markdown.js';
import { PublishError } from './errors.js';

/** Topics a briefing can sit under (the others are the glossary's, the checklist's and the bot's own). */
export const BRIEFING_TOPICS = TOPICS.filter((t) => !['glossary', 'checklist', 'about'].includes(t)) as Topic[];

export const AUDIENCE = ['chief officers', 'delegated safeguarding partners', 'scrutineers', 'business managers', 'practitioners'];

export const PublicationDetails = z.object({
  title: z.string().trim().min(3, 'a title of at least 3 characters').max(200, 'a title under 200 characters'),
  date: PartialDate,
  publisher: z.string().trim().min(2, 'a publisher').max(120, 'a publisher name under 120 characters'),
  topic: z.enum(BRIEFING_TOPICS as [Topic, ...Topic[]]),
  keyPoints: z
    .array(z.string().trim().min(10, 'key points of at least 10 characters each').max(300, 'key points under 300 characters each'))
    .min(3, 'three to five key points')
    .max(5, 'no more than five key points'),
  supersedes: z.string().trim().max(200).optional(),
});
export type PublicationDetails = z.infer<typeof PublicationDetails>;

/** One line naming what is missing or wrong, from zod's issues. */
export function detailsProblem(error: z.ZodError): string {
  const wanted = [...new Set(error.issues.map((i) => (i.path[0] === 'date' ? 'a date as YYYY-MM-DD' : i.message)))];
  return `Please give ${wanted.join(', ')}; nothing was published.`;
}

export interface BriefingSource {
  id: string;
  details: PublicationDetails;
  body: string;
  fileName: string;
  publishedByName: string;
  publishedAt: string;
}

/** The Markdown knowledge document for a publication. */
export function briefingMarkdown(b: BriefingSource): string {
  const front = {
    id: b.id,
    title: b.details.title,
    kind: 'briefing',
    topic: b.details.topic,
    publisher: b.details.publisher,
    published: b.details.date,
    source: { document: `${b.fileName}, published in Teams by ${b.publishedByName} on ${b.publishedAt.slice(0, 10)}` },
    audience: AUDIENCE,
    tags: [],
    keyPoints: b.details.keyPoints,
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${b.body}`;
}

/** Check the document as the corpus loader will; throws a PublishError naming the first problem. */
export function checkBriefing(b: BriefingSource): { passages: number } {
  const parsed = parseMarkdownDocument(briefingMarkdown(b), `publications/${b.id}.md`);
  const error = parsed.problems.find((p) => p.severity === 'error');
  if (error || !parsed.document) {
    const message = error?.message ?? 'the briefing could not be read';
    throw new PublishError('invalid', /e-mail|phone/.test(message) ? 'Please take personal e-mail addresses and phone numbers out of the title, publisher and key points; nothing was published.' : `That briefing cannot be published: ${message}.`);
  }
  const passages = chunkMarkdown({ id: b.id, title: b.details.title, body: parsed.document.body, bodyStartLine: parsed.document.bodyStartLine, tags: [] }).length;
  if (passages === 0) throw new PublishError('invalid', 'That briefing has no paragraphs of text to search, so it was not published.');
  return { passages };
}

/** A new id from the title and year, not used by any document or earlier publication. */
export function newBriefingId(title: string, date: string, taken: ReadonlySet<string>): string {
  const year = date.slice(0, 4);
  // At most 56 characters, cut at a word (slugify would cut inside one).
  const full = slugify(title, 200);
  const words = full.length <= 56 ? full : full.slice(0, full.lastIndexOf('-', 56) > 0 ? full.lastIndexOf('-', 56) : 56);
  const base = (year && !words.includes(year) ? `${words}-${year}` : words).replace(/^-+|-+$/g, '') || `briefing-${year || 'new'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
