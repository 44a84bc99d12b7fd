import type { MrzBand } from './band.ts';
import type { GrayImage } from './decode.ts';

/**
 * Cuts the MRZ band out of the full image, straightened (bilinear sampling along the skew) and
 * scaled so that a text row is `targetRowHeight` pixels high (the height the legacy engine reads
 * OCR-B best at), then binarises it with a local (Sauvola) threshold so uneven light does not
 * matter. Black text on white, with a white margin.
 */

export interface PrepareOptions {
  targetRowHeight: number;
  /** Sauvola's k: higher keeps fewer faint pixels. */
  sauvolaK: number;
}

export const DEFAULT_PREPARE: PrepareOptions = { targetRowHeight: 30, sauvolaK: 0.25 };

export function cropBand(image: GrayImage, band: MrzBand, options = DEFAULT_PREPARE): GrayImage {
  const scale = options.targetRowHeight / band.rowHeight;
  const pitch =
    band.rows.length > 1 ? (band.rows.at(-1)! - band.rows[0]!) / (band.rows.length - 1) : band.rowHeight * 2;
  const top = band.rows[0]! - pitch * 0.75;
  const bottom = band.rows.at(-1)! + pitch * 0.75;
  const left = band.x0 - band.rowHeight * 0.6;
  const right = band.x1 + band.rowHeight * 0.6;
  const width = Math.max(1, Math.round((right - left) * scale));
  const height = Math.max(1, Math.round((bottom - top) * scale));
  const out = new Uint8Array(width * height);
  const sin = Math.sin(band.angle);
  const cos = Math.cos(band.angle);
  const { data, width: sw, height: sh } = image;
  for (let v = 0; v < height; v++) {
    const yr = top + v / scale;
    for (let u = 0; u < width; u++) {
      const xr = left + u / scale;
      // Back from the straightened frame to the image.
      const x = xr * cos + yr * sin;
      const y = -xr * sin + yr * cos;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= sw - 1 || y0 >= sh - 1) {
        out[v * width + u] = 255;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const i = y0 * sw + x0;
      const a = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const b = data[i + sw]! + (data[i + sw + 1]! - data[i + sw]!) * fx;
      out[v * width + u] = a + (b - a) * fy;
    }
  }
  return { width, height, data: out };
}

/** Sauvola threshold over a window about two text rows wide, from integral images. */
export function binarise(image: GrayImage, options = DEFAULT_PREPARE): GrayImage {
  const { width, height, data } = image;
  const w1 = width + 1;
  const sum = new Float64Array(w1 * (height + 1));
  const squares = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    let rowSquares = 0;
    for (let x = 0; x < width; x++) {
      const value = data[y * width + x]!;
      rowSum += value;
      rowSquares += value * value;
      sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1]! + rowSum;
      squares[(y + 1) * w1 + x + 1] = squares[y * w1 + x + 1]! + rowSquares;
    }
  }
  const radius = Math.max(8, Math.round(options.targetRowHeight));
  const out = new Uint8Array(width * height);
  // Contrast of the whole band: where the local spread is far below it, the window is paper.
  let globalMin = 255;
  let globalMax = 0;
  for (const value of data) {
    globalMin = Math.min(globalMin, value);
    globalMax = Math.max(globalMax, value);
  }
  const range = Math.max(1, (globalMax - globalMin) / 2);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const n = (y1 - y0) * (x1 - x0);
      const s = sum[y1 * w1 + x1]! - sum[y0 * w1 + x1]! - sum[y1 * w1 + x0]! + sum[y0 * w1 + x0]!;
      const q =
        squares[y1 * w1 + x1]! - squares[y0 * w1 + x1]! - squares[y1 * w1 + x0]! + squares[y0 * w1 + x0]!;
      const mean = s / n;
      const deviation = Math.sqrt(Math.max(0, q / n - mean * mean));
      const threshold = mean * (1 + options.sauvolaK * (deviation / range - 1));
      out[y * width + x] = data[y * width + x]! < threshold ? 0 : 255;
    }
  }
  return { width, height, data: out };
}

/** Binary PGM (P5): what Leptonica inside the OCR reads without any codec work. */
export function toPgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}

/**
 * Removes specks (noise, paper texture, a document edge cut by the crop): black components far
 * smaller than any MRZ character, and any component touching the top or bottom of the crop.
 */
export function despeckle(image: GrayImage, rowHeight: number): GrayImage {
  const { width, height } = image;
  const data = image.data.slice();
  const label = new Int32Array(width * height).fill(-1);
  const stack: number[] = [];
  const maxArea = rowHeight * rowHeight * 0.03;
  const maxSide = rowHeight * 0.3;
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 0 || label[start] !== -1) continue;
    const members: number[] = [];
    let [minX, maxX, minY, maxY] = [width, 0, height, 0];
    stack.push(start);
    label[start] = start;
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const x = i % width;
      const y = (i - x) / width;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      const next = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ];
      for (const j of next) {
        if (j >= 0 && data[j] === 0 && label[j] === -1) {
          label[j] = start;
          stack.push(j);
        }
      }
    }
    const small = members.length < maxArea && Math.max(maxX - minX, maxY - minY) + 1 < maxSide;
    const atEdge = minY === 0 || maxY === height - 1;
    if (small || atEdge) for (const i of members) data[i] = 255;
  }
  return { width, height, data };
}

/**
 * Unsharp mask: each pixel pushed away from the mean of the (2r+1)² square around it by `amount`
 * times the difference. Blur spreads a stroke's ink into its neighbours; this pulls it back, so
 * the binarised glyphs of a blurred scan touch each other less.
 */
export function sharpen(image: GrayImage, radius: number, amount: number): GrayImage {
  const { width, height, data } = image;
  const w1 = width + 1;
  const sum = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x]!;
      sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1]! + row;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const s = sum[y1 * w1 + x1]! - sum[y0 * w1 + x1]! - sum[y1 * w1 + x0]! + sum[y0 * w1 + x0]!;
      const mean = s / ((y1 - y0) * (x1 - x0));
      const value = data[y * width + x]!;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(value + amount * (value - mean))));
    }
  }
  return { width, height, data: out };
}
