import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCKING_ZEROS, decodeTrackBits, encodeTrackBits } from './track-bits.ts';
import { TRACK_FORMATS, type TrackNumber } from './track-formats.ts';
import { withSentinelsAndLrc } from './track-text.ts';

const TRACK2 = ';4000001234567899=2512201123?2';

/** Any data the track can hold: characters of its set except the sentinels. */
function trackData(track: TrackNumber): fc.Arbitrary<string> {
  const { firstChar, bitsPerChar, startSentinel, endSentinel, maxChars } = TRACK_FORMATS[track];
  const chars = Array.from({ length: 1 << bitsPerChar }, (_, code) =>
    String.fromCharCode(firstChar + code),
  ).filter((char) => char !== startSentinel && char !== endSentinel);
  return fc.array(fc.constantFrom(...chars), { maxLength: maxChars - 3 }).map((list) => list.join(''));
}

const anyTrack = fc
  .constantFrom<TrackNumber>(1, 2, 3)
  .chain((track) => trackData(track).map((data) => ({ track, full: withSentinelsAndLrc(track, data) })));

describe('encodeTrackBits', () => {
  it('writes clocking zeros, then each character LSB first with odd parity', () => {
    const bits = encodeTrackBits(2, TRACK2);
    expect(bits).toHaveLength(CLOCKING_ZEROS * 2 + TRACK2.length * 5);
    expect([...bits.subarray(0, CLOCKING_ZEROS)].every((bit) => bit === 0)).toBe(true);
    // ';' = 0b1011 → 1,1,0,1 and three ones → parity 0. '4' = 0b0100 → 0,0,1,0 + parity 0.
    // '0' → 0,0,0,0 + parity 1.
    expect([...bits.subarray(CLOCKING_ZEROS, CLOCKING_ZEROS + 15)]).toEqual([
      1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1,
    ]);
    // The LRC '2' = 0b0010 → 0,1,0,0 + parity 0, then the trailing zeros.
    const lrcAt = CLOCKING_ZEROS + (TRACK2.length - 1) * 5;
    expect([...bits.subarray(lrcAt, lrcAt + 5)]).toEqual([0, 1, 0, 0, 0]);
    expect([...bits.subarray(lrcAt + 5)].every((bit) => bit === 0)).toBe(true);
  });

  it('track 1 characters are 6 bits + parity', () => {
    const bits = encodeTrackBits(1, withSentinelsAndLrc(1, 'A'));
    // '%' = 5 = 0b000101 → 1,0,1,0,0,0, two ones → parity 1.
    expect([...bits.subarray(CLOCKING_ZEROS, CLOCKING_ZEROS + 7)]).toEqual([1, 0, 1, 0, 0, 0, 1]);
  });

  it('throws on a track that is not valid', () => {
    expect(() => encodeTrackBits(2, ';123?0')).toThrow(/LRC/);
    expect(() => encodeTrackBits(2, '123')).toThrow();
  });
});

describe('decodeTrackBits', () => {
  it('reads back the golden track', () => {
    expect(decodeTrackBits(2, encodeTrackBits(2, TRACK2))).toEqual({ ok: true, track: TRACK2 });
  });

  it('reports each kind of failure', () => {
    expect(decodeTrackBits(2, new Uint8Array(60))).toEqual({ ok: false, reason: 'noStartSentinel' });
    // Track 2 bits read as track 1: the first 7 bits are not '%'.
    expect(decodeTrackBits(1, encodeTrackBits(2, TRACK2))).toEqual({ ok: false, reason: 'noStartSentinel' });
    const cut = encodeTrackBits(2, TRACK2).subarray(0, CLOCKING_ZEROS + 10 * 5);
    expect(decodeTrackBits(2, cut)).toEqual({ ok: false, reason: 'noEndSentinel' });
    const parity = encodeTrackBits(2, TRACK2);
    flipBit(parity, CLOCKING_ZEROS + 5 * 3 + 4); // the parity bit of the third character
    expect(decodeTrackBits(2, parity)).toEqual({ ok: false, reason: 'parity' });
    // Two bits flipped in one character keep its parity: only the LRC catches it.
    const twoFlips = encodeTrackBits(2, TRACK2);
    flipBit(twoFlips, CLOCKING_ZEROS + 5 * 3);
    flipBit(twoFlips, CLOCKING_ZEROS + 5 * 3 + 1);
    expect(decodeTrackBits(2, twoFlips)).toEqual({ ok: false, reason: 'lrc' });
    const noLrc = encodeTrackBits(2, TRACK2).subarray(0, CLOCKING_ZEROS + (TRACK2.length - 1) * 5);
    expect(decodeTrackBits(2, noLrc)).toEqual({ ok: false, reason: 'lrc' });
  });

  it('round-trips any valid track (property)', () => {
    fc.assert(
      fc.property(anyTrack, ({ track, full }) => {
        expect(decodeTrackBits(track, encodeTrackBits(track, full))).toEqual({ ok: true, track: full });
      }),
    );
  });

  it('detects any single flipped bit from the start sentinel to the LRC (property)', () => {
    const withFlip = anyTrack.chain(({ track, full }) =>
      fc.record({
        track: fc.constant(track),
        full: fc.constant(full),
        flip: fc.nat({ max: full.length * (TRACK_FORMATS[track].bitsPerChar + 1) - 1 }),
      }),
    );
    fc.assert(
      fc.property(withFlip, ({ track, full, flip }) => {
        const bits = encodeTrackBits(track, full);
        flipBit(bits, CLOCKING_ZEROS + flip);
        const result = decodeTrackBits(track, bits);
        const frameBits = TRACK_FORMATS[track].bitsPerChar + 1;
        // A flip inside the start sentinel misplaces or changes it; anywhere after, parity or LRC.
        const allowed = flip < frameBits ? ['noStartSentinel', 'parity'] : ['parity', 'lrc'];
        expect(result.ok).toBe(false);
        expect(allowed).toContain(result.ok ? 'ok' : result.reason);
      }),
    );
  });

  it('never throws on random bits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TrackNumber>(1, 2, 3),
        fc.uint8Array({ maxLength: 1200, max: 1 }),
        (track, bits) => {
          decodeTrackBits(track, bits);
        },
      ),
    );
  });
});

function flipBit(bits: Uint8Array, index: number): void {
  bits[index] = bits[index] === 1 ? 0 : 1;
}
