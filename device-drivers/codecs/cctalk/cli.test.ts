import { describe, expect, it } from 'vitest';
import { decodeCommand, main, parseHex } from './cli.ts';

describe('cctalk cli', () => {
  it('accepts hex with spaces, colons or nothing between bytes', () => {
    expect(parseHex('02 00 01 f5 08')).toEqual(Buffer.from([2, 0, 1, 245, 8]));
    expect(parseHex('02:00:01:F5:08')).toEqual(Buffer.from([2, 0, 1, 245, 8]));
    expect(parseHex('020001f508')).toEqual(Buffer.from([2, 0, 1, 245, 8]));
    expect(() => parseHex('0g')).toThrow();
    expect(() => parseHex('020')).toThrow();
  });

  it('prints frames and noise as JSON lines, in stream order', () => {
    const lines = decodeCommand(
      '13 02 00 01 f5 08 01:0d:02:00:43:6f:69:6e:20:41:63:63:65:70:74:6f:72:16',
      'simple8',
    ).map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { noise: '13', offset: 0, length: 1 },
      {
        offset: 1,
        destination: 2,
        length: 0,
        source: 1,
        header: 245,
        headerName: 'Request equipment category id',
        data: '',
        checksumValid: true,
      },
      expect.objectContaining({
        offset: 6,
        destination: 1,
        source: 2,
        header: 0,
        data: Buffer.from('Coin Acceptor').toString('hex'),
      }),
      { frames: 2, noiseBytes: 1, checksum: 'simple8' },
    ]);
  });

  it('shows source as null in crc16 mode', () => {
    const [first] = decodeCommand('28 00 b6 fe 21', 'crc16').map((line) => JSON.parse(line));
    expect(first).toMatchObject({ destination: 40, source: null, header: 254, headerName: 'Simple poll' });
  });

  it('exits 2 with usage on bad arguments', () => {
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(main([])).toBe(2);
      expect(main(['decode', 'zz'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
  });
});
