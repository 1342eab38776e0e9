/**
 * Icon drawing: our own app icons, drawn in code so that anyone can regenerate or adjust them.
 *
 * The motif is a shield (safeguarding) carrying a tick (the scrutiny checklist). The colour icon
 * is a white shield on a full-bleed navy square with the tick cut out in navy (about 10:1 contrast
 * both ways); the outline icon is the same shape in white on transparent, as Teams requires.
 *
 * Run `npx tsx src/teamsApp/drawIcons.ts` to rewrite manifest/color.png and manifest/outline.png.
 * The output is byte-for-byte reproducible, and a test keeps the committed files in step with it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Point = readonly [number, number];
type Rgba = readonly [number, number, number, number];

/** Navy background and tick colour; also the manifest's accentColor. */
export const ICON_NAVY = '#1D3F6E';
const NAVY: Rgba = [0x1d, 0x3f, 0x6e, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

/** Sub-samples per pixel along each axis; 4×4 gives smooth edges even at 32 pixels. */
const SUPERSAMPLE = 4;

function quadratic(p0: Point, c: Point, p1: Point, steps: number): Point[] {
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

function cubic(p0: Point, c0: Point, c1: Point, p1: Point, steps: number): Point[] {
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push([a * p0[0] + b * c0[0] + c * c1[0] + d * p1[0], a * p0[1] + b * c0[1] + c * c1[1] + d * p1[1]]);
  }
  return out;
}

/** A heater shield in a unit box: gently arched top, straight upper sides, curved to a point. */
function unitShield(): Point[] {
  const start: Point = [0, 0.12];
  return [
    start,
    ...quadratic(start, [0.5, -0.04], [1, 0.12], 24),
    [1, 0.5],
    ...cubic([1, 0.5], [1, 0.78], [0.72, 0.92], [0.5, 1], 24),
    ...cubic([0.5, 1], [0.28, 0.92], [0, 0.78], [0, 0.5], 24),
  ];
}

/** Tick through three points of the shield's unit box. */
const UNIT_TICK: Point[] = [
  [0.25, 0.53],
  [0.43, 0.7],
  [0.76, 0.36],
];

function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** Where the motif sits, as fractions of the icon's side. */
interface Layout {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Half the tick's stroke, as a fraction of the shield's width. */
  tickHalfWidth: number;
}

type Region = 'background' | 'shield' | 'tick';

function regionAt(layout: Layout): (x: number, y: number) => Region {
  const place = ([u, v]: Point): Point => [layout.left + u * layout.width, layout.top + v * layout.height];
  const shield = unitShield().map(place);
  const tick = UNIT_TICK.map(place);
  const half = layout.tickHalfWidth * layout.width;
  return (x, y) => {
    if (!insidePolygon(x, y, shield)) return 'background';
    for (let i = 0; i + 1 < tick.length; i++) {
      if (distanceToSegment(x, y, tick[i] as Point, tick[i + 1] as Point) <= half) return 'tick';
    }
    return 'shield';
  };
}

/** Rasterise with supersampling; colour is averaged by alpha so transparent samples add no tint. */
function render(size: number, colourOf: (x: number, y: number) => Rgba): Buffer {
  const data = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourOf((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = (py * size + px) * 4;
      data[o] = a === 0 ? 255 : Math.round(r / a);
      data[o + 1] = a === 0 ? 255 : Math.round(g / a);
      data[o + 2] = a === 0 ? 255 : Math.round(b / a);
      data[o + 3] = Math.round(a / n);
    }
  }
  return data;
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const png = new PNG({ width: size, height: size });
  rgba.copy(png.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/** 192×192 colour icon. The shield stays inside Teams' central safe area (about 120×120). */
export function drawColorIcon(): Buffer {
  const region = regionAt({ left: 0.24, top: 0.19, width: 0.52, height: 0.62, tickHalfWidth: 0.055 });
  return encodePng(192, render(192, (x, y) => (region(x, y) === 'shield' ? WHITE : NAVY)));
}

/** 32×32 outline icon: white shield, tick cut out, everything else transparent. */
export function drawOutlineIcon(): Buffer {
  const region = regionAt({ left: 0.105, top: 0.03, width: 0.79, height: 0.94, tickHalfWidth: 0.075 });
  return encodePng(32, render(32, (x, y) => (region(x, y) === 'shield' ? WHITE : CLEAR)));
}

/** Write both icons into a manifest folder. */
export function writeIcons(manifestDir: string): { color: string; outline: string } {
  const color = join(manifestDir, 'color.png');
  const outline = join(manifestDir, 'outline.png');
  writeFileSync(color, drawColorIcon());
  writeFileSync(outline, drawOutlineIcon());
  return { color, outline };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = writeIcons(fileURLToPath(new URL('../../manifest/', import.meta.url)));
  console.log(`wrote ${written.color} and ${written.outline}`);
}
