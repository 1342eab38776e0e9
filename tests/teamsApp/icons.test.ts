import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawColorIcon, drawOutlineIcon, ICON_NAVY } from '../../src/teamsApp/drawIcons.js';
import { checkColorIcon, checkOutlineIcon } from '../../src/teamsApp/icons.js';
import { filledManifest, MANIFEST_DIR } from './helpers.js';

type Paint = (x: number, y: number) => [number, number, number, number];

function png(width: number, height: number, paint: Paint): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(paint(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(image, { colorType: 6 });
}

/** A white disc on transparent: a minimal valid outline icon. */
const disc: Paint = (x, y) => (Math.hypot(x - 15.5, y - 15.5) < 12 ? [255, 255, 255, 255] : [0, 0, 0, 0]);

describe('committed icons', () => {
  const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
  const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));

  it('pass the Teams icon checks', () => {
    expect(checkColorIcon('color.png', color)).toEqual([]);
    expect(checkOutlineIcon('outline.png', outline)).toEqual([]);
  });

  it('are exactly what the drawing script produces', () => {
    expect(drawColorIcon().equals(color)).toBe(true);
    expect(drawOutlineIcon().equals(outline)).toBe(true);
  });

  it('use the manifest accent colour as the full-bleed background', () => {
    const image = PNG.sync.read(color);
    const corner = [...image.data.subarray(0, 4)];
    const hex = `#${corner.slice(0, 3).map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(hex).toBe(ICON_NAVY);
    expect(corner[3]).toBe(255);
    expect(filledManifest().accentColor).toBe(ICON_NAVY);
  });
});

describe('icon checks fail clearly', () => {
  it('on a colour icon of the wrong size', () => {
    const problems = checkColorIcon('color.png', png(200, 200, () => [29, 63, 110, 255]));
    expect(problems).toEqual(['color.png: must be 192×192 pixels, found 200×200']);
  });

  it('on a completely transparent colour icon', () => {
    expect(checkColorIcon('color.png', png(192, 192, () => [0, 0, 0, 0]))).toEqual(['color.png: is completely transparent']);
  });

  it('on an outline icon of the wrong size', () => {
    const problems = checkOutlineIcon('outline.png', png(192, 192, (x, y) => disc(x / 6, y / 6)));
    expect(problems).toEqual(['outline.png: must be 32×32 pixels, found 192×192']);
  });

  it('on an outline icon with no transparency', () => {
    const problems = checkOutlineIcon('outline.png', png(32, 32, () => [255, 255, 255, 255]));
    expect(problems).toEqual(['outline.png: has no transparent pixels; the outline icon must be white on a transparent background']);
  });

  it('on an outline icon whose background is mostly opaque', () => {
    const problems = checkOutlineIcon('outline.png', png(32, 32, (x, y) => (x === 0 && y === 0 ? [0, 0, 0, 0] : [255, 255, 255, 255])));
    expect(problems).toEqual(['outline.png: background is not transparent (only 0% of pixels are); draw the symbol in white on transparent']);
  });

  it('on an outline icon drawn in colour', () => {
    const problems = checkOutlineIcon('outline.png', png(32, 32, (x, y) => (disc(x, y)[3] ? [29, 63, 110, 255] : [0, 0, 0, 0])));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^outline\.png: \d+ visible pixel\(s\) are not white \(first at x=\d+, y=\d+: rgb\(29, 63, 110\)\); the outline icon may use only white and transparency$/);
  });

  it('on an empty outline icon', () => {
    expect(checkOutlineIcon('outline.png', png(32, 32, () => [0, 0, 0, 0]))).toEqual(['outline.png: is empty; draw the symbol in white']);
  });

  it('on a file that is not a PNG', () => {
    expect(checkOutlineIcon('outline.png', Buffer.from('<svg/>'))).toEqual(['outline.png: is not a PNG image']);
  });

  it('accepts a plain white symbol on transparent', () => {
    expect(checkOutlineIcon('outline.png', png(32, 32, disc))).toEqual([]);
  });
});
