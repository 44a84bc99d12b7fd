import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DecodedItem,
  encodeFrame,
  ETX,
  type Frame,
  FrameDecoder,
  HEADER_BYTES,
  MAX_PAYLOAD,
  STX,
  TRAILER_BYTES,
} from './frame.ts';
import { maxReplyPayload, REPLY, REPLY_TYPES } from './messages.ts';

const decoder = () => new FrameDecoder({ acceptTypes: REPLY_TYPES, maxPayload: maxReplyPayload });
const framesOf = (items: DecodedItem[]) =>
  items.flatMap((item) => (item.kind === 'frame' ? [item.frame] : []));

/** A scanner frame of any type with a payload its type allows. */
const scannerFrame: fc.Arbitrary<Frame> = fc
  .record({ type: fc.constantFrom(...REPLY_TYPES), seq: fc.integer({ min: 0, max: 255 }) })
  .chain(({ type, seq }) =>
    fc
      .uint8Array({ maxLength: Math.min(maxReplyPayload(type), 600) })
      .map((payload) => ({ type, seq, payload })),
  );

/** Pushes `bytes` in pieces cut at the given points. */
function pushSplit(d: FrameDecoder, bytes: Uint8Array, cuts: number[]): DecodedItem[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: DecodedItem[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    out.push(...d.push(bytes.subarray(from, point)));
    from = point;
  }
  return out;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

describe('frame codec', () => {
  it('lays a frame out as STX, type, seq, length, payload, CRC-16, ETX', () => {
    const bytes = encodeFrame({ type: REPLY.nak, seq: 7, payload: Uint8Array.of(3) });
    expect([...bytes.subarray(0, 6)]).toEqual([STX, REPLY.nak, 7, 0, 1, 3]);
    expect(bytes.length).toBe(HEADER_BYTES + 1 + TRAILER_BYTES);
    expect(bytes.at(-1)).toBe(ETX);
  });

  it('refuses to encode a payload over the limit', () => {
    expect(() =>
      encodeFrame({ type: REPLY.chunk, seq: 1, payload: new Uint8Array(MAX_PAYLOAD + 1) }),
    ).toThrow(RangeError);
  });

  it('reports a frame with a flipped bit as corrupt and finds the next good one', () => {
    const bad = encodeFrame({ type: REPLY.status, seq: 1, payload: Uint8Array.of(1, 0) });
    bad[5] = bad[5]! ^ 0x10;
    const good = encodeFrame({ type: REPLY.status, seq: 2, payload: Uint8Array.of(0, 0) });
    const items = decoder().push(concat([bad, good]));
    expect(items[0]).toEqual({ kind: 'corrupt', reason: 'crc' });
    expect(framesOf(items).map((f) => f.seq)).toEqual([2]);
  });

  it('skips a header announcing more than its type allows without waiting for it', () => {
    const falseStart = Uint8Array.of(STX, REPLY.status, 1, 0x10, 0x00);
    const good = encodeFrame({ type: REPLY.status, seq: 2, payload: Uint8Array.of(0, 0) });
    expect(framesOf(decoder().push(concat([falseStart, good]))).map((f) => f.seq)).toEqual([2]);
  });

  it('reset drops a partial frame', () => {
    const d = decoder();
    const frame = encodeFrame({ type: REPLY.status, seq: 3, payload: Uint8Array.of(0, 0) });
    d.push(frame.subarray(0, 4));
    d.reset();
    expect(d.push(frame.subarray(4))).toEqual([]);
    expect(framesOf(d.push(frame))).toHaveLength(1);
  });

  it('property: any bytes, in any pieces, never throw and always return', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 20_000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const d = decoder();
          pushSplit(d, bytes, cuts);
          // Whatever it holds is at most one frame.
          expect(d.skippedBytes).toBeLessThanOrEqual(bytes.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: bytes full of STX and plausible headers never throw', () => {
    const nasty = fc.array(
      fc.oneof(
        fc.constant(STX),
        fc.constant(ETX),
        fc.constantFrom(...REPLY_TYPES),
        fc.integer({ min: 0, max: 255 }),
      ),
      { maxLength: 12_000 },
    );
    fc.assert(
      fc.property(nasty, fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
        pushSplit(decoder(), Uint8Array.from(bytes), cuts);
      }),
      { numRuns: 200 },
    );
  });

  it('property: frames split anywhere, with garbage between them, come out whole and in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), scannerFrame), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (parts, cuts) => {
          const frames = parts.map(([, frame]) => frame);
          // Trailing quiet bytes let any false start that garbage made run out and be dropped.
          const tail = new Uint8Array(HEADER_BYTES + MAX_PAYLOAD + TRAILER_BYTES);
          const wire = concat([...parts.flatMap(([garbage, frame]) => [garbage, encodeFrame(frame)]), tail]);
          const out = framesOf(pushSplit(decoder(), wire, cuts));
          expect(out).toEqual(frames);
        },
      ),
      { numRuns: 300 },
    );
  });
});
