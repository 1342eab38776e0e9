/**
 * PDF → headings and paragraphs, with unpdf (a maintained packaging of Mozilla's
 * PDF.js that runs in Node without a worker or a canvas).
 *
 * PDF has no paragraphs or headings, only positioned runs of text, so we
 * rebuild them: runs on one baseline make a line; a line in a larger type than
 * the body text is a heading (the larger, the higher); a bigger gap than the
 * line spacing starts a new paragraph. A file that needs a password, has no
 * text layer (a scan) or will not parse is refused with its own message.
 */
import { getDocumentProxy } from 'unpdf';
import { displayName, PublishError } from '../errors.js';
import { oneLine, type DocBlock, type ExtractedDocument } from '../blocks.js';

/** More pages than any briefing has; a bigger file is read only this far. */
const MAX_PAGES = 300;

interface Line {
  text: string;
  size: number;
  y: number;
  page: number;
}

interface TextRun {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

function isTextRun(item: unknown): item is TextRun {
  return typeof item === 'object' && item !== null && typeof (item as TextRun).str === 'string' && Array.isArray((item as TextRun).transform);
}

/** "D:20261120090000Z" → "2026-11-20". */
export function pdfDate(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

async function linesOf(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<Line[]> {
  const lines: Line[] = [];
  for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    let current: Line | undefined;
    for (const item of content.items) {
      if (!isTextRun(item)) continue;
      const size = Math.round(Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) * 10) / 10;
      const y = item.transform[5] ?? 0;
      if (current && Math.abs(current.y - y) <= Math.max(2, current.size * 0.3)) {
        current.text += item.str;
        current.size = Math.max(current.size, item.str.trim() ? size : 0);
      } else if (item.str.trim()) {
        if (current) lines.push(current);
        current = { text: item.str, size, y, page: n };
      }
      if (item.hasEOL && current) {
        lines.push(current);
        current = undefined;
      }
    }
    if (current) lines.push(current);
    page.cleanup();
  }
  return lines.map((l) => ({ ...l, text: oneLine(l.text) })).filter((l) => l.text);
}

/** The body text size: the size most characters are set in. */
function bodySize(lines: readonly Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

export function blocksFromLines(lines: readonly Line[]): DocBlock[] {
  const body = bodySize(lines);
  const headingSizes = [...new Set(lines.filter((l) => l.size > body * 1.15).map((l) => l.size))].sort((a, b) => b - a);
  const blocks: DocBlock[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const level = headingSizes.indexOf(line.size) + 1;
    const last = blocks[blocks.length - 1];
    const sameRun = previous && previous.page === line.page && previous.size === line.size && previous.y - line.y <= line.size * 1.75;
    // A line too long for a heading is body text in a large type (a pull quote); keep it as a paragraph.
    if (level > 0 && line.text.length <= 200) {
      if (last?.kind === 'heading' && last.level === level && sameRun) last.text += ` ${line.text}`;
      else blocks.push({ kind: 'heading', level, text: line.text });
    } else if (last?.kind === 'paragraph' && (sameRun || (previous && previous.page !== line.page && !/[.!?:]$/.test(last.text)))) {
      last.text = last.text.endsWith('-') ? `${last.text.slice(0, -1)}${line.text}` : `${last.text} ${line.text}`;
    } else {
      blocks.push({ kind: 'paragraph', text: line.text });
    }
    previous = line;
  }
  return blocks;
}

export async function extractPdf(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given: pass a copy.
    // No eval of PDF functions: a briefing needs its text, not its drawings compiled.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 } as Parameters<typeof getDocumentProxy>[1]);
  } catch (error) {
    if ((error as { name?: string }).name === 'PasswordException') {
      throw new PublishError('encrypted', `“${displayName(name)}” is protected with a password, so I can't read it. Please send a copy saved without a password.`);
    }
    throw new PublishError('corrupt', `I couldn't open “${displayName(name)}”: it is not a readable PDF. It may be damaged; please export it again and send the new copy.`);
  }
  try {
    const lines = await linesOf(pdf);
    const letters = lines.reduce((n, l) => n + (l.text.match(/\p{L}/gu)?.length ?? 0), 0);
    if (letters < 40) {
      throw new PublishError(
        'no_text',
        `“${displayName(name)}” has no text layer: its pages are images (a scan, or slides saved as pictures). I don't read text from images, so please send a PDF exported from the original document, or the Word file itself.`,
      );
    }
    const meta = await pdf.getMetadata().catch(() => ({ info: {} }));
    const info = (meta.info ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? oneLine(v) : undefined);
    return { blocks: blocksFromLines(lines), properties: { title: str(info.Title), author: str(info.Author), date: pdfDate(info.CreationDate) } };
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw new PublishError('corrupt', `I couldn't read the text of “${displayName(name)}”: part of the PDF is damaged. Please export it again and send the new copy.`);
  } finally {
    await Promise.resolve(pdf.loadingTask?.destroy()).catch(() => undefined);
  }
}
