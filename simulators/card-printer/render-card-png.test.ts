import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { renderCardPng } from './render-card-png.ts';

const BYTES_PER_ROW = 127;

/** The RGBA pixel at (x, y) of a PNG. */
async function pixelsOf(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return (x: number, y: number) => [
    ...data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4),
  ];
}

/** Ink in a 40 × 40 block at (480, 300) and at (480, 600): a mark in the middle and one near the bottom. */
function inkBlocks(): Uint8Array {
  const ink = new Uint8Array(BYTES_PER_ROW * 648);
  for (const top of [300, 600])
    for (let y = top; y < top + 40; y++) ink.fill(0xff, y * BYTES_PER_ROW + 60, y * BYTES_PER_ROW + 65);
  return ink;
}

const isInk = ([r, g, b, a]: number[]) => r! < 40 && g! < 40 && b! < 40 && a === 255;

describe('card PNG', () => {
  it('is a 1016 × 648 PNG of the card stock with the ink in black on top', async () => {
    const png = renderCardPng({ ink: inkBlocks() });
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(1016);
    expect(png.readUInt32BE(20)).toBe(648);
    const pixel = await pixelsOf(png);
    expect(isInk(pixel(500, 320))).toBe(true);
    expect(isInk(pixel(500, 620))).toBe(true);
    expect(isInk(pixel(500, 360))).toBe(false); // below the first block: the pale card stock
    expect(pixel(500, 360)[0]).toBeGreaterThan(180);
    expect(pixel(1, 1)[3]).toBe(0); // the rounded corner is not card
  });

  it('shows only what was printed: a blank card and a print cut short', async () => {
    const blank = await pixelsOf(renderCardPng({ ink: null }));
    expect(isInk(blank(500, 320))).toBe(false);
    const cut = inkBlocks();
    cut.fill(0, 450 * BYTES_PER_ROW); // the ribbon ended at row 450
    const partial = await pixelsOf(renderCardPng({ ink: cut }));
    expect(isInk(partial(500, 320))).toBe(true);
    expect(isInk(partial(500, 620))).toBe(false);
  });
});
