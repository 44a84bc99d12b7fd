import type { MrzCheck, MrzDocument, MrzRejectReason } from '../../../contracts/identity.ts';
import { type CharClass, charValue, checkDigit, layoutForShape, type MrzLayout, spanText } from './layout.ts';
import {
  CONFUSED_ALTERNATIVES,
  DIGIT_TO_LETTER,
  DISTINCT_ALTERNATIVES,
  LETTER_TO_DIGIT,
} from './lookalikes.ts';
import { parseMrz } from './parse.ts';

/**
 * Turns what the OCR saw into a document, or refuses. The rule: accept only when exactly one
 * reading consistent with what was seen passes every check digit (and parses).
 *
 * - Numeric positions (dates, check digits) take the digit a read letter resembles; alphabetic
 *   positions (names, states, sex, document code) the letter a read digit resembles. Both are
 *   forced by the field type; the check digits still verify the numeric ones.
 * - Alphanumeric positions (document number, optional data, personal number) keep the read
 *   character and its look-alikes as candidates (lookalikes.ts says which, and when), and every
 *   combination is checked. Check digits do not catch every misreading (two O↔0 swaps at weights
 *   7 and 3 cancel), so when more than one combination passes the result is `ambiguous`: the
 *   OCR's confidence is no evidence between O and 0 (it is as high when wrong), so nothing else
 *   may pick one of them.
 * - Fields no check digit covers (names, states, sex, document code) are accepted only if the OCR
 *   was sure of every character and, when the glyphs were compared with OCR-B (glyph/), no other
 *   letter fits one as well; else `ambiguous`.
 */

export interface SeenChar {
  char: string;
  /** The OCR's confidence, 0–100 (100 for text a scanner typed). */
  confidence: number;
  /** The glyph's bounding box in the OCR's image, when it read one. */
  box?: { x0: number; y0: number; x1: number; y1: number };
  /**
   * What the glyph's pixels support, when it was compared with its look-alikes (glyph/): only
   * these stay candidates in an alphanumeric field. Absent: the look-alike rules alone decide.
   */
  supported?: readonly string[];
  /** The glyph's pixels fit another character about as well (fields without check digit). */
  disputed?: boolean;
  /** What a second OCR reading (another text height) saw at this position, when one was made. */
  secondRead?: string;
  /**
   * For a disputed letter without check digit: the letter the engine is known to misread it as,
   * which its pixels clearly are (glyph/evidence.ts); it replaces the read one.
   */
  alternative?: string;
  /**
   * For a letter without check digit: its pixels fit the read letter better than any other by the
   * glyph classifier's substitution margin, so the OCR's low confidence in it is outweighed.
   */
  confirmed?: boolean;
}

export interface CorrectionPolicy {
  /** Below this, the OCR is unsure of a character in an alphanumeric field (tries its look-alike). */
  sureChecked: number;
  /** At or above this, the OCR is sure of a character no check digit covers. */
  sureUnchecked: number;
  /** More alphanumeric combinations than this are not enumerated: `ambiguous`. */
  maxCombinations: number;
}

export const DEFAULT_POLICY: CorrectionPolicy = {
  sureChecked: 85,
  sureUnchecked: 70,
  maxCombinations: 16384,
};

export type Decision =
  | { ok: true; document: MrzDocument; lines: string[]; checks: MrzCheck[]; corrections: number }
  | { ok: false; reason: MrzRejectReason; detail: string; checks: MrzCheck[] };

interface Position {
  line: number;
  column: number;
  options: string[];
}

export function classAt(
  layout: MrzLayout,
  line: number,
  column: number,
): { kind: CharClass; checked: boolean } {
  const field = layout.fields.find((f) => f.line === line && column >= f.start && column < f.end);
  return field ?? { kind: 'alnum', checked: false };
}

/** The characters a position may really hold, given the read one and the field type; [] = none. */
export function optionsFor(kind: CharClass, char: string, unsure: boolean): string[] {
  const isDigit = char >= '0' && char <= '9';
  const isLetter = char >= 'A' && char <= 'Z';
  if (char === '<') return ['<'];
  if (kind === 'numeric') {
    if (isDigit) return [char];
    const digit = LETTER_TO_DIGIT[char];
    return digit === undefined ? [] : [digit];
  }
  if (kind === 'alpha') {
    if (isLetter) return [char];
    const letter = DIGIT_TO_LETTER[char];
    return letter === undefined ? [] : [letter];
  }
  if (!isDigit && !isLetter) return [];
  const distinct = unsure ? (DISTINCT_ALTERNATIVES[char] ?? []) : [];
  return [char, ...(CONFUSED_ALTERNATIVES[char] ?? []), ...distinct];
}

