/**
 * A file becomes a draft briefing: extracted, its title kept out of the body,
 * contact details taken out, split into passages exactly as the knowledge files
 * are, and the details it states (title, date, publisher) found for the card.
 *
 * The draft is stored as JSON (DraftContent) until it is published or
 * discarded, so nothing is lost if the bot restarts in between.
 */
import { z } from 'zod';
import { chunkMarkdown } from '../knowledge/chunk.js';
import { blocksToMarkdown, oneLine, type DocBlock, type ExtractedDocument } from './blocks.js';
import { findDetails } from './details.js';
import { displayName, PublishError } from './errors.js';
import { extractDocx } from './extract/docx.js';
import { extractMarkdown } from './extract/markdown.js';
import { extractPdf } from './extract/pdf.js';
import { checkContent, type FileType } from './fileTypes.js';

/** A briefing is a few pages; this is a book. */
export const MAX_BODY_CHARS = 400_000;

export const DraftContent = z.object({
  fileName: z.string().min(1).max(200),
  fileType: z.enum(['pdf', 'docx', 'md']),
  title: z.string().max(200),
  date: z.string().max(10),
  publisher: z.string().max(120),
  headings: z.array(z.string().max(200)).max(5),
  passages: z.number().int().min(1),
  body: z.string().min(1).max(MAX_BODY_CHARS + 10_000),
  /** How many e-mail addresses and phone numbers were taken out. */
  redacted: z.number().int().min(0),
});
export type DraftContent = z.infer<typeof DraftContent>;

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const PHONE = /(\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g;
export const REDACTED = '[contact details removed]';

/** Personal contact details never reach the index (the same rule as the knowledge files). */
export function redactContacts(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(EMAIL, () => (count++, REDACTED)).replace(PHONE, () => (count++, REDACTED));
  return { text: out, count };
}

export async function extractFile(bytes: Uint8Array, name: string, type: FileType): Promise<ExtractedDocument> {
  checkContent(bytes, type, name);
  if (type === 'pdf') return extractPdf(bytes, name);
  if (type === 'docx') return extractDocx(bytes, name);
  return extractMarkdown(bytes, name);
}

const sameText = (a: string, b: string) => oneLine(a).toLowerCase() === oneLine(b).toLowerCase();

export function draftFromDocument(doc: ExtractedDocument, name: string, type: FileType): DraftContent {
  const details = findDetails(doc, name);
  // The title is the document's own: a heading (or opening line) repeating it is not a section.
  const blocks: DocBlock[] = [...doc.blocks];
  if (blocks[0] && sameText(blocks[0].text, details.title)) blocks.shift();
  let redacted = 0;
  const clean = blocks.map((b) => {
    const r = redactContacts(b.text);
    redacted += r.count;
    return { ...b, text: r.text };
  });
  const body = blocksToMarkdown(clean);
  if (body.length > MAX_BODY_CHARS) {
    throw new PublishError('too_long', `“${displayName(name)}” has about ${Math.round(body.length / 1000)},000 characters of text, far more than a briefing (the limit is ${MAX_BODY_CHARS / 1000},000). Please publish a shorter briefing that points to the full document.`);
  }
  const passages = chunkMarkdown({ id: 'draft', title: details.title, body, bodyStartLine: 1, tags: [] }).length;
  if (passages === 0) throw new PublishError('no_text', `I found no paragraphs of text in “${displayName(name)}”, so there is nothing to publish.`);
  const title = redactContacts(details.title).text;
  return {
    fileName: displayName(name),
    fileType: type,
    title,
    date: details.date,
    publisher: redactContacts(details.publisher).text,
    headings: clean.filter((b) => b.kind === 'heading').slice(0, 5).map((b) => b.text.slice(0, 200)),
    passages,
    body,
    redacted,
  };
}

/** Bytes → draft, or a PublishError saying why not. */
export async function readDraft(bytes: Uint8Array, name: string, type: FileType): Promise<DraftContent> {
  return draftFromDocument(await extractFile(bytes, name, type), name, type);
}
