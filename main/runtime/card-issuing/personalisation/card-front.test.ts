import { describe, expect, it } from 'vitest';
import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type IssuedCardData,
  type MonoBitmap,
} from '../../../../contracts/index.ts';
import {
  CARD_FRONT_AREAS,
  maskedCardNumber,
  type PanelArea,
  renderCardFront,
  toMonoBitmap,
  validThru,
} from './card-front.ts';

const card: IssuedCardData = {
  cardId: '3b0c6d8e-2f4a-4c1e-9a7b-5d6e7f8a9b0c',
  pan: '4000001234567899',
  surname: 'ESPINOSA',
  givenNames: 'ANA MARIA',
  expiry: '2911',
  serviceCode: '101',
  discretionary: '000123',
};

function ink(bitmap: MonoBitmap, x: number, y: number): boolean {
  const rowBytes = Math.ceil(bitmap.width / 8);
  return (bitmap.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}

function inkIn(bitmap: MonoBitmap, area: PanelArea): number {
  let count = 0;
  for (let y = area.y; y < area.y + area.height; y++)
    for (let x = area.x; x < area.x + area.width; x++) if (ink(bitmap, x, y)) count++;
  return count;
}

const inside = (area: PanelArea, x: number, y: number) =>
  x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;

describe('card front (K panel)', () => {
  it('is a 1016 × 648 one-bit bitmap, 127 bytes a row', () => {
    const bitmap = renderCardFront(card);
    expect(bitmap.width).toBe(CARD_PANEL_WIDTH);
    expect(bitmap.height).toBe(CARD_PANEL_HEIGHT);
    expect(bitmap.data.length).toBe(127 * 648);
  });

  it('puts ink in the number, expiry and name areas and nowhere else', () => {
    const bitmap = renderCardFront(card);
    const areas = Object.values(CARD_FRONT_AREAS);
    for (const area of areas) expect(inkIn(bitmap, area)).toBeGreaterThan(500);
    let stray = 0;
    for (let y = 0; y < bitmap.height; y++)
      for (let x = 0; x < bitmap.width; x++)
        if (ink(bitmap, x, y) && !areas.some((area) => inside(area, x, y))) stray++;
    expect(stray).toBe(0);
  });

  it('fits a long name into its area by shrinking it, never spilling over', () => {
    const long = {
      ...card,
      givenNames: 'MARIA DE LOS ANGELES JOSEFA',
      surname: 'FERNANDEZ-VILLAVERDE DE LA',
    };
    const bitmap = renderCardFront(long);
    const name = CARD_FRONT_AREAS.name;
    expect(inkIn(bitmap, name)).toBeGreaterThan(500);
    // Ink reaches close to the right edge of the area (it was fitted, not cut short at the left).
    let rightmost = 0;
    for (let y = name.y; y < name.y + name.height; y++)
      for (let x = name.x; x < name.x + name.width; x++)
        if (ink(bitmap, x, y)) rightmost = Math.max(rightmost, x);
    expect(rightmost).toBeGreaterThan(name.x + name.width * 0.8);
    expect(rightmost).toBeLessThan(name.x + name.width);
  });

  it('shows the number masked to its last four digits and the expiry as MM/YY', () => {
    expect(maskedCardNumber(card.pan)).toBe('•••• •••• •••• 7899');
    expect(maskedCardNumber(card.pan)).not.toContain('400000');
    expect(validThru('2911')).toBe('VALID THRU 11/29');
  });

  it('thresholds to one bit, most significant bit first', () => {
    // 9 × 1 RGBA: black, white, dark grey, light grey, transparent, then four black.
    const px = [
      [0, 0, 0, 255],
      [255, 255, 255, 255],
      [60, 60, 60, 255],
      [200, 200, 200, 255],
      [0, 0, 0, 0],
      [0, 0, 0, 255],
      [0, 0, 0, 255],
      [0, 0, 0, 255],
      [0, 0, 0, 255],
    ].flat();
    const bitmap = toMonoBitmap(new Uint8ClampedArray(px), 9, 1);
    expect([...bitmap.data]).toEqual([0b1010_0111, 0b1000_0000]);
  });
});
