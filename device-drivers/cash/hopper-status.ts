import type { HopperTestResult } from '../codecs/cctalk/hopper.ts';
import type { StatusCore } from './status-publisher.ts';

/** Coin level from part 2 header 217 "Request payout high / low status", when the hopper has it. */
export type HopperLevel = 'ok' | 'low' | 'unknown';

/** Part 2 header 163 flags meaning coins are stuck; the hopper needs a software reset afterwards. */
const JAM_FLAGS = [
  'absoluteMaximumCurrentExceeded',
  'optoBlockedPermanentlyDuringPayout',
  'motorReverseLimitReached',
] as const;
const FRAUD_FLAGS = [
  'optoFraudPathBlockedIdle',
  'optoFraudShortCircuitIdle',
  'optoFraudShortCircuitDuringPayout',
  'optoFraudFinger',
] as const;
const FAULT_FLAGS = [
  'inductiveCoilFault',
  'nvMemoryChecksumError',
  'unknownCoinTypePaid',
  'pinNumberIncorrect',
  'incorrectCipherKey',
] as const;

/**
 * The hopper's status from its 163 test flags and, where fitted, its level sensor:
 * - power down during payout → hardwareError, action reset: read `payoutStatus()` for what left,
 *   then reset the hopper (the flag blocks payouts until a reset, part 2 header 163);
 * - jam flags → hardwareError, staff clear the coins (`clear`), then reset;
 * - opto fraud flags → fraudAttempt (`clear`);
 * - coil, memory, PIN or cipher faults → hardwareError, maintenance;
 * - payout timeout while the level sensor does not say "enough coins" → empty: online, not ready,
 *   staff refill it (`clear`); a refill lifts it even before the next payout clears the flag;
 * - payouts disabled (after power-up or reset) → starting: the driver enables the hopper (164);
 * - otherwise online and ready (a low level is said in the message).
 */
export function hopperStatus(flags: HopperTestResult, level: HopperLevel): StatusCore {
  const empty = flags.payoutTimeout && level !== 'ok';
  const detail = {
    level: empty ? 'empty' : level,
    powerDownDuringPayout: flags.powerDownDuringPayout,
    jam: JAM_FLAGS.some((f) => flags[f]),
  };
  if (flags.powerDownDuringPayout) {
    return {
      state: 'hardwareError',
      ready: false,
      detail,
      action: 'reset',
      message: 'power lost during a payout: read the payout status, then reset the hopper',
    };
  }
  const jam = JAM_FLAGS.find((f) => flags[f]);
  if (jam)
    return { state: 'hardwareError', ready: false, detail, action: 'clear', message: `coin jam (${jam})` };
  const fraud = FRAUD_FLAGS.find((f) => flags[f]);
  if (fraud) return { state: 'fraudAttempt', ready: false, detail, action: 'clear', message: fraud };
  const fault = FAULT_FLAGS.find((f) => flags[f]);
  if (fault) return { state: 'hardwareError', ready: false, detail, action: 'maintenance', message: fault };
  if (empty) return { state: 'online', ready: false, detail, action: 'clear', message: 'hopper empty' };
  if (flags.payoutDisabled) {
    return { state: 'starting', ready: false, detail, action: 'none', message: 'enabling payouts' };
  }
  return {
    state: 'online',
    ready: true,
    detail,
    action: 'none',
    message: level === 'low' ? 'coin level low' : null,
  };
}

/** Part 2 header 217 reply bit 0: below the low-level sensor; bit 4: that sensor is fitted. */
export function levelFromHighLowStatus(data: Uint8Array): HopperLevel {
  const byte = data[0];
  if (byte === undefined || (byte & 0b1_0000) === 0) return 'unknown';
  return byte & 0b1 ? 'low' : 'ok';
}
