import { describe, expect, it } from 'vitest';
import { renderReceiptPng } from './render-receipt-png.ts';

const line = (text: string, extra: object = {}) => ({
  text,
  align: 'left' as const,
  bold: false,
  width: 1,
  height: 1,
  ...extra,
});

describe('receipt PNG', () => {
  it('renders Latin and CJK lines as a PNG sized to the paper', () => {
    const png = renderReceiptPng(
      {
        id: 1,
        printedAt: new Date(0).toISOString(),
        lines: [
          line('Banco', { align: 'center', bold: true, width: 2, height: 2 }),
          line('-'.repeat(42)),
          line('存款收据 ¿€'),
        ],
        complete: true,
        cut: true,
      },
      { columns: 42 },
    );
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR: 42 columns × 12 px + margins wide, 4 rows × 24 px + margins high.
    expect(png.readUInt32BE(16)).toBe(42 * 12 + 32);
    expect(png.readUInt32BE(20)).toBe(4 * 24 + 32);
  });

  it('widens the paper for a line longer than the columns', () => {
    const png = renderReceiptPng({
      id: 2,
      printedAt: new Date(0).toISOString(),
      lines: [line('中'.repeat(30))],
      complete: false,
      cut: false,
    });
    expect(png.readUInt32BE(16)).toBe(60 * 12 + 32);
  });
});
