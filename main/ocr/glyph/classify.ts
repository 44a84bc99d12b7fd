import type { GrayImage } from '../image/decode.ts';
import { type Template, templateOf } from './templates.ts';

/**
 * How well a crop of the straightened band matches a template: the normalised correlation of
 * ink with template ink (invariant to contrast and light level), the best over small shifts
 * around where the OCR placed the glyph, because its box is off by a pixel or two.
 */
export function matchScore(
  image: GrayImage,
  centreX: number,
  centreY: number,
  template: Template,
  shift: number,
): number {
  return bestMatch(image, centreX, centreY, template, shift).score;
}

/** The best score and the offset from the given centre where it was found. */
export function bestMatch(
  image: GrayImage,
  centreX: number,
  centreY: number,
  template: Template,
  shift: number,
): { score: number; dx: number; dy: number } {
  const { width: tw, height: th, normalised } = template;
  const n = tw * th;
  const baseX = Math.round(centreX - template.centreX);
  const baseY = Math.round(centreY - template.centreY);
  const { width, height, data } = image;
  let best = { score: -1, dx: 0, dy: 0 };
  for (let dy = -shift; dy <= shift; dy++) {
    for (let dx = -shift; dx <= shift; dx++) {
      const left = baseX + dx;
      const top = baseY + dy;
      // A glyph cut by the band's edge is no evidence.
      if (left < 0 || top < 0 || left + tw > width || top + th > height) continue;
      let sum = 0;
      let squares = 0;
      let cross = 0;
      for (let y = 0; y < th; y++) {
        const row = (top + y) * width + left;
        const trow = y * tw;
        for (let x = 0; x < tw; x++) {
          const value = 255 - data[row + x]!;
          sum += value;
          squares += value * value;
          cross += value * normalised[trow + x]!;
        }
      }
      // The template is zero-mean, so the window's mean drops out of the cross term.
      const deviation = Math.sqrt(Math.max(1e-9, squares - (sum * sum) / n));
      const score = cross / deviation;
      if (score > best.score) best = { score, dx, dy };
    }
  }
  return best;
}

export interface GlyphPolicy {
  /** Characters scoring within this of the best stay candidates. */
  margin: number;
  /** Below this best score the crop is no evidence at all. */
  floor: number;
  /** Shift search, in pixels of the classifier's image. */
  shift: number;
  /** A letter without check digit is disputed when another letter scores within this of it. */
  letterMargin: number;
  /**
   * A disputed letter is replaced by one it is known to be confused with only when that one beats
   * every other letter by this much. On 420 N/H/W/M glyphs of another seed, the right letter beat
   * its confusions by ≥ 0.16 and a misread glyph's true letter beat the read one by ≥ 0.24.
   */
  substituteMargin: number;
}

/** Contenders scoring within this of the read character at its place are also tried shifted. */
const REFINE_WITHIN = 0.2;

export const DEFAULT_GLYPH_POLICY: GlyphPolicy = {
  margin: 0.04,
  floor: 0.5,
  shift: 2,
  letterMargin: 0.03,
  substituteMargin: 0.1,
};

/**
 * Scores a glyph against every character of `alphabet`: the read character's template searches
 * the shift (the OCR's box is off by a pixel or two), the others are tried near its best place,
 * since a character that fits must fit there. Cheap enough for every character of a line.
 */
export function rankGlyph(
  image: GrayImage,
  centreX: number,
  centreY: number,
  cap: number,
  read: string,
  alphabet: string,
  policy = DEFAULT_GLYPH_POLICY,
): Map<string, number> {
  const own = bestMatch(image, centreX, centreY, templateOf(read, cap), policy.shift);
  const x = centreX + own.dx;
  const y = centreY + own.dy;
  const scores = new Map<string, number>([[read, own.score]]);
  for (const char of alphabet) {
    if (char !== read) scores.set(char, matchScore(image, x, y, templateOf(char, cap), 0));
  }
  // Only the close contenders are worth a pixel of shift each way.
  const near = own.score - REFINE_WITHIN;
  for (const [char, score] of scores) {
    if (char !== read && score >= near) scores.set(char, matchScore(image, x, y, templateOf(char, cap), 1));
  }
  return scores;
}

/** The characters within the policy's margin of the best; null when even the best is no match. */
export function supportedBy(scores: Map<string, number>, policy = DEFAULT_GLYPH_POLICY): string[] | null {
  let best = -1;
  for (const score of scores.values()) best = Math.max(best, score);
  if (best < policy.floor) return null;
  return [...scores].filter(([, score]) => score >= best - policy.margin).map(([char]) => char);
}

/** True when another character fits the glyph about as well as `read` does, or nothing fits. */
export function disputed(scores: Map<string, number>, read: string, policy = DEFAULT_GLYPH_POLICY): boolean {
  const own = scores.get(read) ?? -1;
  if (own < policy.floor) return true;
  for (const [char, score] of scores) if (char !== read && score > own - policy.letterMargin) return true;
  return false;
}

/** The character that beats every other by `by`, or null. */
export function clearBest(
  scores: Map<string, number>,
  by: number,
  policy = DEFAULT_GLYPH_POLICY,
): string | null {
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first === undefined || first[1] < policy.floor) return null;
  if (second !== undefined && second[1] > first[1] - by) return null;
  return first[0];
}
