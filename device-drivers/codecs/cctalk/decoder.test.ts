import { describe, expect, it } from 'vitest';
import { CcTalkDecoder, type DecodedFrame } from './decoder.ts';
import { type ChecksumMode, encodeFrame } from './frame.ts';
import { decimalBytes, prng } from './test-support.ts';

function decodeInChunks(mode: ChecksumMode, bytes: Buffer, chunkSizes: () => number) {
  const decoder = new CcTalkDecoder(mode);
  const frames: DecodedFrame[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = Math.max(1, chunkSizes());
    frames.push(...decoder.push(bytes.subarray(i, i + size)));
    i += size;
  }
  // The line goes quiet after the stream: a partial frame left is settled.
  frames.push(...decoder.idle());
  return { frames, noise: decoder.noiseBytes, pending: decoder.pendingBytes };
}

/** Decodes whole, byte by byte and in 50 random splits; all must agree. */
function decodeEveryWay(mode: ChecksumMode, bytes: Buffer) {
  const whole = decodeInChunks(mode, bytes, () => bytes.length);
  expect(decodeInChunks(mode, bytes, () => 1)).toEqual(whole);
  for (let seed = 1; seed <= 50; seed++) {
    const random = prng(seed);
    expect(decodeInChunks(mode, bytes, () => 1 + Math.floor(random() * 9))).toEqual(whole);
  }
  return whole;
}

// Golden streams: part 1 examples (see frame.test.ts for their sources).
const CATEGORY_REQUEST = decimalBytes('2 0 1 245 8');
const CATEGORY_REPLY = decimalBytes('1 13 2 0 67 111 105 110 32 65 99 99 101 112 116 111 114 22');
const CRC_POLL = decimalBytes('40 0 182 254 33');
const CRC_ACK = decimalBytes('1 0 48 0 55');

describe('CcTalkDecoder', () => {
  it('decodes a request, its echo-free reply, in any fragmentation (simple checksum)', () => {
    const { frames, noise, pending } = decodeEveryWay(
      'simple8',
      Buffer.concat([CATEGORY_REQUEST, CATEGORY_REPLY]),
    );
    expect(noise).toBe(0);
    expect(pending).toBe(0);
    expect(
      frames.map(({ raw, ...frame }) => ({ ...frame, data: Buffer.from(frame.data).toString('ascii') })),
    ).toEqual([
      { destination: 2, source: 1, header: 245, data: '' },
      { destination: 1, source: 2, header: 0, data: 'Coin Acceptor' },
    ]);
    expect(frames[1]?.raw).toEqual(CATEGORY_REPLY);
  });

  it('decodes CRC-16 frames with source -1 (the slot held the CRC)', () => {
    const { frames, noise } = decodeEveryWay('crc16', Buffer.concat([CRC_POLL, CRC_ACK]));
    expect(noise).toBe(0);
    expect(frames.map(({ destination, source, header }) => ({ destination, source, header }))).toEqual([
      { destination: 40, source: -1, header: 254 },
      { destination: 1, source: -1, header: 0 },
    ]);
  });

  it('resynchronises after noise: garbage before, between and after frames', () => {
    const noise1 = Buffer.from([0xff, 0x13, 0x37]);
    const noise2 = Buffer.from([0x00]);
    const stream = Buffer.concat([noise1, CATEGORY_REQUEST, noise2, CATEGORY_REPLY, Buffer.from([7])]);
    const { frames, noise, pending } = decodeEveryWay('simple8', stream);
    expect(frames.map((f) => f.header)).toEqual([245, 0]);
    expect(pending).toBe(0);
    expect(noise).toBe(noise1.length + noise2.length + 1);
  });

  it('drops a frame whose checksum fails and finds the next one', () => {
    const broken = Buffer.from(CATEGORY_REQUEST);
    broken[3] = 244; // header changed, checksum no longer holds
    const { frames, noise } = decodeEveryWay('simple8', Buffer.concat([broken, CATEGORY_REPLY]));
    expect(frames.map((f) => f.header)).toEqual([0]);
    expect(noise).toBe(broken.length);
  });

  it('rejects a CRC frame with one bit flipped in the CRC high byte', () => {
    const broken = Buffer.from(CRC_POLL);
    broken[4] = (broken[4] ?? 0) ^ 0x01;
    const { frames } = decodeEveryWay('crc16', Buffer.concat([broken, CRC_ACK]));
    expect(frames.map((f) => f.destination)).toEqual([1]);
  });

  it('keeps a partial frame waiting and completes it with the next bytes', () => {
    const decoder = new CcTalkDecoder('simple8');
    expect(decoder.push(CATEGORY_REPLY.subarray(0, 7))).toEqual([]);
    expect(decoder.pendingBytes).toBe(7);
    const frames = decoder.push(CATEGORY_REPLY.subarray(7));
    expect(frames).toHaveLength(1);
    expect(decoder.pendingBytes).toBe(0);
    expect(decoder.noiseBytes).toBe(0);
  });

  it('treats a length byte above 252 as noise at once', () => {
    const decoder = new CcTalkDecoder('simple8');
    decoder.push(Uint8Array.of(1, 253));
    expect(decoder.noiseBytes).toBe(1);
    expect(decoder.pendingBytes).toBe(1);
  });

  it('decodes a frame with 252 data bytes', () => {
    const data = new Uint8Array(252).map((_, i) => i);
    const bytes = encodeFrame({ destination: 1, source: 40, header: 0, data }, 'crc16');
    const { frames } = decodeEveryWay('crc16', bytes);
    expect(frames[0]?.data).toEqual(data);
  });

  it('never holds more than maxBufferBytes; a frame too long for it is noise at once', () => {
    const decoder = new CcTalkDecoder('simple8', { maxBufferBytes: 16 });
    decoder.push(Uint8Array.of(1, 200, 2, 0));
    decoder.push(new Uint8Array(100).fill(0x55));
    expect(decoder.pendingBytes).toBeLessThanOrEqual(16);
    expect(decoder.pendingBytes + decoder.noiseBytes).toBe(104);
    // A small maximum still lets frames that fit through (the last 0x55 waits for its checksum
    // until the line is idle).
    const frames = [...decoder.push(CATEGORY_REQUEST), ...decoder.idle()];
    expect(frames.map((f) => f.header)).toEqual([245]);
  });

  it('a partial frame that never completes holds the frames behind it until the line is idle', () => {
    const decoder = new CcTalkDecoder('simple8');
    // 1 then 100: looks like the start of a 105-byte frame.
    expect(decoder.push(Buffer.concat([Uint8Array.of(1, 100), CATEGORY_REQUEST]))).toEqual([]);
    expect(decoder.pendingBytes).toBe(7);
    const frames = decoder.idle();
    expect(frames.map((f) => f.header)).toEqual([245]);
    expect(decoder.noiseBytes).toBe(2);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('reset forgets the partial frame and the noise count', () => {
    const decoder = new CcTalkDecoder('simple8');
    decoder.push(Uint8Array.of(9, 9, 9));
    decoder.reset();
    expect(decoder.pendingBytes).toBe(0);
    expect(decoder.noiseBytes).toBe(0);
    expect(decoder.push(CATEGORY_REQUEST)).toHaveLength(1);
  });

  it('refuses a buffer too small for the smallest frame', () => {
    expect(() => new CcTalkDecoder('simple8', { maxBufferBytes: 4 })).toThrow(RangeError);
  });
});
