import type { StatusCore } from './status-publisher.ts';

/**
 * What the validator's events said about it, kept until an event says otherwise. ccTalk bill
 * events (part 3, bill event codes) are one-off reports, not a state the host can read back, so
 * the driver remembers them.
 */
export interface BillValidatorConditions {
  /** A fault that needs an engineer (stacker faulty, anti-string mechanism faulty). */
  fault: string | null;
  jam: string | null;
  fraud: string | null;
  stacker: 'ok' | 'full' | 'removed';
  /** A note is held in escrow, waiting for the host to route it. */
  escrow: boolean;
}

export const CLEAR_CONDITIONS: BillValidatorConditions = {
  fault: null,
  jam: null,
  fraud: null,
  stacker: 'ok',
  escrow: false,
};

/**
 * The validator's status while it answers polls, most serious condition first:
 * - fault → hardwareError, maintenance;
 * - jam → hardwareError, staff clear it (`clear`);
 * - fraud → fraudAttempt, staff check the device (`clear`);
 * - stacker full or removed → online but not ready, staff empty or refit it (`clear`);
 * - otherwise online and ready.
 */
export function billValidatorStatus(c: BillValidatorConditions): StatusCore {
  const detail = { stacker: c.stacker, escrow: c.escrow, jam: c.jam !== null, fraud: c.fraud !== null };
  if (c.fault) {
    return { state: 'hardwareError', ready: false, detail, action: 'maintenance', message: c.fault };
  }
  if (c.jam) return { state: 'hardwareError', ready: false, detail, action: 'clear', message: c.jam };
  if (c.fraud) return { state: 'fraudAttempt', ready: false, detail, action: 'clear', message: c.fraud };
  if (c.stacker !== 'ok') {
    const message = c.stacker === 'full' ? 'stacker full' : 'stacker removed';
    return { state: 'online', ready: false, detail, action: 'clear', message };
  }
  return { state: 'online', ready: true, detail, action: 'none', message: null };
}
