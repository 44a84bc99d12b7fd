import { createCanvas, Image } from '@napi-rs/canvas';
import type { ImageHeader } from './limits.ts';

/** An 8-bit grayscale image, row by row. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Decoded = { ok: true; image: GrayImage } | { ok: false; detail: string };

/**
 * Decodes a PNG/JPEG whose header was already checked against the limits. The decoded size must
 * be the header's: a header that lies is refused, whatever the decoder made of the rest.
 */
export function decodeGray(bytes: Uint8Array, header: Extract<ImageHeader, { ok: true }>): Decoded {
  const image = new Image();
  try {
    image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return { ok: false, detail: 'the image does not decode' };
  }
  if (!image.complete || image.width !== header.width || image.height !== header.height) {
    return { ok: false, detail: 'the image does not decode to the size its header gives' };
  }
  const { width, height } = header;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    // ITU-R BT.601 luma in integers.
    data[i] = (rgba[p]! * 299 + rgba[p + 1]! * 587 + rgba[p + 2]! * 114) / 1000;
  }
  return { ok: true, image: { width, height, data } };
}
