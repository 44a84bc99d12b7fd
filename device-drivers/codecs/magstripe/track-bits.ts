import {
  charFromStripeCode,
  oddParityBit,
  stripeCode,
  TRACK_FORMATS,
  type TrackNumber,
} from './track-formats.ts';
import { validateTrack } from './track-text.ts';

/**
 * Clocking zeros written before and after the characters: a reader synchronises on them and
 * finds the start sentinel at the first one bit.
 */
export const CLOCKING_ZEROS = 20;

export type TrackDecodeFailure = 'noStartSentinel' | 'parity' | 'noEndSentinel' | 'lrc';
export type TrackDecodeResult = { ok: true; track: string } | { ok: false; reason: TrackDecodeFailure };

/**
 * The bits of a whole track as written on the stripe, one array element per bit (0 or 1):
 * clocking zeros, each character's data bits least significant first then its odd parity bit,
 * clocking zeros. Throws when the track is not valid (see `validateTrack`).
 */
export function encodeTrackBits(track: TrackNumber, fullTrack: string): Uint8Array {
  const check = validateTrack(track, fullTrack);
  if (!check.ok) throw new Error(`track ${track}: ${check.reason}`);
  const { bitsPerChar } = TRACK_FORMATS[track];
  const bits = new Uint8Array(CLOCKING_ZEROS * 2 + fullTrack.length * (bitsPerChar + 1));
  let at = CLOCKING_ZEROS;
  for (const char of fullTrack) {
    const code = stripeCode(track, char)!;
    for (let bit = 0; bit < bitsPerChar; bit++) bits[at++] = (code >> bit) & 1;
    bits[at++] = oddParityBit(code);
  }
  return bits;
}

/**
 * Reads a track back from its bits as a reader does: skips the clocking zeros, expects the start
 * sentinel, checks every character's parity up to the end sentinel, then the LRC character.
 * Bits after the LRC character are not looked at (readers ignore what follows it).
 */
export function decodeTrackBits(track: TrackNumber, bits: Uint8Array): TrackDecodeResult {
  const { bitsPerChar, startSentinel, endSentinel, maxChars } = TRACK_FORMATS[track];
  const frameBits = bitsPerChar + 1;
  let at = bits.indexOf(1);
  if (at < 0) return { ok: false, reason: 'noStartSentinel' };

  const readChar = (): { code: number; parityOk: boolean } | null => {
    if (at + frameBits > bits.length) return null;
    let code = 0;
    for (let bit = 0; bit < bitsPerChar; bit++) code |= (bits[at + bit]! & 1) << bit;
    const parityOk = (bits[at + bitsPerChar]! & 1) === oddParityBit(code);
    at += frameBits;
    return { code, parityOk };
  };

  const start = readChar();
  if (start === null || charFromStripeCode(track, start.code) !== startSentinel)
    return { ok: false, reason: 'noStartSentinel' };
  if (!start.parityOk) return { ok: false, reason: 'parity' };

  let text = startSentinel;
  let lrc = start.code;
  for (;;) {
    // The end sentinel must come early enough to leave room for the LRC within the track's length.
    if (text.length >= maxChars - 1) return { ok: false, reason: 'noEndSentinel' };
    const next = readChar();
    if (next === null) return { ok: false, reason: 'noEndSentinel' };
    if (!next.parityOk) return { ok: false, reason: 'parity' };
    const char = charFromStripeCode(track, next.code);
    text += char;
    lrc ^= next.code;
    if (char === endSentinel) break;
  }

  const lrcChar = readChar();
  if (lrcChar === null || !lrcChar.parityOk || lrcChar.code !== lrc) return { ok: false, reason: 'lrc' };
  return { ok: true, track: text + charFromStripeCode(track, lrcChar.code) };
}
