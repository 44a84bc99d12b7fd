/**
 * Magnetic stripe track formats per ISO/IEC 7811 (docs/card-printer-protocol.md, "Magnetic
 * stripe"). A track character is stored as `char − firstChar` in `bitsPerChar` data bits, least
 * significant first, then an odd parity bit.
 */
export type TrackNumber = 1 | 2 | 3;

export interface TrackFormat {
  bitsPerChar: 4 | 6;
  /** The character whose code is 0 on the stripe: 0x20 (space) on track 1, 0x30 (`0`) on 2 and 3. */
  firstChar: number;
  startSentinel: string;
  endSentinel: string;
  separator: string;
  /** Whole track: start sentinel, data, end sentinel and the LRC character. */
  maxChars: number;
}

export const TRACK_FORMATS: Record<TrackNumber, TrackFormat> = {
  1: { bitsPerChar: 6, firstChar: 0x20, startSentinel: '%', endSentinel: '?', separator: '^', maxChars: 79 },
  2: { bitsPerChar: 4, firstChar: 0x30, startSentinel: ';', endSentinel: '?', separator: '=', maxChars: 40 },
  3: { bitsPerChar: 4, firstChar: 0x30, startSentinel: ';', endSentinel: '?', separator: '=', maxChars: 107 },
};

export function isTrackNumber(value: number): value is TrackNumber {
  return value === 1 || value === 2 || value === 3;
}

/** The character's code on the stripe, or null when the track's character set lacks it. */
export function stripeCode(track: TrackNumber, char: string): number | null {
  const { bitsPerChar, firstChar } = TRACK_FORMATS[track];
  if (char.length !== 1) return null;
  const code = char.charCodeAt(0) - firstChar;
  return code >= 0 && code < 1 << bitsPerChar ? code : null;
}

export function charFromStripeCode(track: TrackNumber, code: number): string {
  return String.fromCharCode(TRACK_FORMATS[track].firstChar + code);
}

/** The odd parity bit: set when the data bits hold an even number of ones. */
export function oddParityBit(code: number): 0 | 1 {
  let ones = 0;
  for (let value = code; value > 0; value >>= 1) ones += value & 1;
  return ones % 2 === 0 ? 1 : 0;
}
