import { describe, expect, it } from 'vitest';
import { type EscPosCommand, EscPosDecoder } from './decoder.ts';

/** Small deterministic PRNG (mulberry32) so a failing split can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decodeInChunks(bytes: Buffer, chunkSizes: () => number): EscPosCommand[] {
  const decoder = new EscPosDecoder();
  const out: EscPosCommand[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = Math.max(1, chunkSizes());
    out.push(...decoder.push(bytes.subarray(i, i + size)));
    i += size;
  }
  return [...out, ...decoder.flush()];
}

/** Decodes whole, byte by byte and in 50 random splits; all must agree. */
function decodeEveryWay(bytes: Buffer): EscPosCommand[] {
  const whole = decodeInChunks(bytes, () => bytes.length);
  expect(decodeInChunks(bytes, () => 1)).toEqual(whole);
  for (let seed = 1; seed <= 50; seed++) {
    const random = prng(seed);
    expect(decodeInChunks(bytes, () => 1 + Math.floor(random() * 7))).toEqual(whole);
  }
  return whole;
}

// Command bytes: Epson ESC/POS Command Reference (ESC @, ESC a, ESC E, GS !, ESC t, FS &, FS .,
// GS V, DLE EOT), https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/.
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('EscPosDecoder', () => {
  it('decodes a golden receipt stream in any fragmentation', () => {
    const bytes = hex(`
      1b40          1c2e   1b7413
      1b6101 1b4501 1d2111 48 6f 6c 61 0a
      1b6100 1b4500 1d2100 a4 a0 a8 d5 0a
      0a
      1d564200`);
    expect(decodeEveryWay(bytes)).toEqual([
      { kind: 'initialize' },
      { kind: 'chineseMode', on: false },
      { kind: 'codeTable', page: 19 },
      { kind: 'justification', align: 'center' },
      { kind: 'emphasized', on: true },
      { kind: 'characterSize', width: 2, height: 2 },
      { kind: 'text', text: 'Hola', byteLength: 4 },
      { kind: 'lineFeed' },
      { kind: 'justification', align: 'left' },
      { kind: 'emphasized', on: false },
      { kind: 'characterSize', width: 1, height: 1 },
      // PC858: A4 ñ, A0 á, A8 ¿, D5 € (Epson code table page 19).
      { kind: 'text', text: 'ñá¿€', byteLength: 4 },
      { kind: 'lineFeed' },
      { kind: 'lineFeed' },
      { kind: 'cut', partial: true, feedUnits: 0 },
    ]);
  });

  it('decodes GB18030 text in Chinese mode, including four-byte sequences', () => {
    // 中文 = D6D0 CEC4 in GB2312/GB18030; U+1F600 = 9439 FC36 (four-byte GB18030).
    const bytes = hex('1b40 1c26 d6d0cec4 9439fc36 0a 1c2e 41 0a');
    expect(decodeEveryWay(bytes)).toEqual([
      { kind: 'initialize' },
      { kind: 'chineseMode', on: true },
      { kind: 'text', text: '中文😀', byteLength: 8 },
      { kind: 'lineFeed' },
      { kind: 'chineseMode', on: false },
      { kind: 'text', text: 'A', byteLength: 1 },
      { kind: 'lineFeed' },
    ]);
  });

  it('answers DLE EOT n and keeps it in stream order', () => {
    expect(decodeEveryWay(hex('100401 100402 41 100403 100404'))).toEqual([
      { kind: 'realtimeStatus', n: 1 },
      { kind: 'realtimeStatus', n: 2 },
      { kind: 'text', text: 'A', byteLength: 1 },
      { kind: 'realtimeStatus', n: 3 },
      { kind: 'realtimeStatus', n: 4 },
    ]);
  });

  it('waits on a partial command and returns nothing yet', () => {
    const decoder = new EscPosDecoder();
    expect(decoder.push(hex('10'))).toEqual([]);
    expect(decoder.push(hex('04'))).toEqual([]);
    expect(decoder.push(hex('04'))).toEqual([{ kind: 'realtimeStatus', n: 4 }]);
    expect(decoder.push(hex('1d56'))).toEqual([]);
    expect(decoder.push(hex('42'))).toEqual([]);
    expect(decoder.push(hex('03'))).toEqual([{ kind: 'cut', partial: true, feedUnits: 3 }]);
  });

  it('reports unknown bytes and consumes the parameters of known but ignored commands', () => {
    expect(decodeEveryWay(hex('0d 1b2d01 1b64 05 1b7a 1c99 41 0a'))).toEqual([
      { kind: 'unknown', bytes: [0x0d] },
      { kind: 'unknown', bytes: [0x1b, 0x2d, 0x01] },
      { kind: 'unknown', bytes: [0x1b, 0x64, 0x05] },
      { kind: 'unknown', bytes: [0x1b, 0x7a] },
      { kind: 'unknown', bytes: [0x1c, 0x99] },
      { kind: 'text', text: 'A', byteLength: 1 },
      { kind: 'lineFeed' },
    ]);
  });

  it('never throws on random bytes and keeps its memory bounded', () => {
    const random = prng(7);
    const decoder = new EscPosDecoder();
    let textBytes = 0;
    for (let round = 0; round < 200; round++) {
      const chunk = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)),
      );
      for (const command of decoder.push(chunk)) if (command.kind === 'text') textBytes += command.byteLength;
    }
    expect(textBytes).toBeGreaterThan(0);
    const long = new EscPosDecoder().push(Buffer.alloc(10_000, 0x41));
    expect(long.map((c) => (c.kind === 'text' ? c.byteLength : 0))).toEqual([4096, 4096]);
  });
});
