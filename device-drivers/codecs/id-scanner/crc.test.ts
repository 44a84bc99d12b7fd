import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRC32_INIT, crc16Ccitt, crc32, crc32Finish, crc32Update } from './crc.ts';

const CHECK = new TextEncoder().encode('123456789');

describe('checksums', () => {
  it('match the catalogued check values of CRC-16/CCITT-FALSE and CRC-32', () => {
    expect(crc16Ccitt(CHECK)).toBe(0x29b1);
    expect(crc32(CHECK)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('CRC-32 agrees with zlib, also when fed in pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(2000), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        const piecewise = crc32Finish(
          crc32Update(crc32Update(CRC32_INIT, bytes.subarray(0, at)), bytes.subarray(at)),
        );
        expect(crc32(bytes)).toBe(zlibCrc32(bytes) >>> 0);
        expect(piecewise).toBe(crc32(bytes));
      }),
    );
  });

  it('CRC-16 over a range equals CRC-16 of that slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), fc.nat(300), (bytes, a, b) => {
        const start = Math.min(a, b, bytes.length);
        const end = Math.min(Math.max(a, b), bytes.length);
        expect(crc16Ccitt(bytes, start, end)).toBe(crc16Ccitt(bytes.slice(start, end)));
      }),
    );
  });
});
