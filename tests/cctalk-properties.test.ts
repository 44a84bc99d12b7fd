import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CcTalkDecoder, type DecodedFrame } from '../device-drivers/codecs/cctalk/decoder.ts';
import { CcTalkDataError } from '../device-drivers/codecs/cctalk/errors.ts';
import { countNewEvents, parseBufferedEvents } from '../device-drivers/codecs/cctalk/events.ts';
import { type ChecksumMode, encodeFrame } from '../device-drivers/codecs/cctalk/frame.ts';
import { parsePayoutStatus, parseTestHopper } from '../device-drivers/codecs/cctalk/hopper.ts';

const RUNS = 3_000;
const byte = fc.integer({ min: 0, max: 255 });
const mode = fc.constantFrom<ChecksumMode>('simple8', 'crc16');
const frameArb = fc.record({
  destination: byte,
  source: byte,
  header: byte,
  data: fc.uint8Array({ maxLength: 252 }),
});
/** Cut points for feeding bytes in fragments. */
const splits = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 });

function feed(decoder: CcTalkDecoder, bytes: Uint8Array, sizes: number[]): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    frames.push(...decoder.push(bytes.subarray(i, i + size)));
    i += size;
  }
  return frames;
}

describe('ccTalk codec properties', () => {
  it('encode → decode gives the frame back, in both checksum modes and any fragmentation', () => {
    fc.assert(
      fc.property(mode, fc.array(frameArb, { minLength: 1, maxLength: 4 }), splits, (m, frames, sizes) => {
        const bytes = Buffer.concat(frames.map((f) => encodeFrame(f, m)));
        const decoder = new CcTalkDecoder(m);
        const decoded = feed(decoder, bytes, sizes);
        expect(decoder.noiseBytes).toBe(0);
        expect(decoder.pendingBytes).toBe(0);
        expect(decoded.map(({ raw, ...frame }) => frame)).toEqual(
          frames.map((f) => ({ ...f, source: m === 'crc16' ? -1 : f.source, data: new Uint8Array(f.data) })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes never throw, the buffer stays bounded, and every byte is a frame byte, noise or pending', () => {
    fc.assert(
      fc.property(
        mode,
        fc.uint8Array({ maxLength: 2_000 }),
        splits,
        fc.integer({ min: 5, max: 1024 }),
        (m, bytes, sizes, maxBufferBytes) => {
          const decoder = new CcTalkDecoder(m, { maxBufferBytes });
          let inFrames = 0;
          let i = 0;
          for (let k = 0; i < bytes.length; k++) {
            const size = sizes[k % sizes.length] ?? 1;
            for (const frame of decoder.push(bytes.subarray(i, i + size))) inFrames += frame.raw.length;
            i += size;
            expect(decoder.pendingBytes).toBeLessThanOrEqual(maxBufferBytes);
            expect(inFrames + decoder.noiseBytes + decoder.pendingBytes).toBe(Math.min(i, bytes.length));
          }
          for (const frame of decoder.idle()) inFrames += frame.raw.length;
          expect(decoder.pendingBytes).toBe(0);
          expect(inFrames + decoder.noiseBytes).toBe(bytes.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a valid frame after noise is always found once the line goes quiet', () => {
    fc.assert(
      fc.property(mode, fc.uint8Array({ maxLength: 30 }), frameArb, (m, noise, frame) => {
        const bytes = encodeFrame(frame, m);
        const stream = Buffer.concat([noise, bytes]);
        const decoder = new CcTalkDecoder(m);
        const found = [...decoder.push(stream), ...decoder.idle()];
        // The real frame is found, unless a false frame (noise whose checksum happens to hold,
        // 1 in 256 per position for the simple sum) took some of its bytes.
        let cursor = 0;
        let exact = false;
        let overlapped = false;
        for (const f of found) {
          const offset = stream.indexOf(f.raw, cursor);
          cursor = offset + f.raw.length;
          if (offset === noise.length && f.raw.equals(bytes)) exact = true;
          else if (cursor > noise.length) overlapped = true;
        }
        expect(exact || overlapped).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseBufferedEvents parses or throws CcTalkDataError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), (data) => {
        try {
          const parsed = parseBufferedEvents(data);
          expect(data.length).toBe(11);
          expect(parsed.events).toHaveLength(5);
        } catch (error) {
          expect(error).toBeInstanceOf(CcTalkDataError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('hopper parsers parse or throw CcTalkDataError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), (data) => {
        for (const parse of [parsePayoutStatus, parseTestHopper]) {
          try {
            parse(data);
          } catch (error) {
            expect(error).toBeInstanceOf(CcTalkDataError);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('countNewEvents agrees with counting the events one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 600 }), (start, events) => {
        let counter = start;
        for (let n = 0; n < events; n++) counter = counter === 255 ? 1 : counter + 1;
        const result = countNewEvents(start, counter);
        expect(result.newEvents).toBe(events % 255);
        expect(result.lost).toBe(Math.max(0, (events % 255) - 5));
        expect(result.powerUp).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
