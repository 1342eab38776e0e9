/**
 * Which kind of file a facilitator sent: PDF, Word (.docx) or Markdown, from its
 * name and, once downloaded, its first bytes (a renamed file is caught before any
 * parser sees it).
 */
import { displayName, PublishError } from './errors.js';

export type FileType = 'pdf' | 'docx' | 'md';

export const FILE_TYPE_LABELS: Record<FileType, string> = { pdf: 'PDF', docx: 'Word document', md: 'Markdown file' };

const WRONG_TYPE = (name: string, kind: string) =>
  `I can publish PDF, Word (.docx) and Markdown (.md) files, and “${displayName(name)}” is ${kind}, so I left everything as it was.`;

/** The type a name (or Teams' fileType field) says; throws wrong_type for anything else. */
export function fileTypeOf(name: string, teamsFileType?: string): FileType {
  const ext = (teamsFileType ?? /\.([a-z0-9]{1,10})$/i.exec(name)?.[1] ?? '').toLowerCase().replace(/^\./, '');
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'md' || ext === 'markdown') return 'md';
  const kind = ext === 'doc' ? 'an older Word format (.doc): save it as .docx first' : ext ? `a .${ext} file` : 'a file without a type';
  throw new PublishError('wrong_type', WRONG_TYPE(name, kind));
}

/** Check the downloaded bytes are what the name says (a .pdf starts %PDF-, a .docx is a zip, Markdown is text). */
export function checkContent(bytes: Uint8Array, type: FileType, name: string): void {
  const head = Buffer.from(bytes.subarray(0, 8));
  const corrupt = () => new PublishError('corrupt', `I couldn't open “${displayName(name)}”: it is not a readable ${FILE_TYPE_LABELS[type]}. It may be damaged; please save or export it again and send the new copy.`);
  if (bytes.length === 0) throw new PublishError('corrupt', `“${displayName(name)}” is empty, so there is nothing to publish.`);
  if (type === 'pdf' && !head.toString('latin1').startsWith('%PDF-')) throw corrupt();
  if (type === 'docx' && !(head[0] === 0x50 && head[1] === 0x4b)) throw corrupt();
  if (type === 'md' && bytes.subarray(0, 4096).includes(0)) throw corrupt();
}
