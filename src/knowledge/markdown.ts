/**
 * Markdown reader: splits a document body into sections at headings and turns
 * each section into plain text for display in a Teams card.
 *
 * Deliberately small (no Markdown library): the corpus uses headings,
 * paragraphs, lists, tables, emphasis and links, and we need line numbers and
 * stable plain text more than full CommonMark fidelity.
 */

export interface Section {
  level: number;
  /** Heading texts from the top of the document down to this section (plain text). */
  headingPath: string[];
  /** 1-based line in the file of the heading (or of the first body line for the preamble). */
  line: number;
  /** Plain-text blocks: one per paragraph, list item or table row. */
  blocks: Block[];
  /** How readers ask for this section, from `<!-- asked: … | … -->` lines (searched, never shown). */
  asked: string[];
}

export interface Block {
  text: string;
  line: number;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^\s*(```|~~~)/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
/**
 * `<!-- asked: who are the lsps | which chiefs lead now -->` under a heading: the
 * words readers use for what the section says. An HTML comment, so any
 * Markdown viewer hides it and the passage shown in a card never contains it.
 */
const ASKED = /^\s*<!--\s*asked\s*:(.*?)-->\s*$/i;
/** Bounds on one asked question: a few words, never a paragraph. */
export const ASKED_MIN_CHARS = 3;
export const ASKED_MAX_CHARS = 160;

/** The questions of an asked line ("a | b" → ["a", "b"]), or undefined if the line is not one. */
export function askedQuestions(line: string): string[] | undefined {
  const m = ASKED.exec(line);
  return m ? m[1]!.split('|').map((q) => q.replace(/\s+/g, ' ').trim()).filter(Boolean) : undefined;
}

/**
 * Problems with asked lines, for `knowledge check`: one that is not directly under
 * a heading (it would attach to the wrong passage) or a question of the wrong size.
 */
export function askedProblems(body: string, firstLine = 1): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  let previous = '';
  body.replace(/\r\n?/g, '\n').split('\n').forEach((line, i) => {
    const questions = askedQuestions(line);
    if (questions) {
      const lineNo = firstLine + i;
      if (!HEADING.test(previous) && askedQuestions(previous) === undefined) {
        out.push({ line: lineNo, message: 'an asked line belongs directly under a heading (it was ignored)' });
      } else if (questions.length === 0) {
        out.push({ line: lineNo, message: 'the asked line has no questions: separate them with |' });
      }
      for (const q of questions) {
        if (q.length < ASKED_MIN_CHARS || q.length > ASKED_MAX_CHARS) {
          out.push({ line: lineNo, message: `asked question "${q.slice(0, 40)}" should be ${ASKED_MIN_CHARS} to ${ASKED_MAX_CHARS} characters (it was ignored)` });
        }
      }
    }
    if (line.trim()) previous = line;
  });
  return out;
}

/** Inline Markdown → plain text: "**67 of 100** [VKPP](http://x)" → "67 of 100 VKPP". */
export function inlineToPlain(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => inlineToPlain(c));
}

/** A table row as one readable line: "Essex: Schools; 552 education settings". */
function rowText(cells: string[]): string {
  const filled = cells.filter((c) => c.length > 0);
  if (filled.length === 0) return '';
  if (filled.length === 1) return filled[0]!;
  return `${filled[0]}: ${filled.slice(1).join('; ')}`;
}

/**
 * Split a body into sections. `firstLine` is the file line of the body's first
 * line, so every section and block knows where it came from.
 */
export function splitSections(body: string, firstLine = 1): Section[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Section = { level: 0, headingPath: [], line: firstLine, blocks: [], asked: [] };
  let afterHeading = false;
  sections.push(current);

  let paragraph: string[] = [];
  let paragraphLine = 0;
  let listItem: string[] | null = null;
  let listLine = 0;
  let listMarker = '';
  let tableHeader: string[] | null = null;
  let inFence = false;
  let inComment = false;

  const flushParagraph = () => {
    if (paragraph.length) {
      const text = inlineToPlain(paragraph.join(' '));
      if (text) current.blocks.push({ text, line: paragraphLine });
    }
    paragraph = [];
  };
  const flushList = () => {
    if (listItem) {
      const text = inlineToPlain(listItem.join(' '));
      if (text) current.blocks.push({ text: `${listMarker} ${text}`, line: listLine });
    }
    listItem = null;
  };
  const flushAll = () => {
    flushParagraph();
    flushList();
    tableHeader = null;
  };

  lines.forEach((line, i) => {
    const lineNo = firstLine + i;
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      return;
    }
    const asked = inFence ? undefined : askedQuestions(line);
    if (asked) {
      // Only directly under a heading; anywhere else it would describe the wrong passage (see askedProblems).
      if (afterHeading) current.asked.push(...asked.filter((q) => q.length >= ASKED_MIN_CHARS && q.length <= ASKED_MAX_CHARS));
      return;
    }
    if (line.trim()) afterHeading = false;
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      flushAll();
      inComment = true;
      return;
    }
    if (FENCE.test(line)) {
      flushAll();
      inFence = !inFence;
      return;
    }
    if (inFence) {
      if (line.trim()) current.blocks.push({ text: line.trim(), line: lineNo });
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushAll();
      const level = heading[1]!.length;
      const text = inlineToPlain(heading[2]!);
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text });
      current = { level, headingPath: stack.map((s) => s.text), line: lineNo, blocks: [], asked: [] };
      sections.push(current);
      afterHeading = true;
      return;
    }
    if (!line.trim()) {
      flushParagraph();
      // A blank line ends a list item only if the next line is not indented continuation; keep it simple.
      flushList();
      tableHeader = null;
      return;
    }
    if (RULE.test(line) && !TABLE_ROW.test(line)) {
      flushAll();
      return;
    }
    if (TABLE_ROW.test(line)) {
      flushParagraph();
      flushList();
      if (TABLE_RULE.test(line)) return;
      const cells = splitRow(line);
      if (!tableHeader) {
        tableHeader = cells;
        const text = cells.filter(Boolean).join(' | ');
        if (text) current.blocks.push({ text, line: lineNo });
        return;
      }
      const text = rowText(cells);
      if (text) current.blocks.push({ text, line: lineNo });
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      flushList();
      const marker = item[2]!;
      const depth = Math.floor(item[1]!.replace(/\t/g, '  ').length / 2);
      listMarker = `${'  '.repeat(depth)}${/\d/.test(marker) ? marker.replace(')', '.') : '•'}`;
      listItem = [item[3]!];
      listLine = lineNo;
      return;
    }
    if (listItem && /^\s+\S/.test(line)) {
      (listItem as string[]).push(line.trim());
      return;
    }
    flushList();
    const quoted = line.replace(/^\s*>\s?/, '');
    if (!paragraph.length) paragraphLine = lineNo;
    paragraph.push(quoted.trim());
  });
  flushAll();
  return sections;
}

/** URL-safe, stable slug: "Purpose of scrutiny (WT2018)" → "purpose-of-scrutiny-wt2018". */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug.slice(0, maxLength).replace(/-+$/, '') || 'section');
}
