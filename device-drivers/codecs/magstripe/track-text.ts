import { charFromStripeCode, stripeCode, TRACK_FORMATS, type TrackNumber } from './track-formats.ts';

/**
 * The LRC character: the XOR of the data bits of every character from the start sentinel to the
 * end sentinel, both included (its own parity bit is added when it is written as bits).
 */
export function lrcCharacter(track: TrackNumber, textFromStartToEndSentinel: string): string {
  let lrc = 0;
  for (const char of textFromStartToEndSentinel) {
    const code = stripeCode(track, char);
    if (code === null) throw new Error(`track ${track}: ${describeChar(char)} is not in the character set`);
    lrc ^= code;
  }
  return charFromStripeCode(track, lrc);
}

/** Start sentinel + `data` + end sentinel + LRC. Throws when `data` cannot go on the track. */
export function withSentinelsAndLrc(track: TrackNumber, data: string): string {
  const problem = dataProblem(track, data);
  if (problem !== null) throw new Error(`track ${track}: ${problem}`);
  const { startSentinel, endSentinel } = TRACK_FORMATS[track];
  const framed = `${startSentinel}${data}${endSentinel}`;
  return framed + lrcCharacter(track, framed);
}

/** Checks a whole track as it goes on the stripe: character set, sentinels, length and LRC. */
export function validateTrack(
  track: TrackNumber,
  fullTrack: string,
): { ok: true } | { ok: false; reason: string } {
  const { startSentinel, endSentinel, maxChars } = TRACK_FORMATS[track];
  if (fullTrack.length < 3) return { ok: false, reason: 'too short for sentinels and LRC' };
  if (fullTrack.length > maxChars)
    return { ok: false, reason: `${fullTrack.length} characters, at most ${maxChars}` };
  if (fullTrack[0] !== startSentinel) return { ok: false, reason: `does not start with ${startSentinel}` };
  if (fullTrack[fullTrack.length - 2] !== endSentinel)
    return { ok: false, reason: `no ${endSentinel} before the LRC character` };
  const lrc = fullTrack[fullTrack.length - 1]!;
  if (stripeCode(track, lrc) === null)
    return { ok: false, reason: `LRC ${describeChar(lrc)} is not in the set` };
  const problem = dataProblem(track, fullTrack.slice(1, -2));
  if (problem !== null) return { ok: false, reason: problem };
  if (lrcCharacter(track, fullTrack.slice(0, -1)) !== lrc) return { ok: false, reason: 'LRC does not match' };
  return { ok: true };
}

/** Why `data` (without sentinels) cannot go on the track, or null when it can. */
function dataProblem(track: TrackNumber, data: string): string | null {
  const { startSentinel, endSentinel, maxChars } = TRACK_FORMATS[track];
  if (data.length + 3 > maxChars)
    return `${data.length} data characters, at most ${maxChars - 3} with sentinels and LRC`;
  for (const char of data) {
    // Sentinels inside the data would end or restart the track when it is read back.
    if (char === startSentinel || char === endSentinel || stripeCode(track, char) === null)
      return `${describeChar(char)} cannot be in the data`;
  }
  return null;
}

function describeChar(char: string): string {
  return `character ${JSON.stringify(char)} (0x${char.charCodeAt(0).toString(16).padStart(2, '0')})`;
}