/**
 * The options the glyph's pixels support (glyph/evidence.ts) in a field with check digits.
 * Numeric: the digits the glyph fits (a letter read there was only mapped by resemblance).
 * Alphanumeric: the characters the glyph fits, which may drop the read one; but a read character
 * worth the same modulo 10 as one kept stays too (6/G, 8/S, 1/L, 0/U…): no check digit could
 * tell them apart, so only two agreeing sources may settle them (the glyph and a second OCR
 * reading, `secondRead`), and otherwise both reach the enumeration and make the result ambiguous.
 */
function narrowed(kind: CharClass, options: string[], seen: SeenChar): string[] {
  const supported = seen.supported;
  if (supported === undefined || supported.length === 0) return options;
  if (kind === 'numeric') {
    const digits = supported.filter((char) => char >= '0' && char <= '9');
    return digits.length > 0 ? digits : options;
  }
  if (kind !== 'alnum') return options;
  const kept = [...supported];
  const read = seen.char;
  const same = (char: string) => charValue(char) % 10 === charValue(read) % 10;
  // A second source settles it: the second OCR reading saw the one character the glyph is.
  const confirmed = kept.length === 1 && seen.secondRead === kept[0];
  if (!kept.includes(read) && kept.some(same) && !confirmed) kept.push(read);
  return kept;
}

/** Fast pre-filter with the check digits of the layout; the library's parse has the last word. */
function checksPass(layout: MrzLayout, lines: readonly string[]): boolean {
  for (const check of layout.checks) {
    const digit = spanText(lines, check.digit);
    // A filler digit (continued document number, empty personal number): the parser decides.
    if (digit === '<' && check.mayBeFiller) continue;
    const covered = check.covers.map((span) => spanText(lines, span)).join('');
    if (digit !== String(checkDigit(covered))) return false;
  }
  return true;
}

export function decideMrz(seen: readonly (readonly SeenChar[])[], policy = DEFAULT_POLICY): Decision {
  const rawLines = seen.map((line) => line.map((c) => c.char).join(''));
  const layout = layoutForShape(rawLines);
  if (layout === null) {
    return {
      ok: false,
      reason: 'unreadable',
      detail: 'lines are not of a TD1, TD2 or TD3 shape',
      checks: [],
    };
  }
  const positions: Position[] = [];
  const base = rawLines.map((line) => line.split(''));
  for (let line = 0; line < seen.length; line++) {
    for (let column = 0; column < seen[line]!.length; column++) {
      const glyph = seen[line]![column]!;
      const { kind, checked } = classAt(layout, line, column);
      const substituted = !checked && glyph.disputed === true && glyph.alternative !== undefined;
      const char = substituted ? glyph.alternative! : glyph.char;
      const confidence = glyph.confidence;
      const options = narrowed(
        kind,
        optionsFor(kind, char, confidence < policy.sureChecked),
        seen[line]![column]!,
      );
      if (options.length === 0) {
        return {
          ok: false,
          reason: 'checkDigits',
          detail: `line ${line + 1} column ${column + 1}: a character that field cannot hold`,
          checks: [],
        };
      }
      const unsure = confidence < policy.sureUnchecked && glyph.confirmed !== true;
      if (!checked && (unsure || (glyph.disputed === true && !substituted))) {
        return {
          ok: false,
          reason: 'ambiguous',
          detail: `line ${line + 1} column ${column + 1}: unsure character in a field without check digit`,
          checks: [],
        };
      }
      base[line]![column] = options[0]!;
      positions.push({ line, column, options });
    }
  }
  const open = positions.filter((p) => p.options.length > 1);
  let combinations = 1;
  for (const p of open) combinations *= p.options.length;
  if (combinations > policy.maxCombinations) {
    return { ok: false, reason: 'ambiguous', detail: 'too many look-alike characters to decide', checks: [] };
  }
  const consistent: string[][] = [];
  const choice = open.map(() => 0);
  for (let n = 0; n < combinations; n++) {
    let rest = n;
    for (let i = 0; i < open.length; i++) {
      const p = open[i]!;
      choice[i] = rest % p.options.length;
      rest = Math.floor(rest / p.options.length);
      base[p.line]![p.column] = p.options[choice[i]!]!;
    }
    const lines = base.map((chars) => chars.join(''));
    if (!checksPass(layout, lines)) continue;
    consistent.push(lines);
  }
  const firstLines = base.map((chars) => chars.join(''));
  if (consistent.length === 0) {
    const checks = open.length === 0 ? (parseMrz(firstLines).checks ?? []) : [];
    return { ok: false, reason: 'checkDigits', detail: 'no reading passes every check digit', checks };
  }
  // The library parses each reading the check digits left; a reading must parse to count.
  const parsed = consistent.map((lines) => ({ lines, parse: parseMrz(lines) }));
  const valid = parsed.filter((entry) => entry.parse.ok);
  if (valid.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      detail: `${valid.length} readings of look-alike characters pass every check digit`,
      checks: valid[0]!.parse.checks,
    };
  }
  const chosen = valid[0];
  if (chosen === undefined || !chosen.parse.ok) {
    const first = parsed[0]!.parse;
    return {
      ok: false,
      reason: 'checkDigits',
      detail: first.ok ? 'no reading parses' : first.problem,
      checks: first.checks,
    };
  }
  let corrections = 0;
  for (let line = 0; line < rawLines.length; line++) {
    for (let column = 0; column < rawLines[line]!.length; column++) {
      if (rawLines[line]![column] !== chosen.lines[line]![column]) corrections++;
    }
  }
  return {
    ok: true,
    document: chosen.parse.document,
    lines: chosen.lines,
    checks: chosen.parse.checks,
    corrections,
  };
}

