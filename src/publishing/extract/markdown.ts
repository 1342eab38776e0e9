/**
 * Markdown → headings and paragraphs. A file with front-matter (a knowledge
 * file written the curated way) gives its title, publisher and date too; its
 * other fields are for the reviewers of knowledge/, and are not taken.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { splitFrontMatter } from '../../knowledge/loadCorpus.js';
import { splitSections } from '../../knowledge/markdown.js';
import { displayName, PublishError } from '../errors.js';
import type { DocBlock, ExtractedDocument } from '../blocks.js';

const Front = z
  .object({
    title: z.string().optional(),
    publisher: z.string().optional(),
    published: z.union([z.string(), z.number()]).optional(),
  })
  .passthrough();

export function extractMarkdown(bytes: Uint8Array, name: string): ExtractedDocument {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  let body = text;
  let properties: ExtractedDocument['properties'] = {};
  if (/^---\s*\n/.test(text)) {
    const split = splitFrontMatter(text);
    if (!('error' in split)) {
      body = split.body;
      try {
        const front = Front.safeParse(parseYaml(split.yaml));
        if (front.success) {
          properties = {
            ...(front.data.title ? { title: front.data.title } : {}),
            ...(front.data.publisher ? { author: front.data.publisher } : {}),
            ...(front.data.published !== undefined ? { date: String(front.data.published) } : {}),
          };
        }
      } catch {
        // Front-matter that is not YAML is simply not used; the body still reads.
      }
    }
  }
  const blocks: DocBlock[] = [];
  for (const section of splitSections(body)) {
    const heading = section.headingPath[section.headingPath.length - 1];
    if (section.level > 0 && heading) blocks.push({ kind: 'heading', level: section.level, text: heading });
    for (const b of section.blocks) blocks.push({ kind: 'paragraph', text: b.text });
  }
  const letters = blocks.reduce((n, b) => n + (b.text.match(/\p{L}/gu)?.length ?? 0), 0);
  if (letters < 40) throw new PublishError('no_text', `“${displayName(name)}” has almost no text, so there is nothing to publish.`);
  return { blocks, properties };
}
