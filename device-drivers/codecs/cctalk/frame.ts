/**
 * ccTalk message framing (Generic Specification part 1, section 7 "Message structure"):
 *
 *   [destination][data length][source][header][data 0..252][checksum]
 *
 * 5 bytes without data. Data is 0..252 bytes (part 1, section 7.2 "Number of data bytes"); a
 * length byte above 252 never starts a frame, which also helps the decoder skip noise.
 */

export type ChecksumMode = 'simple8' | 'crc16';

export interface CcTalkFrame {
  destination: number;
  /** Sender's address. In `crc16` mode this slot carries the CRC's low byte instead: not sent. */
  source: number;
  header: number;
  data: Uint8Array;
}

export const MAX_DATA_LENGTH = 252;
/** Frame bytes around the data: destination, length, source, header, checksum. */
export const FRAME_OVERHEAD = 5;

/** Thrown when a frame cannot be encoded (a field out of range): a caller's bug, not a device's. */
export class CcTalkEncodeError extends Error {
  override readonly name = 'CcTalkEncodeError';
}

/**
 * Part 1, section 7.10 "Simple checksum": the byte that makes the sum of every byte of the
 * message, itself included, 0 mod 256.
 */
export function simpleChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum += byte;
  return (256 - (sum & 0xff)) & 0xff;
}

/** CRC-16/XMODEM: CRC-CCITT polynomial x^16 + x^12 + x^5 + 1 (0x1021), register starting at 0. */
const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

function crcUpdate(crc: number, byte: number): number {
  return ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
}

export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = crcUpdate(crc, byte);
  return crc;
}

/**
 * Part 1, section 7.11 "CRC checksum": the CRC covers destination, length, header and data —
 * the source slot is left out because it carries the CRC's low byte; the high byte takes the
 * checksum slot. `frameBytes` is a whole frame (its source and checksum slots are ignored).
 */
export function frameCrc16(frameBytes: Uint8Array): number {
  let crc = crcUpdate(crcUpdate(0, frameBytes[0] ?? 0), frameBytes[1] ?? 0);
  for (let i = 3; i < frameBytes.length - 1; i++) crc = crcUpdate(crc, frameBytes[i] ?? 0);
  return crc;
}

function checkByte(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new CcTalkEncodeError(`${field} must be a byte (0..255), got ${value}`);
  }
}

/**
 * Encodes one frame. In `crc16` mode `frame.source` is not sent: the slot holds the CRC's low
 * byte (part 1, section 7.11), so a crc16 device knows the sender only by convention (the host).
 */
export function encodeFrame(frame: CcTalkFrame, mode: ChecksumMode): Buffer {
  checkByte(frame.destination, 'destination');
  checkByte(frame.header, 'header');
  if (mode === 'simple8') checkByte(frame.source, 'source');
  if (frame.data.length > MAX_DATA_LENGTH) {
    throw new CcTalkEncodeError(`data length ${frame.data.length} exceeds ${MAX_DATA_LENGTH}`);
  }
  const bytes = Buffer.alloc(FRAME_OVERHEAD + frame.data.length);
  bytes[0] = frame.destination;
  bytes[1] = frame.data.length;
  bytes[2] = mode === 'simple8' ? frame.source : 0;
  bytes[3] = frame.header;
  bytes.set(frame.data, 4);
  const last = bytes.length - 1;
  if (mode === 'simple8') {
    bytes[last] = simpleChecksum(bytes.subarray(0, last));
  } else {
    const crc = frameCrc16(bytes);
    bytes[2] = crc & 0xff;
    bytes[last] = crc >> 8;
  }
  return bytes;
}

/** Whether a complete frame's checksum holds in the given mode. */
export function checksumValid(frameBytes: Uint8Array, mode: ChecksumMode): boolean {
  if (mode === 'simple8') {
    let sum = 0;
    for (const byte of frameBytes) sum += byte;
    return (sum & 0xff) === 0;
  }
  const crc = frameCrc16(frameBytes);
  return frameBytes[2] === (crc & 0xff) && frameBytes[frameBytes.length - 1] === crc >> 8;
}