/**
 * The characters of the fields no check digit covers (names, states, sex, document code), mapped
 * by field type as `decideMrz` maps them; null when the lines have no MRZ shape. Two readings of
 * one document must agree on these: nothing else vouches for them.
 */
export function uncheckedText(seen: readonly (readonly SeenChar[])[]): string | null {
  const lines = seen.map((line) => line.map((c) => c.char).join(''));
  const layout = layoutForShape(lines);
  if (layout === null) return null;
  let text = '';
  for (const field of layout.fields) {
    if (field.checked) continue;
    for (let column = field.start; column < field.end; column++) {
      text += optionsFor(field.kind, lines[field.line]![column]!, false)[0] ?? '?';
    }
  }
  return text;
}

/**
 * Positions where the glyph's pixels contradict the OCR between two characters no check digit
 * can tell apart (same value modulo 10): a second source is needed there (see `narrowed`).
 */
export function unconfirmedSwaps(seen: readonly (readonly SeenChar[])[]): { line: number; column: number }[] {
  const found: { line: number; column: number }[] = [];
  seen.forEach((chars, line) => {
    chars.forEach((c, column) => {
      const only = c.supported?.length === 1 ? c.supported[0]! : null;
      if (only === null || only === c.char || c.secondRead !== undefined) return;
      if (charValue(only) % 10 === charValue(c.char) % 10) found.push({ line, column });
    });
  });
  return found;
}

/**
 * True when `lines` (a decided reading from another source) hold, in every field no check digit
 * covers, the character `seen` read there wherever the OCR was sure of it. Where it was unsure the
 * other reading may differ: that is what it was made for.
 */
export function agreesWhereSure(
  seen: readonly (readonly SeenChar[])[],
  lines: readonly string[],
  policy = DEFAULT_POLICY,
): boolean {
  const layout = layoutForShape(seen.map((line) => line.map((c) => c.char).join('')));
  if (layout === null || lines.length !== seen.length) return false;
  for (const field of layout.fields) {
    if (field.checked) continue;
    for (let column = field.start; column < field.end; column++) {
      const c = seen[field.line]![column]!;
      if (c.confidence < policy.sureUnchecked || c.disputed === true) continue;
      const read = optionsFor(field.kind, c.char, false)[0];
      if (read !== lines[field.line]![column]) return false;
    }
  }
  return true;
}
