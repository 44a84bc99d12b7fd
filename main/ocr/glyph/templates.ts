import { createCanvas } from '@napi-rs/canvas';
import { ocrBAvailable, TEMPLATE_FAMILY } from './font.ts';

/**
 * OCR-B characters drawn at a given capital height: the references the glyph classifier compares
 * a crop of the document with. Ink is 0–1 (anti-aliased), the glyph's ink box centred in a
 * margin of blank paper, because the blank around a glyph is evidence too (the digit 0 is taller
 * than the letter O: its top and bottom fall where an O leaves paper).
 */

export interface Template {
  width: number;
  height: number;
  /** Ink, 0 (paper) to 1 (full ink), row by row. */
  ink: Float32Array;
  /** Zero-mean ink (ink minus its mean) over its norm: what a correlation multiplies. */
  normalised: Float32Array;
  /** Where the ink box's centre is in the template. */
  centreX: number;
  centreY: number;
}

/** Masters are drawn once per character at this capital height, then reduced by area averaging. */
const MASTER_CAP = 160;
const masters = new Map<string, Master>();
const cache = new Map<string, Template>();

interface Master {
  side: number;
  /** Integral image of ink, (side + 1)², for area averages. */
  integral: Float64Array;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function masterOf(char: string): Master {
  const known = masters.get(char);
  if (known !== undefined) return known;
  // Another face would silently make every comparison meaningless.
  if (!ocrBAvailable()) throw new Error('OCR-B font not found (Debian package fonts-ocr-b)');
  const probe = createCanvas(8, 8).getContext('2d');
  probe.font = `100px '${TEMPLATE_FAMILY}'`;
  const size = (MASTER_CAP / probe.measureText('H').actualBoundingBoxAscent) * 100;
  const side = Math.ceil(size * 1.6);
  const canvas = createCanvas(side, side);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#000000';
  context.font = `${size.toFixed(3)}px '${TEMPLATE_FAMILY}'`;
  context.fillText(char, size * 0.2, side - size * 0.4);
  const rgba = context.getImageData(0, 0, side, side).data;
  const integral = new Float64Array((side + 1) * (side + 1));
  let [minX, maxX, minY, maxY] = [side, -1, side, -1];
  for (let y = 0; y < side; y++) {
    let row = 0;
    for (let x = 0; x < side; x++) {
      const ink = (255 - rgba[(y * side + x) * 4]!) / 255;
      row += ink;
      integral[(y + 1) * (side + 1) + x + 1] = integral[y * (side + 1) + x + 1]! + row;
      if (ink > 0.5) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  const master = { side, integral, minX, maxX: maxX + 1, minY, maxY: maxY + 1 };
  masters.set(char, master);
  return master;
}

/** The characters of an MRZ: every template the evidence may ask for is drawn from one of these. */
const MRZ_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/**
 * Draws every character's master now, so the first read does not pay for it. The OCR process
 * calls it while its tesseract worker loads in another thread. Without OCR-B it draws nothing
 * (the evidence then falls back on check digits alone, as on any read).
 */
export function prepareGlyphMasters(): void {
  if (!ocrBAvailable()) return;
  for (const char of MRZ_CHARACTERS) masterOf(char);
}

/** Mean ink of the master over [x0, x1) × [y0, y1) (fractional, clamped to the master). */
function areaMean(master: Master, x0: number, y0: number, x1: number, y1: number): number {
  const { side, integral } = master;
  const at = (x: number, y: number): number => {
    // Bilinear in the integral image: exact area sums for fractional corners.
    const cx = Math.min(side, Math.max(0, x));
    const cy = Math.min(side, Math.max(0, y));
    const ix = Math.min(side - 1, Math.floor(cx));
    const iy = Math.min(side - 1, Math.floor(cy));
    const fx = cx - ix;
    const fy = cy - iy;
    const w = side + 1;
    const a = integral[iy * w + ix]! * (1 - fx) + integral[iy * w + ix + 1]! * fx;
    const b = integral[(iy + 1) * w + ix]! * (1 - fx) + integral[(iy + 1) * w + ix + 1]! * fx;
    return a * (1 - fy) + b * fy;
  };
  const area = (x1 - x0) * (y1 - y0);
  return (at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)) / area;
}

/** The template of `char` whose capital height is `cap` pixels (cached per quarter pixel). */
export function templateOf(char: string, cap: number): Template {
  const rounded = Math.round(cap * 4) / 4;
  const key = `${char}@${rounded}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const master = masterOf(char);
  const factor = MASTER_CAP / rounded;
  // The blank around a glyph weighs alike at any scale: a margin of an eighth of the height.
  const margin = Math.max(2, Math.round(rounded * 0.125));
  const inkWidth = (master.maxX - master.minX) / factor;
  const inkHeight = (master.maxY - master.minY) / factor;
  const width = Math.ceil(inkWidth) + 2 * margin;
  const height = Math.ceil(inkHeight) + 2 * margin;
  const originX = master.minX - (margin + (Math.ceil(inkWidth) - inkWidth) / 2) * factor;
  const originY = master.minY - (margin + (Math.ceil(inkHeight) - inkHeight) / 2) * factor;
  const ink = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const mx = originX + x * factor;
      const my = originY + y * factor;
      ink[y * width + x] = areaMean(master, mx, my, mx + factor, my + factor);
    }
  }
  let mean = 0;
  for (const value of ink) mean += value;
  mean /= ink.length;
  let norm = 0;
  for (const value of ink) norm += (value - mean) ** 2;
  norm = Math.sqrt(Math.max(1e-9, norm));
  const normalised = ink.map((value) => (value - mean) / norm);
  const template: Template = { width, height, ink, normalised, centreX: width / 2, centreY: height / 2 };
  if (cache.size > 4096) cache.clear();
  cache.set(key, template);
  return template;
}
