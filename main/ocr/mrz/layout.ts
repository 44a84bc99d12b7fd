import { MRZ_SHAPE, type MrzFormat } from '../../../contracts/identity.ts';

/**
 * Where each field of an MRZ sits and what it may contain (ICAO 9303 parts 4–6), as the
 * correction needs it: the character class of every position and the spans each check digit
 * covers. The `mrz` library parses; this table only tells the correction what to try.
 */

/** `alpha`: letters and `<`; `numeric`: digits and `<`; `alnum`: either. */
export type CharClass = 'alpha' | 'numeric' | 'alnum';

export interface Span {
  line: number;
  start: number;
  end: number;
}

export interface FieldSpec extends Span {
  name: string;
  kind: CharClass;
  /** True when a check digit covers the field (names, states, sex and document code are not). */
  checked: boolean;
}

export interface CheckSpec {
  /** Position of the check digit. */
  digit: Span;
  /** What it covers, concatenated in this order. */
  covers: Span[];
  /** Fields with this check may hold a `<` where the digit would be (empty or continued). */
  mayBeFiller: boolean;
}

export interface MrzLayout {
  format: MrzFormat;
  fields: FieldSpec[];
  checks: CheckSpec[];
}

const s = (line: number, start: number, end: number): Span => ({ line, start, end });
const f = (name: string, kind: CharClass, checked: boolean, span: Span): FieldSpec => ({
  name,
  kind,
  checked,
  ...span,
});

const TD1: MrzLayout = {
  format: 'TD1',
  fields: [
    f('documentCode', 'alpha', false, s(0, 0, 2)),
    f('issuingState', 'alpha', false, s(0, 2, 5)),
    f('documentNumber', 'alnum', true, s(0, 5, 14)),
    f('documentNumberCheck', 'numeric', true, s(0, 14, 15)),
    f('optional1', 'alnum', true, s(0, 15, 30)),
    f('birthDate', 'numeric', true, s(1, 0, 6)),
    f('birthDateCheck', 'numeric', true, s(1, 6, 7)),
    f('sex', 'alpha', false, s(1, 7, 8)),
    f('expiryDate', 'numeric', true, s(1, 8, 14)),
    f('expiryDateCheck', 'numeric', true, s(1, 14, 15)),
    f('nationality', 'alpha', false, s(1, 15, 18)),
    f('optional2', 'alnum', true, s(1, 18, 29)),
    f('compositeCheck', 'numeric', true, s(1, 29, 30)),
    f('names', 'alpha', false, s(2, 0, 30)),
  ],
  checks: [
    // A long document number continues in optional1; its check digit is checked by the parser.
    { digit: s(0, 14, 15), covers: [s(0, 5, 14)], mayBeFiller: true },
    { digit: s(1, 6, 7), covers: [s(1, 0, 6)], mayBeFiller: false },
    { digit: s(1, 14, 15), covers: [s(1, 8, 14)], mayBeFiller: false },
    {
      digit: s(1, 29, 30),
      covers: [s(0, 5, 30), s(1, 0, 7), s(1, 8, 15), s(1, 18, 29)],
      mayBeFiller: false,
    },
  ],
};

const TD2: MrzLayout = {
  format: 'TD2',
  fields: [
    f('documentCode', 'alpha', false, s(0, 0, 2)),
    f('issuingState', 'alpha', false, s(0, 2, 5)),
    f('names', 'alpha', false, s(0, 5, 36)),
    f('documentNumber', 'alnum', true, s(1, 0, 9)),
    f('documentNumberCheck', 'numeric', true, s(1, 9, 10)),
    f('nationality', 'alpha', false, s(1, 10, 13)),
    f('birthDate', 'numeric', true, s(1, 13, 19)),
    f('birthDateCheck', 'numeric', true, s(1, 19, 20)),
    f('sex', 'alpha', false, s(1, 20, 21)),
    f('expiryDate', 'numeric', true, s(1, 21, 27)),
    f('expiryDateCheck', 'numeric', true, s(1, 27, 28)),
    f('optional', 'alnum', true, s(1, 28, 35)),
    f('compositeCheck', 'numeric', true, s(1, 35, 36)),
  ],
  checks: [
    { digit: s(1, 9, 10), covers: [s(1, 0, 9)], mayBeFiller: true },
    { digit: s(1, 19, 20), covers: [s(1, 13, 19)], mayBeFiller: false },
    { digit: s(1, 27, 28), covers: [s(1, 21, 27)], mayBeFiller: false },
    { digit: s(1, 35, 36), covers: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 35)], mayBeFiller: false },
  ],
};

const TD3: MrzLayout = {
  format: 'TD3',
  fields: [
    f('documentCode', 'alpha', false, s(0, 0, 2)),
    f('issuingState', 'alpha', false, s(0, 2, 5)),
    f('names', 'alpha', false, s(0, 5, 44)),
    f('documentNumber', 'alnum', true, s(1, 0, 9)),
    f('documentNumberCheck', 'numeric', true, s(1, 9, 10)),
    f('nationality', 'alpha', false, s(1, 10, 13)),
    f('birthDate', 'numeric', true, s(1, 13, 19)),
    f('birthDateCheck', 'numeric', true, s(1, 19, 20)),
    f('sex', 'alpha', false, s(1, 20, 21)),
    f('expiryDate', 'numeric', true, s(1, 21, 27)),
    f('expiryDateCheck', 'numeric', true, s(1, 27, 28)),
    f('personalNumber', 'alnum', true, s(1, 28, 42)),
    f('personalNumberCheck', 'numeric', true, s(1, 42, 43)),
    f('compositeCheck', 'numeric', true, s(1, 43, 44)),
  ],
  checks: [
    { digit: s(1, 9, 10), covers: [s(1, 0, 9)], mayBeFiller: false },
    { digit: s(1, 19, 20), covers: [s(1, 13, 19)], mayBeFiller: false },
    { digit: s(1, 27, 28), covers: [s(1, 21, 27)], mayBeFiller: false },
    // An empty personal number may carry `<` as its check digit.
    { digit: s(1, 42, 43), covers: [s(1, 28, 42)], mayBeFiller: true },
    { digit: s(1, 43, 44), covers: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 43)], mayBeFiller: false },
  ],
};

export const LAYOUTS: Record<MrzFormat, MrzLayout> = { TD1, TD2, TD3 };

/** The layout whose shape (line count and length) the lines have exactly, or null. */
export function layoutForShape(lines: readonly string[]): MrzLayout | null {
  for (const layout of Object.values(LAYOUTS)) {
    const shape = MRZ_SHAPE[layout.format];
    if (lines.length === shape.lines && lines.every((line) => line.length === shape.length)) return layout;
  }
  return null;
}

/** Value of a character in a check digit: digits as such, A–Z 10–35, `<` 0. */
export function charValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return 0;
}

/** ICAO 9303 check digit: weights 7, 3, 1 repeating, sum mod 10. */
export function checkDigit(text: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += charValue(text[i]!) * weights[i % 3]!;
  return sum % 10;
}

export function spanText(lines: readonly string[], span: Span): string {
  return (lines[span.line] ?? '').slice(span.start, span.end);
}
