/**
 * What every extractor produces: the document as headings and paragraphs, plus
 * whatever its own properties say (title, author, date). Turning that into the
 * Markdown the chunker reads is one function here, so PDF, Word and Markdown
 * briefings become passages the same way.
 */

export type DocBlock = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

export interface ExtractedDocument {
  blocks: DocBlock[];
  /** From the file's own properties, when it has them. */
  properties: { title?: string; author?: string; date?: string };
}

/** One line of plain text: no line breaks, runs of spaces collapsed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text that must not be read as Markdown structure (a heading, a comment, a rule) when it is a paragraph. */
function asParagraph(text: string): string {
  return oneLine(text)
    .replace(/<!--|-->/g, ' ')
    .replace(/^([#>|]|[-*_]{3,})/, '\\$1');
}

/**
 * The body Markdown: headings become `##` and below (the title is the document's own, kept out of the
 * body), paragraphs stay one per line pair.
 */
export function blocksToMarkdown(blocks: readonly DocBlock[]): string {
  const levels = [...new Set(blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : [])))].sort((a, b) => a - b);
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const depth = Math.min(2 + levels.indexOf(b.level), 6);
      const text = oneLine(b.text).replace(/<!--|-->/g, ' ').replace(/#+$/, '').trim();
      if (text) out.push(`${'#'.repeat(depth)} ${text}`);
    } else {
      const text = asParagraph(b.text);
      if (text) out.push(text);
    }
  }
  return `${out.join('\n\n')}\n`;
}
