import { describe, expect, it } from 'vitest';
import type { GrayImage } from './decode.ts';
import { sharpen } from './prepare.ts';

/** A row of a blurred dark-to-light edge: 40 … 200 over ten pixels, repeated over a few rows. */
function ramp(): GrayImage {
  const width = 30;
  const height = 5;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = Math.max(40, Math.min(200, 40 + (x - 10) * 16));
  }
  return { width, height, data };
}

describe('sharpen (unsharp mask)', () => {
  it('leaves flat paper alone and steepens a blurred edge', () => {
    const flat: GrayImage = { width: 8, height: 8, data: new Uint8Array(64).fill(180) };
    expect([...sharpen(flat, 3, 1).data]).toEqual([...flat.data]);
    const edge = ramp();
    const sharp = sharpen(edge, 3, 1);
    const row = 2 * edge.width;
    // Darker on the dark side of the edge, lighter on the light side, unchanged far from it.
    expect(sharp.data[row + 11]!).toBeLessThan(edge.data[row + 11]!);
    expect(sharp.data[row + 19]!).toBeGreaterThan(edge.data[row + 19]!);
    expect(sharp.data[row + 2]!).toBe(edge.data[row + 2]!);
    expect(sharp.data[row + 28]!).toBe(edge.data[row + 28]!);
  });
});
