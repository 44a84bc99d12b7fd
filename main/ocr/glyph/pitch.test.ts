import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../image/decode.ts';
import type { SeenChar } from '../mrz/correct.ts';
import { drawOcrBLines } from './ocr-b-lines.test-support.ts';
import { fitGrid, readByPitch } from './pitch.ts';

const CAP = 26;
const PITCH = 24;
const LINES = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

/** Two MRZ lines of OCR-B at the OCR's scale, slightly blurred, and what an OCR reading every glyph would say. */
function band(): { image: GrayImage; seen: SeenChar[][] } {
  const baselines = [50, 110];
  const {
    width,
    height,
    grey: data,
  } = drawOcrBLines(LINES, {
    cap: CAP,
    pitch: PITCH,
    height: 140,
    baselines,
    background: '#e0e0e0',
  });
  const seen = LINES.map((text, line) =>
    [...text].map((char, i): SeenChar => {
      // The OCR's box: the ink of the glyph's cell.
      let [x0, x1, y0, y1] = [width, 0, height, 0];
      for (let y = baselines[line]! - 40; y < baselines[line]! + 15; y++) {
        for (let x = PITCH * (i + 1); x < PITCH * (i + 2); x++) {
          if (data[y * width + x]! < 120) {
            [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
          }
        }
      }
      return { char, confidence: 90, box: { x0, y0, x1, y1 } };
    }),
  );
  return { image: { width, height, data }, seen };
}

/** The line with the glyphs at `index` and `index + 1` read as one character. */
function merged(line: SeenChar[], index: number, char: string): SeenChar[] {
  const [a, b] = [line[index]!, line[index + 1]!];
  const box = {
    x0: a.box!.x0,
    y0: Math.min(a.box!.y0, b.box!.y0),
    x1: b.box!.x1,
    y1: Math.max(a.box!.y1, b.box!.y1),
  };
  return [...line.slice(0, index), { char, confidence: 40, box }, ...line.slice(index + 2)];
}

describe('reading MRZ lines by their fixed pitch', () => {
  it('fits the cell grid of a line read with its count, and refuses an irregular one', () => {
    const { seen } = band();
    const grid = fitGrid(seen[0]!);
    expect(grid?.pitch).toBeCloseTo(PITCH, 0);
    expect(grid?.start).toBeCloseTo(PITCH * 1.5, -0.5);
    // Two glyphs merged into one: the indices no longer follow the centres.
    expect(fitGrid(merged(seen[1]!, 3, 'M'))).toBeNull();
  });

  it('reads a line with two glyphs merged cell by cell, keeping the line read right', () => {
    const { image, seen } = band();
    const read = readByPitch({ seen: [seen[0]!, merged(seen[1]!, 20, 'M')], image });
    expect(read).not.toBeNull();
    expect(read!.map((line) => line.map((c) => c.char).join(''))).toEqual(LINES);
    expect(read![0]).toEqual(seen[0]);
  });

  it('reads nothing when a confident OCR character contradicts its cell, or every line has its count', () => {
    const { image, seen } = band();
    const wrong = merged(seen[1]!, 20, 'M');
    wrong[2] = { ...wrong[2]!, char: 'Z', confidence: 95 };
    expect(readByPitch({ seen: [seen[0]!, wrong], image })).toBeNull();
    expect(readByPitch({ seen, image })).toBeNull();
  });
});
