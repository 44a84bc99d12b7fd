import {
  type CcTalkFrame,
  type ChecksumMode,
  checksumValid,
  FRAME_OVERHEAD,
  MAX_DATA_LENGTH,
} from './frame.ts';

/**
 * A frame found in the byte stream, with the exact bytes it came in. In `crc16` mode `source` is
 * -1: the source slot held the CRC's low byte (part 1, section 7.11), so the sender is unknown.
 */
export type DecodedFrame = CcTalkFrame & { raw: Buffer };

export interface CcTalkDecoderOptions {
  /** The most bytes held while a frame is incomplete (default 1024, at least 5). */
  maxBufferBytes?: number;
}

const DEFAULT_MAX_BUFFER = 1024;

/**
 * Streaming ccTalk frame decoder: feed it bytes in any fragmentation, it returns the frames
 * completed so far and never throws on input.
 *
 * ccTalk has no start-of-frame byte (part 1, section 7), so a frame is recognised by its length
 * byte and its checksum. When the bytes at the front do not make a frame whose checksum holds,
 * one byte is dropped as noise and the scan starts again at the next byte: a frame that follows
 * noise is found once its own bytes are all in. A length byte above 252 cannot start a frame and
 * is dropped at once.
 *
 * A noise byte can look like the start of a long frame and hold the frames behind it until
 * enough bytes have come to show its checksum fails; `idle()` settles that when the line goes
 * quiet.
 *
 * Every byte pushed ends up in exactly one place: a returned frame's `raw`, `noiseBytes`, or
 * `pendingBytes` (a frame still incomplete).
 */
export class CcTalkDecoder {
  private readonly mode: ChecksumMode;
  private readonly buffer: Buffer;
  private length = 0;
  private noise = 0;

  constructor(mode: ChecksumMode, options: CcTalkDecoderOptions = {}) {
    const max = options.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
    if (!Number.isInteger(max) || max < FRAME_OVERHEAD) {
      throw new RangeError(`maxBufferBytes must be an integer >= ${FRAME_OVERHEAD}, got ${max}`);
    }
    this.mode = mode;
    this.buffer = Buffer.alloc(max);
  }

  /** Bytes dropped so far: failed checksums, impossible lengths, overflow of the buffer. */
  get noiseBytes(): number {
    return this.noise;
  }

  /** Bytes held as the start of a frame not yet complete. Never more than `maxBufferBytes`. */
  get pendingBytes(): number {
    return this.length;
  }

  /**
   * The line has gone quiet: a partial frame will not be completed, because a sender writes a
   * message's bytes back to back and part 1's timing rules have a receiver give up on a message
   * after a short silence (inter-byte time-out). So the held bytes are rescanned one start byte
   * at a time — a frame hiding behind a noise byte that looked like a long length is found now —
   * and whatever is left is noise. Returns the frames found; `pendingBytes` is 0 afterwards.
   */
  idle(): DecodedFrame[] {
    const frames: DecodedFrame[] = [];
    while (this.length > 0) {
      this.dropFront(1);
      this.noise++;
      this.scan(frames);
    }
    return frames;
  }

  /** Forgets the partial frame and the noise count (a new conversation, a reopened port). */
  reset(): void {
    this.length = 0;
    this.noise = 0;
  }

  push(bytes: Uint8Array): DecodedFrame[] {
    const frames: DecodedFrame[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const free = this.buffer.length - this.length;
      if (free === 0) {
        // Full while a frame is still incomplete (only when maxBufferBytes is below a frame's
        // size): the oldest byte cannot start a frame that fits, so it is noise.
        this.dropFront(1);
        this.noise++;
        this.scan(frames);
        continue;
      }
      const take = Math.min(free, bytes.length - offset);
      this.buffer.set(bytes.subarray(offset, offset + take), this.length);
      this.length += take;
      offset += take;
      this.scan(frames);
    }
    return frames;
  }

  private scan(frames: DecodedFrame[]): void {
    let pos = 0;
    while (this.length - pos >= 2) {
      const dataLength = this.buffer[pos + 1] ?? 0;
      if (dataLength > MAX_DATA_LENGTH) {
        pos++;
        this.noise++;
        continue;
      }
      const total = dataLength + FRAME_OVERHEAD;
      if (total > this.buffer.length) {
        // A frame this long could never be held whole: its would-be start is noise.
        pos++;
        this.noise++;
        continue;
      }
      if (this.length - pos < total) break;
      const candidate = this.buffer.subarray(pos, pos + total);
      if (checksumValid(candidate, this.mode)) {
        frames.push(this.toFrame(candidate));
        pos += total;
      } else {
        pos++;
        this.noise++;
      }
    }
    this.dropFront(pos);
  }

  private toFrame(bytes: Buffer): DecodedFrame {
    const raw = Buffer.from(bytes);
    return {
      destination: raw[0] ?? 0,
      source: this.mode === 'crc16' ? -1 : (raw[2] ?? 0),
      header: raw[3] ?? 0,
      data: new Uint8Array(raw.subarray(4, raw.length - 1)),
      raw,
    };
  }

  private dropFront(count: number): void {
    if (count === 0) return;
    this.buffer.copyWithin(0, count, this.length);
    this.length -= count;
  }
}
