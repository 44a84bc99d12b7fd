import { crc16Ccitt } from './crc.ts';

/**
 * Framing of the ID scanner protocol (docs/id-scanner-protocol.md):
 *
 *   STX | type | seq | length (2, big-endian) | payload | CRC-16/CCITT-FALSE (2, BE) | ETX
 *
 * The CRC covers type, seq, length and payload. `seq` 1–255 numbers host commands and is echoed
 * in the reply; 0 marks an unsolicited device event.
 */
export const STX = 0x02;
export const ETX = 0x03;
/** STX, type, seq, length. */
export const HEADER_BYTES = 5;
/** CRC and ETX. */
export const TRAILER_BYTES = 3;
/** A chunk carries at most this many image bytes. */
export const MAX_CHUNK_DATA = 4096;
/** Largest payload of any frame: a chunk's data plus its index and CRC-32. */
export const MAX_PAYLOAD = MAX_CHUNK_DATA + 8;
export const EVENT_SEQ = 0;

export interface Frame {
  type: number;
  seq: number;
  payload: Uint8Array;
}

export function encodeFrame(frame: Frame): Uint8Array {
  const { type, seq, payload } = frame;
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload of ${payload.length} bytes is too long`);
  const out = new Uint8Array(HEADER_BYTES + payload.length + TRAILER_BYTES);
  out[0] = STX;
  out[1] = type & 0xff;
  out[2] = seq & 0xff;
  out[3] = (payload.length >>> 8) & 0xff;
  out[4] = payload.length & 0xff;
  out.set(payload, HEADER_BYTES);
  const crc = crc16Ccitt(out, 1, HEADER_BYTES + payload.length);
  out[HEADER_BYTES + payload.length] = crc >>> 8;
  out[HEADER_BYTES + payload.length + 1] = crc & 0xff;
  out[HEADER_BYTES + payload.length + 2] = ETX;
  return out;
}

export type DecodedItem =
  | { kind: 'frame'; frame: Frame }
  /**
   * Something framed but wrong: a bad CRC or a missing ETX. The decoder has already resumed its
   * search right after that STX; a waiting host may ask again at once instead of timing out.
   */
  | { kind: 'corrupt'; reason: 'crc' | 'etx' };

export interface FrameDecoderOptions {
  /** Frame types this side accepts; a header with another type is not a frame start. */
  acceptTypes: ReadonlySet<number>;
  /** Largest payload per type; missing types take MAX_PAYLOAD. */
  maxPayload?: (type: number) => number;
}

/**
 * Incremental frame parser: bytes in, in any fragmentation; frames out. Bytes that cannot start a
 * frame are skipped (counted in `skippedBytes`). A header whose type is unknown or whose length is
 * over the limit is not a frame: the search goes on at the next byte. A frame whose CRC or ETX is
 * wrong is reported as `corrupt` and the search goes on right after its STX, so a real frame
 * hidden behind a false start is still found. Never throws; holds at most one frame's bytes.
 */
export class FrameDecoder {
  private buffer = new Uint8Array(HEADER_BYTES + MAX_PAYLOAD + TRAILER_BYTES);
  private filled = 0;
  skippedBytes = 0;

  constructor(private readonly options: FrameDecoderOptions) {}

  /** Drops any partial frame, e.g. after a timeout: what was half received belongs to nothing. */
  reset(): void {
    this.skippedBytes += this.filled;
    this.filled = 0;
  }

  push(chunk: Uint8Array): DecodedItem[] {
    const out: DecodedItem[] = [];
    let at = 0;
    while (at < chunk.length) {
      const room = this.buffer.length - this.filled;
      const take = Math.min(room, chunk.length - at);
      this.buffer.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      this.drain(out);
    }
    return out;
  }

  /** Takes every complete frame out of the buffer; leaves a possible frame start at offset 0. */
  private drain(out: DecodedItem[]): void {
    let start = 0;
    while (start < this.filled) {
      if (this.buffer[start] !== STX) {
        start++;
        this.skippedBytes++;
        continue;
      }
      const verdict = this.examine(start);
      if (verdict === 'incomplete') break;
      if (verdict === 'notAFrame') {
        start++;
        this.skippedBytes++;
        continue;
      }
      if (verdict.kind === 'corrupt') {
        out.push(verdict);
        start++;
        this.skippedBytes++;
        continue;
      }
      out.push(verdict);
      start += HEADER_BYTES + verdict.frame.payload.length + TRAILER_BYTES;
    }
    if (start > 0) {
      this.buffer.copyWithin(0, start, this.filled);
      this.filled -= start;
    }
  }

  private examine(start: number): 'incomplete' | 'notAFrame' | DecodedItem {
    const b = this.buffer;
    const available = this.filled - start;
    if (available < 2) return 'incomplete';
    const type = b[start + 1]!;
    if (!this.options.acceptTypes.has(type)) return 'notAFrame';
    if (available < HEADER_BYTES) return 'incomplete';
    const length = (b[start + 3]! << 8) | b[start + 4]!;
    const max = Math.min(this.options.maxPayload?.(type) ?? MAX_PAYLOAD, MAX_PAYLOAD);
    if (length > max) return 'notAFrame';
    const total = HEADER_BYTES + length + TRAILER_BYTES;
    if (available < total) return 'incomplete';
    const crcAt = start + HEADER_BYTES + length;
    const crc = (b[crcAt]! << 8) | b[crcAt + 1]!;
    if (crc16Ccitt(b, start + 1, crcAt) !== crc) return { kind: 'corrupt', reason: 'crc' };
    if (b[crcAt + 2] !== ETX) return { kind: 'corrupt', reason: 'etx' };
    return {
      kind: 'frame',
      frame: { type, seq: b[start + 2]!, payload: b.slice(start + HEADER_BYTES, crcAt) },
    };
  }
}
