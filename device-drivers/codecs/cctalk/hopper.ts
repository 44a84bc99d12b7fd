import type { HopperPayoutStatus } from '../../../contracts/devices/cash.ts';
import { CcTalkDataError } from './errors.ts';

/**
 * Part 2, header 166 "Request hopper status": [event counter][coins remaining][last paid]
 * [last unpaid]. The counter counts dispense commands (0 after power-up or reset, wraps 255 → 1),
 * so after a restart it tells whether a dispense was taken; paid and unpaid close the payout.
 */
export function parsePayoutStatus(data: Uint8Array): HopperPayoutStatus {
  if (data.length !== 4) {
    throw new CcTalkDataError(`hopper status must be 4 bytes, got ${data.length}`);
  }
  return {
    eventCounter: data[0] ?? 0,
    remaining: data[1] ?? 0,
    lastPaid: data[2] ?? 0,
    lastUnpaid: data[3] ?? 0,
  };
}

/**
 * Data of a 167 "Dispense hopper coins" command, unencrypted variants only (part 2, header 167):
 * - no security bytes: `[count]`, for hoppers that ask for none;
 * - three security bytes: `[serial 1][serial 2][serial 3][count]`, the hopper's own serial number
 *   as header 242 returns it (least significant byte first).
 * Encrypted hoppers instead want eight bytes computed from a cipher key (headers 160/161) with the
 * vendor's algorithm and keys, which are not public: this codec refuses eight bytes rather than
 * send something that looks like them.
 */
export function encodeDispense(count: number, securityBytes?: Uint8Array): Uint8Array {
  if (!Number.isInteger(count) || count < 1 || count > 255) {
    throw new RangeError(`coin count must be 1..255, got ${count}`);
  }
  const security = securityBytes ?? new Uint8Array(0);
  if (security.length === 8) {
    throw new RangeError('encrypted dispense (8 security bytes) needs the vendor keys; not supported');
  }
  if (security.length !== 0 && security.length !== 3) {
    throw new RangeError(`dispense security is 0 or 3 bytes (serial number), got ${security.length}`);
  }
  const data = new Uint8Array(security.length + 1);
  data.set(security, 0);
  data[security.length] = count;
  return data;
}

/** Flags of the 163 "Test hopper" registers (part 2, header 163), register 1 bit 0 first. */
export const HOPPER_TEST_FLAGS = [
  // Register 1
  [
    'absoluteMaximumCurrentExceeded',
    'payoutTimeout',
    'motorReversedToClearJam',
    'optoFraudPathBlockedIdle',
    'optoFraudShortCircuitIdle',
    'optoBlockedPermanentlyDuringPayout',
    'powerUpDetected',
    'payoutDisabled',
  ],
  // Register 2
  [
    'optoFraudShortCircuitDuringPayout',
    'singleCoinPayoutMode',
    'useOtherHopper',
    'optoFraudFinger',
    'motorReverseLimitReached',
    'inductiveCoilFault',
    'nvMemoryChecksumError',
    'pinNumberMechanism',
  ],
  // Register 3 (bits 5..7 unassigned)
  [
    'powerDownDuringPayout',
    'unknownCoinTypePaid',
    'pinNumberIncorrect',
    'incorrectCipherKey',
    'encryptionEnabled',
  ],
] as const;

export type HopperTestFlag = (typeof HOPPER_TEST_FLAGS)[number][number];

export type HopperTestResult = Record<HopperTestFlag, boolean> & {
  /** Registers the hopper sent (older hoppers send 1 or 2); flags of missing ones read false. */
  registers: number[];
};

/**
 * Decodes the 1 to 3 register bytes of a 163 reply. `powerDownDuringPayout` means power was lost
 * mid-payout: the paid/unpaid counters of 166 say what happened; the hopper needs a reset first.
 */
export function parseTestHopper(data: Uint8Array): HopperTestResult {
  if (data.length < 1 || data.length > 3) {
    throw new CcTalkDataError(`test hopper reply must be 1 to 3 bytes, got ${data.length}`);
  }
  const result = { registers: [...data] } as HopperTestResult;
  HOPPER_TEST_FLAGS.forEach((names, register) => {
    const value = data[register] ?? 0;
    names.forEach((name, bit) => {
      result[name] = (value & (1 << bit)) !== 0;
    });
  });
  return result;
}
