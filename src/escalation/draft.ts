/**
 * "Add to the guidance": an answered ticket written out as a draft knowledge
 * entry for a maintainer to review. Drafts live in the knowledge folder's
 * `drafts/`, which the corpus loader skips, so nothing a facilitator writes in
 * a hurry is indexed until someone has read it and moved it out.
 *
 * The front matter meets the corpus schema, so moving the file is all it takes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Topic } from '../knowledge/frontMatter.js';
import type { Ticket } from './tickets.js';

export const DRAFTS_DIR = 'drafts';

export function draftId(t: Pick<Ticket, 'id'>): string {
  return `facilitator-answer-${t.id.toLowerCase()}`;
}

/** The draft's Markdown: front matter, the question as the heading, the answer as the body. */
export function draftMarkdown(t: Ticket, topic: Topic, at: Date): string {
  const title = t.question.replace(/\s+/g, ' ').trim();
  const frontMatter = {
    id: draftId(t),
    title: title.length > 120 ? `${title.slice(0, 117)}…` : title,
    kind: 'guidance',
    topic,
    publisher: 'LSCP Assistant facilitators',
    published: at.toISOString().slice(0, 10),
    author: t.answeredBy?.name ?? 'a facilitator',
    source: { document: `facilitator answer to question ${t.id}` },
    audience: ['chief officers', 'delegates'],
    tags: ['facilitator answer', 'draft'],
  };
  const related = t.sources.length > 0 ? `\n\n## Related guidance\n\n${t.sources.map((s) => `- ${s.title} (${s.dateLabel})`).join('\n')}` : '';
  return `---\n${stringify(frontMatter).trimEnd()}\n---\n\n# ${title}\n\n${t.answer ?? ''}${related}\n`;
}

export function draftPath(t: Pick<Ticket, 'id'>): string {
  return `${DRAFTS_DIR}/${draftId(t)}.md`;
}

/** Write the draft; returns its path relative to the knowledge folder. Refuses to overwrite (EEXIST). */
export async function writeDraft(knowledgeDir: string, t: Ticket, topic: Topic, at = new Date()): Promise<string> {
  const rel = draftPath(t);
  await mkdir(path.join(knowledgeDir, DRAFTS_DIR), { recursive: true });
  await writeFile(path.join(knowledgeDir, rel), draftMarkdown(t, topic, at), { encoding: 'utf8', flag: 'wx' });
  return rel;
}
