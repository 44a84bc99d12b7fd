import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHidFrame, HidFrameDecoder } from './frame.ts';

describe('HID report frames', () => {
  it('splits frames however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 70 }),
        (reports, cut) => {
          const stream = Uint8Array.from(reports.flatMap((r) => [...encodeHidFrame(r)]));
          const decoder = new HidFrameDecoder();
          const out: number[][] = [];
          for (let i = 0; i < stream.length; i += cut) {
            const result = decoder.push(stream.subarray(i, i + cut));
            expect(result.ok).toBe(true);
            out.push(...result.reports.map((r) => [...r]));
          }
          expect(out).toEqual(reports.map((r) => [...r]));
          expect(decoder.buffered).toBe(0);
        },
      ),
    );
  });

  it('stops at a length of 0 or above 64, keeping the reports before it', () => {
    for (const bad of [0, 65, 255]) {
      const decoder = new HidFrameDecoder();
      const result = decoder.push(Uint8Array.of(1, 9, bad, 1, 2));
      expect(result).toMatchObject({ ok: false, reports: [Uint8Array.of(9)] });
      expect(decoder.push(Uint8Array.of(1, 1)).ok).toBe(false);
    }
  });

  it('refuses to frame an empty or oversized report', () => {
    expect(() => encodeHidFrame(new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeHidFrame(new Uint8Array(65))).toThrow(RangeError);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        new HidFrameDecoder().push(bytes);
      }),
    );
  });
});
