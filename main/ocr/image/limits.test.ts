import { crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { decodeGray } from './decode.ts';
import { MAX_IMAGE_BYTES, readImageHeader } from './limits.ts';

const canvas = createCanvas(40, 20);
const png = canvas.toBuffer('image/png');
const jpeg = canvas.toBuffer('image/jpeg');

describe('image limits, before decoding', () => {
  it('reads PNG and JPEG sizes from their headers, and decodes them to gray', () => {
    for (const bytes of [png, jpeg]) {
      const header = readImageHeader(bytes);
      expect(header).toMatchObject({ ok: true, width: 40, height: 20 });
      if (header.ok)
        expect(decodeGray(bytes, header)).toMatchObject({ ok: true, image: { width: 40, height: 20 } });
    }
  });

  it('refuses too many bytes or pixels as imageTooLarge', () => {
    expect(readImageHeader(new Uint8Array(MAX_IMAGE_BYTES + 1))).toMatchObject({ reason: 'imageTooLarge' });
    // A valid-looking PNG header claiming 10000 × 10000 pixels (its checksum recomputed).
    const big = Buffer.from(png);
    big.writeUInt32BE(10_000, 16);
    big.writeUInt32BE(10_000, 20);
    big.writeUInt32BE(crc32(big.subarray(12, 29)), 29);
    expect(readImageHeader(big)).toMatchObject({ reason: 'imageTooLarge' });
    const bigJpeg = Buffer.from(jpeg);
    const sof = bigJpeg.findIndex((byte, i) => byte === 0xff && bigJpeg[i + 1] === 0xc0);
    bigJpeg.writeUInt16BE(9_000, sof + 5);
    bigJpeg.writeUInt16BE(9_000, sof + 7);
    expect(readImageHeader(bigJpeg)).toMatchObject({ reason: 'imageTooLarge' });
  });

  it('refuses what is not PNG/JPEG, a header that lies and files cut short as invalidImage', () => {
    expect(readImageHeader(new TextEncoder().encode('GIF89a...'))).toMatchObject({ reason: 'invalidImage' });
    const lying = Buffer.from(png);
    lying.writeUInt32BE(5_000, 16);
    expect(readImageHeader(lying)).toMatchObject({ reason: 'invalidImage' });
    expect(readImageHeader(png.subarray(0, png.length - 20))).toMatchObject({ reason: 'invalidImage' });
    expect(readImageHeader(jpeg.subarray(0, jpeg.length - 100))).toMatchObject({ reason: 'invalidImage' });
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff]))).toMatchObject({ reason: 'invalidImage' });
  });
});
