import type { GrayImage } from './decode.ts';

/**
 * Finds the MRZ band on a downscaled copy: strong horizontal gradients mark text; the skew is the
 * angle (±4°) at which their row profile is sharpest; text rows are the runs of that profile; the
 * MRZ is the lowest group of 2–3 evenly spaced rows of similar height that are as wide as the
 * widest text on the page.
 */

export interface MrzBand {
  /** Skew in radians: the band's rows run along this angle. */
  angle: number;
  /** In coordinates rotated by -angle, at full resolution. */
  x0: number;
  x1: number;
  /** Centre of each text row, full resolution. */
  rows: number[];
  /** Height of a text row (about the capital height), full resolution. */
  rowHeight: number;
}

const WORK_WIDTH = 640;
const MAX_SKEW_DEG = 4;
const SKEW_STEP_DEG = 0.25;

function downscale(image: GrayImage): { small: GrayImage; factor: number } {
  const factor = Math.max(1, Math.ceil(image.width / WORK_WIDTH));
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx]!;
      }
      data[y * width + x] = sum / area;
    }
  }
  return { small: { width, height, data }, factor };
}

/** Coordinates of pixels with a strong horizontal gradient (text strokes). */
function edgePixels(image: GrayImage): { xs: Int32Array; ys: Int32Array } {
  const { width, height, data } = image;
  const gradient = new Uint8Array(width * height);
  const histogram = new Uint32Array(256);
  for (let y = 0; y < height; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const g = Math.abs(data[i + 1]! - data[i - 1]!);
      gradient[i] = g;
      histogram[g]!++;
    }
  }
  // The strongest 6 % of gradients, but never the faint ones of paper texture or noise.
  let threshold = 255;
  for (let count = 0; threshold > 0 && count < gradient.length * 0.06; threshold--)
    count += histogram[threshold]!;
  threshold = Math.max(threshold, 18);
  let n = 0;
  for (let i = 0; i < gradient.length; i++) if (gradient[i]! > threshold) n++;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0, k = 0; i < gradient.length; i++) {
    if (gradient[i]! > threshold) {
      xs[k] = i % width;
      ys[k++] = Math.floor(i / width);
    }
  }
  return { xs, ys };
}

function rowProfile(
  xs: Int32Array,
  ys: Int32Array,
  angle: number,
  size: number,
  offset: number,
): Float64Array {
  const profile = new Float64Array(size);
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  for (let i = 0; i < xs.length; i++) {
    const y = Math.round(ys[i]! * cos + xs[i]! * sin) + offset;
    if (y >= 0 && y < size) profile[y]!++;
  }
  return profile;
}

function sharpness(profile: Float64Array): number {
  let sum = 0;
  for (const value of profile) sum += value * value;
  return sum;
}

interface Row {
  top: number;
  bottom: number;
  x0: number;
  x1: number;
}

export function findMrzBand(image: GrayImage): MrzBand | null {
  const { small, factor } = downscale(image);
  const { xs, ys } = edgePixels(small);
  if (xs.length < 200) return null;
  const offset = Math.ceil(small.width * Math.sin((MAX_SKEW_DEG * Math.PI) / 180)) + 1;
  const size = small.height + 2 * offset;
  let best = { angle: 0, score: -1 };
  for (let deg = -MAX_SKEW_DEG; deg <= MAX_SKEW_DEG + 1e-9; deg += SKEW_STEP_DEG) {
    const angle = (deg * Math.PI) / 180;
    const score = sharpness(rowProfile(xs, ys, angle, size, offset));
    if (score > best.score) best = { angle, score };
  }
  const { angle } = best;
  const profile = rowProfile(xs, ys, angle, size, offset);
  let peak = 0;
  for (const value of profile) peak = Math.max(peak, value);
  const floor = peak * 0.25;
  // Runs of rows above the floor are text rows; their horizontal extent comes from their pixels.
  const runs: Row[] = [];
  for (let y = 0; y < size; y++) {
    if (profile[y]! <= floor) continue;
    const top = y;
    while (y < size && profile[y]! > floor) y++;
    runs.push({ top, bottom: y, x0: 0, x1: 0 });
  }
  if (runs.length < 2) return null;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  const rowOf = new Int32Array(size).fill(-1);
  runs.forEach((run, index) => {
    rowOf.fill(index, run.top, run.bottom);
  });
  const spans = runs.map(() => [] as number[]);
  for (let i = 0; i < xs.length; i++) {
    const y = Math.round(ys[i]! * cos + xs[i]! * sin) + offset;
    const row = y >= 0 && y < size ? rowOf[y]! : -1;
    if (row >= 0) spans[row]!.push(xs[i]! * cos - ys[i]! * sin);
  }
  runs.forEach((run, index) => {
    const sorted = spans[index]!.sort((a, b) => a - b);
    run.x0 = sorted[Math.floor(sorted.length * 0.01)] ?? 0;
    run.x1 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
  });
  const group = lowestMrzGroup(runs.filter((run) => run.bottom - run.top >= 3));
  if (group === null) return null;
  const height = group.reduce((sum, run) => sum + run.bottom - run.top, 0) / group.length;
  return {
    angle,
    x0: Math.min(...group.map((run) => run.x0)) * factor,
    x1: Math.max(...group.map((run) => run.x1)) * factor,
    rows: group.map((run) => ((run.top + run.bottom) / 2 - offset) * factor),
    rowHeight: height * factor,
  };
}

function similar(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(a, b);
}

/** The lowest 3 (else 2) consecutive rows that look like an MRZ. */
function lowestMrzGroup(rows: Row[]): Row[] | null {
  if (rows.length < 2) return null;
  const widest = Math.max(...rows.map((row) => row.x1 - row.x0));
  const fits = (group: Row[]) => {
    const heights = group.map((row) => row.bottom - row.top);
    const width = group[0]!.x1 - group[0]!.x0;
    if (width < widest * 0.6) return false;
    for (let i = 1; i < group.length; i++) {
      const [a, b] = [group[i - 1]!, group[i]!];
      if (!similar(heights[i]!, heights[0]!, 0.5)) return false;
      if (!similar(b.x1 - b.x0, width, 0.15)) return false;
      const pitch = (b.top + b.bottom - a.top - a.bottom) / 2;
      if (pitch < heights[0]! * 1.15 || pitch > heights[0]! * 3.2) return false;
      if (i === 2) {
        const first = (a.top + a.bottom - group[0]!.top - group[0]!.bottom) / 2;
        if (!similar(pitch, first, 0.25)) return false;
      }
    }
    return true;
  };
  for (let end = rows.length; end >= 2; end--) {
    const three = end >= 3 ? rows.slice(end - 3, end) : null;
    if (three !== null && fits(three)) return three;
    const two = rows.slice(end - 2, end);
    if (fits(two)) return two;
  }
  return null;
}
