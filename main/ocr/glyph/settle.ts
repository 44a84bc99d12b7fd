import type { SeenChar } from '../mrz/correct.ts';
import { DIGIT_TO_LETTER } from '../mrz/lookalikes.ts';

/** A second reading's character counts only at this confidence or more. */
const SURE_SECOND = 70;

/** True when some letter without check digit is disputed and its pixels clearly favour another. */
export function settleable(lines: readonly (readonly SeenChar[])[]): boolean {
  const disputes = lines.flat().filter((c) => c.disputed === true);
  return disputes.length > 0 && disputes.every((c) => c.alternative !== undefined);
}

/**
 * Settles disputed letters of fields without check digit (the legacy engine read the W of an
 * OCR-B WANG as N, sure of itself, at one text height and right at others): a letter is replaced
 * by the one its pixels clearly favour only when a second OCR reading, of the band prepared at
 * another height, reads that same letter there, sure of it. Two sources that fail differently must
 * agree, since no check digit will catch a wrong name. Null when any dispute stays open.
 */
export function settleDisputes(
  first: readonly (readonly SeenChar[])[],
  second: readonly (readonly SeenChar[])[],
): SeenChar[][] | null {
  if (second.length !== first.length) return null;
  const settled: SeenChar[][] = [];
  for (let line = 0; line < first.length; line++) {
    if (second[line]!.length !== first[line]!.length) return null;
    const out: SeenChar[] = [];
    for (let column = 0; column < first[line]!.length; column++) {
      const c = first[line]![column]!;
      if (c.disputed !== true) {
        out.push(c);
        continue;
      }
      const other = second[line]![column]!;
      const otherLetter = DIGIT_TO_LETTER[other.char] ?? other.char;
      if (c.alternative === undefined || otherLetter !== c.alternative || other.confidence < SURE_SECOND) {
        return null;
      }
      out.push({
        ...c,
        char: c.alternative,
        confidence: Math.min(c.confidence, other.confidence),
        disputed: false,
      });
    }
    settled.push(out);
  }
  return settled;
}
