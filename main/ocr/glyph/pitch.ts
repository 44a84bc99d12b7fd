import type { GrayImage } from '../image/decode.ts';
import type { SeenChar } from '../mrz/correct.ts';
import { DEFAULT_GLYPH_POLICY, bestMatch, type GlyphPolicy } from './classify.ts';
import { capHeight } from './evidence.ts';
import { ocrBAvailable } from './font.ts';
import { templateOf } from './templates.ts';

/**
 * A reading of MRZ lines by their fixed character pitch, for lines the OCR read with the wrong
 * number of characters (blur merges two glyphs into one or splits one into two). Every MRZ line
 * of a document holds the same count of equally spaced characters from the same left edge, so a
 * line the OCR read with the right count gives the cell grid (start and pitch, by a straight-line
 * fit of its glyph centres); each cell of a misread line is then compared with every OCR-B
 * character. The cells keep what the OCR read where it placed a single glyph in the cell; a
 * confident OCR character that the glyph comparison contradicts makes the whole reading void.
 */

const MRZ_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
const LENGTHS_BY_LINES: Readonly<Record<number, readonly number[]>> = { 2: [36, 44], 3: [30] };
/** The fitted grid must place every glyph of the line it comes from within this share of the pitch. */
const MAX_FIT_RESIDUAL = 0.25;
/** An OCR glyph belongs to a cell when its box is at most this many pitches wide and its centre this near. */
const SINGLE_WIDTH = 1.25;
const NEAR_CENTRE = 0.3;
/** An OCR character at this confidence or more that the cell's glyph contradicts voids the reading. */
const CONFIDENT_OCR = 70;
/**
 * A cell read by the glyph comparison alone is sure (confidence 90) only when its best character
 * beats every other by this much; else it gets 50, below what a field without check digit accepts.
 */
export const SURE_CELL_MARGIN = 0.1;
const SURE = 90;
const UNSURE = 50;

export interface PitchInput {
  /** The OCR's lines, in reading order, with boxes in the OCR image's pixels. */
  seen: SeenChar[][];
  /** The straightened grey band the OCR image was binarised from (same pixels). */
  image: GrayImage;
}

interface Grid {
  start: number;
  pitch: number;
}

type Box = NonNullable<SeenChar['box']>;
const centreX = (box: Box) => (box.x0 + box.x1) / 2;
const centreY = (box: Box) => (box.y0 + box.y1) / 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Least-squares fit of centre = start + pitch × index over a line read with the right count. */
export function fitGrid(line: readonly SeenChar[]): Grid | null {
  if (line.some((c) => c.box === undefined)) return null;
  const n = line.length;
  const xs = line.map((c) => centreX(c.box!));
  const meanK = (n - 1) / 2;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  xs.forEach((x, k) => {
    num += (k - meanK) * (x - meanX);
    den += (k - meanK) ** 2;
  });
  const pitch = num / den;
  if (!(pitch > 0)) return null;
  const start = meanX - pitch * meanK;
  const worst = Math.max(...xs.map((x, k) => Math.abs(x - (start + pitch * k))));
  return worst <= MAX_FIT_RESIDUAL * pitch ? { start, pitch } : null;
}

/** The best and second-best character for a glyph centred near (x, y). */
function classifyCell(
  image: GrayImage,
  x: number,
  y: number,
  cap: number,
  policy: GlyphPolicy,
): { char: string; score: number; margin: number; dx: number } {
  let best = { char: '<', score: -Infinity, dx: 0 };
  let second = -Infinity;
  for (const char of MRZ_CHARS) {
    const match = bestMatch(image, x, y, templateOf(char, cap), policy.shift);
    if (match.score > best.score) {
      second = best.score;
      best = { char, score: match.score, dx: match.dx };
    } else if (match.score > second) second = match.score;
  }
  return { ...best, margin: best.score - second };
}

/**
 * The lines with every line of the wrong length read again cell by cell; null when the lines
 * give no grid, no line needs it, or a confident OCR character disagrees with its cell.
 */
export function readByPitch(input: PitchInput, policy = DEFAULT_GLYPH_POLICY): SeenChar[][] | null {
  if (!ocrBAvailable()) return null;
  const { seen, image } = input;
  const lengths = LENGTHS_BY_LINES[seen.length];
  if (lengths === undefined) return null;
  const count = lengths.find((length) => seen.some((line) => line.length === length));
  if (count === undefined) return null;
  const good = seen.filter((line) => line.length === count);
  if (good.length === seen.length) return null;
  const grids = good.map(fitGrid).filter((grid): grid is Grid => grid !== null);
  if (grids.length === 0) return null;
  const pitch = median(grids.map((g) => g.pitch));
  const start = median(grids.map((g) => g.start));
  const cap = capHeight({ seen: good, image, scale: 1 }, policy);
  if (cap === null) return null;
  const out: SeenChar[][] = [];
  for (const line of seen) {
    if (line.length === count) {
      out.push(line.map((c) => ({ ...c })));
      continue;
    }
    const boxed = line.filter((c) => c.box !== undefined);
    if (boxed.length < count / 2) return null;
    const y = median(boxed.map((c) => centreY(c.box!)));
    // The OCR glyphs that fill one cell each, by cell index.
    const byCell = new Map<number, SeenChar>();
    const offsets: number[] = [];
    for (const c of boxed) {
      const box = c.box!;
      if (box.x1 - box.x0 > SINGLE_WIDTH * pitch) continue;
      const at = (centreX(box) - start) / pitch;
      const index = Math.round(at);
      if (index < 0 || index >= count || Math.abs(at - index) > NEAR_CENTRE) continue;
      byCell.set(index, c);
      offsets.push((at - index) * pitch);
    }
    // The line may sit a pixel or two off the grid of the others.
    const shift = offsets.length > 0 ? median(offsets) : 0;
    const cells: SeenChar[] = [];
    for (let index = 0; index < count; index++) {
      const x = start + shift + index * pitch;
      const cell = classifyCell(image, x, y, cap, policy);
      const ocr = byCell.get(index);
      if (ocr !== undefined && ocr.char !== cell.char && ocr.confidence >= CONFIDENT_OCR) return null;
      const agreed = ocr !== undefined && ocr.char === cell.char;
      const sure = cell.score >= policy.floor && cell.margin >= SURE_CELL_MARGIN;
      const confidence = agreed ? Math.max(ocr.confidence, sure ? SURE : UNSURE) : sure ? SURE : UNSURE;
      const half = pitch / 2;
      const cx = x + cell.dx;
      cells.push({
        char: cell.char,
        confidence,
        box: { x0: cx - half, y0: y - cap / 2, x1: cx + half, y1: y + cap / 2 },
      });
    }
    out.push(cells);
  }
  return out;
}
