import type { GrayImage } from '../image/decode.ts';
import { layoutForShape } from '../mrz/layout.ts';
import { classAt, type SeenChar } from '../mrz/correct.ts';
import { DIGIT_TO_LETTER, LETTER_TO_DIGIT } from '../mrz/lookalikes.ts';
import {
  clearBest,
  DEFAULT_GLYPH_POLICY,
  disputed,
  type GlyphPolicy,
  matchScore,
  rankGlyph,
  supportedBy,
} from './classify.ts';
import { ocrBAvailable } from './font.ts';
import { templateOf } from './templates.ts';

/**
 * Per-glyph evidence for the look-alikes of alphanumeric fields (O/0/D/Q, I/1, B/8, Z/2, S/5,
 * G/6). The legacy engine's confidence says nothing between O and 0, but the glyphs differ in
 * OCR-B: O is a rounded rectangle, 0 a narrower, ~7 % taller oval. Each disputed glyph is cut from
 * the straightened grey band where the OCR placed it and compared with the competing characters
 * drawn in OCR-B at the document's own size; only the candidates the pixels support go on to the
 * check-digit enumeration.
 */

/** Characters in no look-alike group: they calibrate the templates' size on each document. */
const REFERENCE = 'ACEFHKMNPRTUVWXY3479';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/**
 * Letters the legacy engine misreads in OCR-B while sure of itself (W as N or H at every text
 * height tried, M as H): where the glyph clearly is the other one, it is taken for it.
 */
const NAME_CONFUSIONS: Readonly<Record<string, string>> = {
  N: 'WM',
  H: 'WM',
  U: 'W',
  W: 'NHU',
  M: 'NH',
  // A digit read where a letter must stand is mapped to its look-alike (8 → B), but the glyph may
  // be another letter (the S of SWE read as 8, the C of CHN as 6, the E and U of DEU as 5 and 0).
  '8': 'S',
  '6': 'C',
  '0': 'DQU',
  '5': 'SE',
};
const DIGITS = '0123456789';
/** A digit read in a numeric field at this confidence or more is not compared (check digits cover it). */
const SURE_DIGIT = 85;
/** Capital heights tried around the boxes' median, in pixels (a grid, so templates are reused). */
const SIZE_STEPS = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
const SIZE_GRID = 0.5;

export interface EvidenceInput {
  /** The OCR's lines (MRZ shape), with boxes in the OCR image's pixels. */
  seen: SeenChar[][];
  /** The straightened grey band, `scale` times the OCR image's size. */
  image: GrayImage;
  scale: number;
}

function centre(c: SeenChar, scale: number): { x: number; y: number } | null {
  if (c.box === undefined) return null;
  return { x: ((c.box.x0 + c.box.x1) / 2) * scale, y: ((c.box.y0 + c.box.y1) / 2) * scale };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A few confidently read glyphs in no look-alike group, spread over the lines. */
function referenceSample(input: EvidenceInput): SeenChar[] {
  const references = input.seen
    .flat()
    .filter((c) => c.box !== undefined && REFERENCE.includes(c.char) && c.confidence >= 70);
  const step = Math.max(1, Math.floor(references.length / 8));
  return references.filter((_, i) => i % step === 0).slice(0, 8);
}

/** The capital height that makes the reference glyphs match best, or null. */
export function capHeight(input: EvidenceInput, policy: GlyphPolicy): number | null {
  const letters = input.seen
    .flat()
    .filter((c) => c.box !== undefined && /[A-PR-Z]/.test(c.char) && c.char !== 'J' && c.char !== 'O');
  if (letters.length < 4) return null;
  const measured = median(letters.map((c) => c.box!.y1 - c.box!.y0 + 1)) * input.scale;
  const guess = Math.round(measured / SIZE_GRID) * SIZE_GRID;
  const sample = referenceSample(input);
  if (sample.length < 3) return guess;
  let best = { cap: guess, score: -Infinity };
  for (const step of SIZE_STEPS) {
    const cap = guess + step * SIZE_GRID * 2;
    let score = 0;
    for (const c of sample) {
      const at = centre(c, input.scale)!;
      score += matchScore(input.image, at.x, at.y, templateOf(c.char, cap), policy.shift);
    }
    if (score > best.score) best = { cap, score };
  }
  return best.cap;
}

/**
 * The lines with `supported` set on every disputed alphanumeric glyph the pixels could judge, and
 * `disputed` on every letter of a field without check digit that another letter fits as well.
 */
export function withGlyphEvidence(input: EvidenceInput, policy = DEFAULT_GLYPH_POLICY): SeenChar[][] {
  const lines = input.seen.map((line) => line.map((c) => ({ ...c })));
  if (!ocrBAvailable()) return lines;
  const layout = layoutForShape(lines.map((line) => line.map((c) => c.char).join('')));
  if (layout === null) return lines;
  const cap = capHeight(input, policy);
  if (cap === null) return lines;
  for (let line = 0; line < lines.length; line++) {
    for (let column = 0; column < lines[line]!.length; column++) {
      const c = lines[line]![column]!;
      const at = centre(c, input.scale);
      if (at === null || c.char === '<') continue;
      const { kind, checked } = classAt(layout, line, column);
      const isLetter = c.char >= 'A' && c.char <= 'Z';
      const rank = (read: string, alphabet: string) =>
        rankGlyph(input.image, at.x, at.y, cap, read, alphabet, policy);
      if (kind === 'alpha') {
        // A digit where only a letter may stand is taken for the letter it resembles: that letter must fit.
        const letter = isLetter ? c.char : DIGIT_TO_LETTER[c.char];
        if (!checked && letter !== undefined) {
          const scores = rank(letter, LETTERS);
          c.disputed = disputed(scores, letter, policy);
          const best = clearBest(scores, policy.substituteMargin, policy);
          if (c.disputed && best !== null && NAME_CONFUSIONS[c.char]?.includes(best)) c.alternative = best;
          // The OCR unsure of a letter its glyph clearly is: two sources agree on it.
          if (!c.disputed && best === letter) c.confirmed = true;
        }
      } else if (kind === 'numeric') {
        // A letter in a date or check digit is mapped to a digit by resemblance; the glyph says which.
        const digit = isLetter ? LETTER_TO_DIGIT[c.char] : c.char;
        if (digit !== undefined && (isLetter || c.confidence < SURE_DIGIT)) {
          c.supported = supportedBy(rank(digit, DIGITS), policy) ?? undefined;
        }
      } else {
        c.supported = supportedBy(rank(c.char, LETTERS + DIGITS), policy) ?? undefined;
      }
    }
  }
  return lines;
}
