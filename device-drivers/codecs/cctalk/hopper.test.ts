import { describe, expect, it } from 'vitest';
import { CcTalkDataError } from './errors.ts';
import { encodeDispense, parsePayoutStatus, parseTestHopper } from './hopper.ts';

describe('parsePayoutStatus (part 2, header 166)', () => {
  it('reads event counter, remaining, last paid, last unpaid', () => {
    expect(parsePayoutStatus(Uint8Array.of(7, 2, 8, 0))).toEqual({
      eventCounter: 7,
      remaining: 2,
      lastPaid: 8,
      lastUnpaid: 0,
    });
  });

  it('throws CcTalkDataError unless 4 bytes', () => {
    expect(() => parsePayoutStatus(Uint8Array.of(1, 2, 3))).toThrow(CcTalkDataError);
    expect(() => parsePayoutStatus(new Uint8Array(5))).toThrow(CcTalkDataError);
  });
});

describe('encodeDispense (part 2, header 167, unencrypted)', () => {
  it('count alone, or the serial number then the count', () => {
    expect(encodeDispense(10)).toEqual(Uint8Array.of(10));
    expect(encodeDispense(3, Uint8Array.of(0x11, 0x22, 0x33))).toEqual(Uint8Array.of(0x11, 0x22, 0x33, 3));
  });

  it('refuses the encrypted variant and bad counts', () => {
    expect(() => encodeDispense(1, new Uint8Array(8))).toThrow(/vendor/);
    expect(() => encodeDispense(1, new Uint8Array(2))).toThrow(RangeError);
    expect(() => encodeDispense(0)).toThrow(RangeError);
    expect(() => encodeDispense(256)).toThrow(RangeError);
  });
});

describe('parseTestHopper (part 2, header 163)', () => {
  it('names register bits, including power down during payout', () => {
    const result = parseTestHopper(Uint8Array.of(0b1100_0000, 0b0000_0010, 0b0000_0001));
    expect(result.powerUpDetected).toBe(true);
    expect(result.payoutDisabled).toBe(true);
    expect(result.singleCoinPayoutMode).toBe(true);
    expect(result.powerDownDuringPayout).toBe(true);
    expect(result.absoluteMaximumCurrentExceeded).toBe(false);
    expect(result.registers).toEqual([0xc0, 0x02, 0x01]);
  });

  it('reads one or two registers from older hoppers; missing flags are false', () => {
    const result = parseTestHopper(Uint8Array.of(0b0000_0010));
    expect(result.payoutTimeout).toBe(true);
    expect(result.powerDownDuringPayout).toBe(false);
    expect(() => parseTestHopper(new Uint8Array(0))).toThrow(CcTalkDataError);
    expect(() => parseTestHopper(new Uint8Array(4))).toThrow(CcTalkDataError);
  });
});
