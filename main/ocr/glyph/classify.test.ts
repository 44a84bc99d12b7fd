import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../image/decode.ts';
import { disputed, rankGlyph, supportedBy } from './classify.ts';
import { drawOcrBLines } from './ocr-b-lines.test-support.ts';

const CAP = 28;
const PITCH = 30;

/** A line of OCR-B at about the OCR's scale, slightly blurred and noisy, with each glyph's centre. */
function line(text: string): { image: GrayImage; centres: { x: number; y: number }[] } {
  const { width, height, grey } = drawOcrBLines([text], {
    cap: CAP,
    pitch: PITCH,
    height: 80,
    baselines: [55],
    background: '#d8d8d8',
  });
  const data = new Uint8Array(width * height);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    data[i] = Math.max(0, Math.min(255, grey[i]! + ((seed % 21) - 10)));
  }
  // Each glyph's centre as the OCR's box gives it: the middle of its ink.
  const centres = [...text].map((_, i) => {
    let [minX, maxX, minY, maxY] = [width, 0, height, 0];
    for (let y = 0; y < height; y++) {
      for (let x = PITCH * (i + 1); x < PITCH * (i + 2); x++) {
        if (grey[y * width + x]! < 120) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  });
  return { image: { width, height, data }, centres };
}

describe('glyph classifier (OCR-B templates)', () => {
  it('tells O from 0 from D from Q, I from 1, B from 8, whichever of them the OCR read', () => {
    const text = 'O0DQI1B8Z2S5';
    const { image, centres } = line(text);
    const groups: Record<string, string> = {
      O: 'O0DQ',
      '0': 'O0DQ',
      D: 'O0DQ',
      Q: 'O0DQ',
      I: 'I1',
      '1': 'I1',
      B: 'B8',
      '8': 'B8',
      Z: 'Z2',
      '2': 'Z2',
      S: 'S5',
      '5': 'S5',
    };
    [...text].forEach((truth, i) => {
      const alphabet = groups[truth]!;
      // The OCR may have read any look-alike: the verdict must not depend on it.
      for (const read of alphabet) {
        const scores = rankGlyph(image, centres[i]!.x, centres[i]!.y, CAP, read, alphabet);
        expect(supportedBy(scores), `${truth} read as ${read}`).toEqual([truth]);
      }
    });
  });

  it('disputes a W read as N, and not an N read as N', () => {
    const { image, centres } = line('WN');
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    expect(disputed(rankGlyph(image, centres[0]!.x, centres[0]!.y, CAP, 'N', letters), 'N')).toBe(true);
    expect(disputed(rankGlyph(image, centres[1]!.x, centres[1]!.y, CAP, 'N', letters), 'N')).toBe(false);
  });

  it('gives no evidence on blank paper', () => {
    const { image } = line('   ');
    expect(supportedBy(rankGlyph(image, 60, 40, CAP, 'O', 'O0'))).toBeNull();
  });
});
