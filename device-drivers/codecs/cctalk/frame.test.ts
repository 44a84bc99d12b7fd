import { describe, expect, it } from 'vitest';
import { CcTalkEncodeError, checksumValid, crc16Xmodem, encodeFrame } from './frame.ts';
import { decimalBytes } from './test-support.ts';

const noData = new Uint8Array(0);

describe('encodeFrame, simple checksum (part 1, section 7.10)', () => {
  it('matches the spec example: request equipment category id from the coin acceptor', () => {
    // Part 1 example message, also quoted at en.wikipedia.org/wiki/CcTalk: "002 000 001 245 008".
    expect(encodeFrame({ destination: 2, source: 1, header: 245, data: noData }, 'simple8')).toEqual(
      decimalBytes('2 0 1 245 8'),
    );
  });

  it('matches the spec example reply "Coin Acceptor" with checksum 22', () => {
    // Same source: "001 013 002 000 067 111 105 110 032 065 099 099 101 112 116 111 114 022".
    const frame = { destination: 1, source: 2, header: 0, data: Buffer.from('Coin Acceptor', 'ascii') };
    expect(encodeFrame(frame, 'simple8')).toEqual(
      decimalBytes('1 13 2 0 67 111 105 110 32 65 99 99 101 112 116 111 114 22'),
    );
  });

  it('matches the spec example: modify inhibit status, all coins enabled', () => {
    // Part 1, section 7.10 worked example: [2][2][1][231][255][255][22].
    const frame = { destination: 2, source: 1, header: 231, data: Uint8Array.of(255, 255) };
    expect(encodeFrame(frame, 'simple8')).toEqual(decimalBytes('2 2 1 231 255 255 22'));
  });

  it('matches simple poll to a bill validator: 40 0 1 254 217', () => {
    // Part 1 example quoted in the esnext-cctalk tests: "(-40 -0 -1 -254) mod 256 = 217".
    expect(encodeFrame({ destination: 40, source: 1, header: 254, data: noData }, 'simple8')).toEqual(
      decimalBytes('40 0 1 254 217'),
    );
  });
});

describe('encodeFrame, CRC-16 (part 1, section 7.11)', () => {
  it('CRC-16/XMODEM check value', () => {
    // The catalogue check value of CRC-16/XMODEM over ASCII "123456789".
    expect(crc16Xmodem(Buffer.from('123456789', 'ascii'))).toBe(0x31c3);
  });

  it('matches the spec example: simple poll to address 40 and its ACK', () => {
    // Part 1, section 7.11 example: TX [40][0][a][254][b] a = 182 b = 33; RX [1][0][48][0][55].
    expect(encodeFrame({ destination: 40, source: 1, header: 254, data: noData }, 'crc16')).toEqual(
      decimalBytes('40 0 182 254 33'),
    );
    expect(encodeFrame({ destination: 1, source: 40, header: 0, data: noData }, 'crc16')).toEqual(
      decimalBytes('1 0 48 0 55'),
    );
  });

  it('matches reset device to address 40: CRC 0x3F46', () => {
    // cc-talk-rs (Kosta-Git/cc-talk-rs), checksum tests: reset device to 40 gives 0x3F46.
    expect(encodeFrame({ destination: 40, source: 1, header: 1, data: noData }, 'crc16')).toEqual(
      Buffer.from([40, 0, 0x46, 1, 0x3f]),
    );
  });

  it('keeps a leading zero: a CRC below 0x1000 is still two whole bytes', () => {
    // Header 117 to address 40 gives CRC 0x0155; a library that formats the CRC as hex text
    // and drops the leading zero sends the wrong bytes here.
    const frame = encodeFrame({ destination: 40, source: 1, header: 117, data: noData }, 'crc16');
    expect(crc16Xmodem(Uint8Array.of(40, 0, 117))).toBe(0x0155);
    expect(frame).toEqual(Buffer.from([40, 0, 0x55, 117, 0x01]));
    expect(checksumValid(frame, 'crc16')).toBe(true);
  });

  it('finds and checks a CRC below 0x100 (high byte 0)', () => {
    let found = false;
    for (let header = 0; header < 256 && !found; header++) {
      for (let value = 0; value < 256 && !found; value++) {
        const data = Uint8Array.of(value);
        const crc = crc16Xmodem(Uint8Array.of(40, 1, header, value));
        if (crc < 0x100) {
          const frame = encodeFrame({ destination: 40, source: 1, header, data }, 'crc16');
          expect(frame[5]).toBe(0);
          expect(frame[2]).toBe(crc);
          expect(checksumValid(frame, 'crc16')).toBe(true);
          found = true;
        }
      }
    }
    expect(found).toBe(true);
  });

  it('does not send the source address: the slot holds the CRC low byte', () => {
    const a = encodeFrame({ destination: 40, source: 1, header: 254, data: noData }, 'crc16');
    const b = encodeFrame({ destination: 40, source: 99, header: 254, data: noData }, 'crc16');
    expect(a).toEqual(b);
  });
});

describe('encodeFrame limits', () => {
  it('takes 0..252 data bytes and refuses more', () => {
    const max = encodeFrame({ destination: 2, source: 1, header: 0, data: new Uint8Array(252) }, 'simple8');
    expect(max.length).toBe(257);
    expect(max[1]).toBe(252);
    expect(() =>
      encodeFrame({ destination: 2, source: 1, header: 0, data: new Uint8Array(253) }, 'simple8'),
    ).toThrow(CcTalkEncodeError);
  });

  it('refuses fields that are not bytes', () => {
    expect(() => encodeFrame({ destination: 256, source: 1, header: 0, data: noData }, 'simple8')).toThrow(
      CcTalkEncodeError,
    );
    expect(() => encodeFrame({ destination: 2, source: -1, header: 0, data: noData }, 'simple8')).toThrow(
      CcTalkEncodeError,
    );
    expect(() => encodeFrame({ destination: 2, source: 1, header: 1.5, data: noData }, 'crc16')).toThrow(
      CcTalkEncodeError,
    );
  });
});
