/**
 * Icon checks: the size and transparency rules Teams applies to the two app icons.
 *
 * Teams rejects or mis-renders icons that break these rules only after upload, in the admin centre,
 * with little explanation; checking at packaging time gives the administrator a precise message.
 */
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** A pixel at least this opaque counts as part of the symbol. */
const VISIBLE_ALPHA = 32;
/** Channels this bright still count as white, allowing for editors that nudge edge pixels. */
const WHITE_FLOOR = 230;
/** The outline symbol must leave a real background; a solid square fails. */
const MIN_TRANSPARENT_SHARE = 0.2;

interface Decoded {
  width: number;
  height: number;
  data: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decode(label: string, bytes: Buffer): Decoded | string {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return `${label}: is not a PNG image`;
  try {
    // pngjs expands every colour type (palette, grey, tRNS) to 8-bit RGBA, so one reading covers them all.
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  } catch (error) {
    return `${label}: is not a readable PNG image (${error instanceof Error ? error.message : String(error)})`;
  }
}

function sizeProblem(label: string, image: Decoded, size: number): string | undefined {
  if (image.width === size && image.height === size) return undefined;
  return `${label}: must be ${size}×${size} pixels, found ${image.width}×${image.height}`;
}

/** The full-colour icon: 192×192 with something visible on it. */
export function checkColorIcon(label: string, bytes: Buffer): string[] {
  const image = decode(label, bytes);
  if (typeof image === 'string') return [image];
  const problems: string[] = [];
  const wrongSize = sizeProblem(label, image, COLOR_ICON_SIZE);
  if (wrongSize) problems.push(wrongSize);
  let visible = 0;
  for (let i = 3; i < image.data.length; i += 4) if ((image.data[i] ?? 0) >= VISIBLE_ALPHA) visible++;
  if (visible === 0) problems.push(`${label}: is completely transparent`);
  return problems;
}

/** The outline icon: 32×32, a transparent background, and a symbol drawn only in white. */
export function checkOutlineIcon(label: string, bytes: Buffer): string[] {
  const image = decode(label, bytes);
  if (typeof image === 'string') return [image];
  const problems: string[] = [];
  const wrongSize = sizeProblem(label, image, OUTLINE_ICON_SIZE);
  if (wrongSize) problems.push(wrongSize);

  const pixels = image.width * image.height;
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  let firstNotWhite = '';
  for (let p = 0; p < pixels; p++) {
    const o = p * 4;
    const [r, g, b, a] = [image.data[o] ?? 0, image.data[o + 1] ?? 0, image.data[o + 2] ?? 0, image.data[o + 3] ?? 0];
    if (a === 0) transparent++;
    if (a < VISIBLE_ALPHA) continue;
    visible++;
    if (r < WHITE_FLOOR || g < WHITE_FLOOR || b < WHITE_FLOOR) {
      if (notWhite === 0) firstNotWhite = ` (first at x=${p % image.width}, y=${Math.floor(p / image.width)}: rgb(${r}, ${g}, ${b}))`;
      notWhite++;
    }
  }

  if (transparent === 0) {
    problems.push(`${label}: has no transparent pixels; the outline icon must be white on a transparent background`);
  } else if (transparent / pixels < MIN_TRANSPARENT_SHARE) {
    const share = Math.round((100 * transparent) / pixels);
    problems.push(`${label}: background is not transparent (only ${share}% of pixels are); draw the symbol in white on transparent`);
  }
  if (visible === 0) problems.push(`${label}: is empty; draw the symbol in white`);
  if (notWhite > 0) problems.push(`${label}: ${notWhite} visible pixel(s) are not white${firstNotWhite}; the outline icon may use only white and transparency`);
  return problems;
}
