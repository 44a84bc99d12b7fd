import { crc32 } from 'node:zlib';

/**
 * What an image claims to be, read from its header before anything decodes it, so a huge or
 * hostile file is refused at the cost of reading a few bytes.
 */

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 25_000_000;

export type ImageHeader =
  | { ok: true; type: 'png' | 'jpeg'; width: number; height: number }
  | { ok: false; reason: 'invalidImage' | 'imageTooLarge'; detail: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngHeader(bytes: Uint8Array): ImageHeader {
  // The IHDR chunk must come first: length 13, type "IHDR", then width and height (big-endian).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || view.getUint32(8) !== 13 || view.getUint32(12) !== 0x49484452) {
    return { ok: false, reason: 'invalidImage', detail: 'PNG without an IHDR header' };
  }
  // A header that lies about itself (bad CRC) or a file cut short (no IEND at the end) is refused.
  if (crc32(bytes.subarray(12, 29)) !== view.getUint32(29)) {
    return { ok: false, reason: 'invalidImage', detail: 'PNG header checksum does not match' };
  }
  const iend = bytes.length - 12;
  if (iend < 33 || view.getUint32(iend + 4) !== 0x49454e44) {
    return { ok: false, reason: 'invalidImage', detail: 'PNG is cut short (no IEND)' };
  }
  return { ok: true, type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers (baseline, progressive…), not DHT (C4), JPG (C8) or DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegHeader(bytes: Uint8Array): ImageHeader {
  let at = 2;
  // Segments up to the frame header; each carries its own length. Bounded by the buffer.
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { ok: false, reason: 'invalidImage', detail: 'JPEG segment expected' };
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return { ok: false, reason: 'invalidImage', detail: 'JPEG segment length' };
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) break;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      // A file cut short has no end-of-image marker near its end.
      const tail = bytes.subarray(Math.max(0, bytes.length - 64));
      const ended = tail.some((byte, i) => byte === 0xff && tail[i + 1] === 0xd9);
      if (!ended) return { ok: false, reason: 'invalidImage', detail: 'JPEG is cut short (no end marker)' };
      return { ok: true, type: 'jpeg', width, height };
    }
    at += 2 + length;
  }
  return { ok: false, reason: 'invalidImage', detail: 'JPEG without a frame header' };
}

/** The image's type and size from its header; refuses what is too large or not PNG/JPEG. */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length > MAX_IMAGE_BYTES) {
    return { ok: false, reason: 'imageTooLarge', detail: `more than ${MAX_IMAGE_BYTES} bytes` };
  }
  let header: ImageHeader;
  if (bytes.length >= 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) header = pngHeader(bytes);
  else if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    header = jpegHeader(bytes);
  else return { ok: false, reason: 'invalidImage', detail: 'not a PNG or JPEG image' };
  if (!header.ok) return header;
  if (header.width === 0 || header.height === 0) {
    return { ok: false, reason: 'invalidImage', detail: 'image header gives no size' };
  }
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    return { ok: false, reason: 'imageTooLarge', detail: `more than ${MAX_IMAGE_PIXELS} pixels` };
  }
  return header;
}
