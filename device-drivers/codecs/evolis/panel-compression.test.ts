import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressPanelRows, decompressPanelRows } from './panel-compression.ts';

describe('Dbc row compression', () => {
  it('writes blank, full and prefix rows as the protocol says', () => {
    const bytesPerRow = 3;
    const data = Uint8Array.of(0, 0, 0, 0xff, 0xff, 0xff, 0x12, 0, 0, 0x12, 0, 0x34, 0xff, 0xff, 0xfe);
    const compressed = compressPanelRows({ width: 24, height: 5, data });
    expect([...compressed]).toEqual([0x00, 0xff, 1, 0x12, 3, 0x12, 0, 0x34, 3, 0xff, 0xff, 0xfe]);
    expect(decompressPanelRows(compressed, bytesPerRow, 5)).toEqual(data);
  });

  it('a 1016-pixel panel has 127-byte rows', () => {
    const data = new Uint8Array(127 * 2).fill(0xaa);
    const compressed = compressPanelRows({ width: 1016, height: 2, data });
    expect(compressed).toHaveLength(2 * 128);
    expect(compressed[0]).toBe(127);
    expect(decompressPanelRows(compressed, 127, 2)).toEqual(data);
  });

  it('returns null when the data is not exactly `rows` rows', () => {
    const blank3 = Uint8Array.of(0, 0, 0);
    expect(decompressPanelRows(blank3, 127, 3)).toEqual(new Uint8Array(381));
    expect(decompressPanelRows(blank3, 127, 2)).toBeNull(); // a byte left over
    expect(decompressPanelRows(blank3, 127, 4)).toBeNull(); // a row short
    expect(decompressPanelRows(Uint8Array.of(5, 1, 2), 127, 1)).toBeNull(); // prefix cut short
    expect(decompressPanelRows(Uint8Array.of(4, 1, 2, 3, 4), 3, 1)).toBeNull(); // prefix longer than a row
    expect(decompressPanelRows(Uint8Array.of(0x80), 127, 1)).toBeNull(); // 128 is no marker
  });

  it('refuses panels it cannot compress', () => {
    expect(() => compressPanelRows({ width: 1024, height: 1, data: new Uint8Array(128) })).toThrow(
      /1 to 127/,
    );
    expect(() => compressPanelRows({ width: 16, height: 2, data: new Uint8Array(3) })).toThrow(/expected 4/);
  });

  it('round-trips any panel (property)', () => {
    const panel = fc
      .record({ bytesPerRow: fc.integer({ min: 1, max: 127 }), rows: fc.integer({ min: 0, max: 20 }) })
      .chain(({ bytesPerRow, rows }) =>
        fc.record({
          bytesPerRow: fc.constant(bytesPerRow),
          rows: fc.constant(rows),
          // Mostly 0 and 0xFF bytes, so blank, full and trailing-blank rows all occur.
          data: fc
            .uint8Array({ minLength: bytesPerRow * rows, maxLength: bytesPerRow * rows })
            .map((bytes) => bytes.map((byte) => (byte < 100 ? 0 : byte > 200 ? 0xff : byte))),
        }),
      );
    fc.assert(
      fc.property(panel, ({ bytesPerRow, rows, data }) => {
        const compressed = compressPanelRows({ width: bytesPerRow * 8, height: rows, data });
        expect(decompressPanelRows(compressed, bytesPerRow, rows)).toEqual(data);
      }),
    );
  });

  it('never throws on random data', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 0, max: 130 }),
        fc.nat(30),
        (data, bytesPerRow, rows) => {
          decompressPanelRows(data, bytesPerRow, rows);
        },
      ),
    );
  });
});
