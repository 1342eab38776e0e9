/**
 * Word (.docx) → headings and paragraphs, with mammoth (maintained, pure
 * JavaScript, maps Word's paragraph styles to HTML headings).
 *
 * mammoth's HTML is regular (h1–h6, p, li, table cells), so reading it back into
 * blocks needs no HTML library. The Word "Title" style is the title; Heading 1
 * to 4 sit below it. Images are dropped: no OCR.
 */
import { displayName, PublishError } from '../errors.js';
import { oneLine, type DocBlock, type ExtractedDocument } from '../blocks.js';

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h5:fresh",
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? whole;
    });
}

/** mammoth's HTML → blocks: each heading, paragraph, list item or table cell row. */
export function blocksFromHtml(html: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const element = /<(h[1-6]|p|li|tr)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  for (const m of html.matchAll(element)) {
    const tag = m[1]!.toLowerCase();
    const inner = tag === 'tr' ? (m[2] ?? '').replace(/<\/t[dh]>/gi, ' | ') : (m[2] ?? '');
    const text = oneLine(decodeHtml(inner.replace(/<(ul|ol|table)\b[\s\S]*$/i, ''))).replace(/\s*\|\s*$/, '');
    if (!text) continue;
    if (tag.startsWith('h')) blocks.push({ kind: 'heading', level: Number(tag.slice(1)), text });
    else blocks.push({ kind: 'paragraph', text: tag === 'li' ? `- ${text}` : text });
  }
  return blocks;
}

export async function extractDocx(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
  let html: string;
  // Loaded on first use: Word files reach the bot rarely (a facilitator publishing), and mammoth
  // with its zip and XML libraries is about 2 MB of heap and 40 ms of start-up every process would pay.
  const { default: mammoth } = await import('mammoth');
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
  } catch (error) {
    const message = String((error as Error).message ?? '');
    if (/encrypt|password/i.test(message)) {
      throw new PublishError('encrypted', `“${displayName(name)}” is protected with a password, so I can't read it. Please send a copy saved without a password.`);
    }
    throw new PublishError('corrupt', `I couldn't open “${displayName(name)}”: it is not a readable Word document. It may be damaged; please save it again as .docx and send the new copy.`);
  }
  const blocks = blocksFromHtml(html);
  const letters = blocks.reduce((n, b) => n + (b.text.match(/\p{L}/gu)?.length ?? 0), 0);
  if (letters < 40) {
    throw new PublishError('no_text', `“${displayName(name)}” has almost no text (perhaps only pictures of pages). I don't read text from images, so please send the document with its text.`);
  }
  const first = blocks[0];
  return { blocks, properties: first?.kind === 'heading' && first.level === 1 ? { title: first.text } : {} };
}
