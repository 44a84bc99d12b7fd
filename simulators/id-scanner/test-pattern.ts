import { createCanvas } from '@napi-rs/canvas';

/**
 * A page that is not an identity document: boxes and lines of noise on a card-sized sheet. It
 * gives the scanner something to capture whatever else is installed, and a reader must refuse it.
 * Deterministic for a seed; several chunks long as PNG.
 */
export function renderTestPattern(seed = 1): Uint8Array {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const width = 500;
  const height = 320;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f1e8';
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 60; i++) {
    const shade = Math.floor(random() * 200);
    ctx.fillStyle = `rgb(${shade}, ${Math.floor(random() * 200)}, ${Math.floor(random() * 200)})`;
    ctx.fillRect(random() * width, random() * height, 4 + random() * 60, 2 + random() * 20);
  }
  ctx.fillStyle = '#222';
  ctx.font = '22px sans-serif';
  ctx.fillText('TEST PATTERN - NOT A DOCUMENT', 40, 40);
  return new Uint8Array(canvas.toBuffer('image/png'));
}
