import { describe, expect, it } from 'vitest';
import * as H from '../../device-drivers/codecs/cctalk/headers.ts';
import {
  encodeDispense,
  parsePayoutStatus,
  parseTestHopper,
} from '../../device-drivers/codecs/cctalk/hopper.ts';
import { HOPPER_ENABLE_CODE, HopperModel } from './hopper-model.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
/** The model's serial number as 242 returns it. */
const SERIAL = bytes(30_001 & 0xff, 30_001 >> 8, 0);

function enabledHopper(coins = 200) {
  const model = new HopperModel({ coins, coinIntervalMs: 10 });
  expect(model.handle(H.ENABLE_HOPPER, bytes(HOPPER_ENABLE_CODE), 0)?.kind).toBe('ack');
  return model;
}

function status(model: HopperModel, now: number) {
  const reply = model.handle(H.REQUEST_PAYOUT_STATUS, bytes(), now);
  if (reply?.kind !== 'ack') throw new Error(`no status: ${JSON.stringify(reply)}`);
  return parsePayoutStatus(reply.data);
}

function flags(model: HopperModel, now: number) {
  const reply = model.handle(H.TEST_HOPPER, bytes(), now);
  if (reply?.kind !== 'ack') throw new Error('no test hopper reply');
  return parseTestHopper(reply.data);
}

const dispense = (model: HopperModel, count: number, now: number, security?: Uint8Array) =>
  model.handle(H.DISPENSE_HOPPER_COINS, encodeDispense(count, security), now);

describe('hopper model', () => {
  it('comes up disabled with the power-up flag; dispense is refused until enabled', () => {
    const model = new HopperModel();
    expect(flags(model, 0)).toMatchObject({ powerUpDetected: true, payoutDisabled: true });
    expect(dispense(model, 1, 0)).toEqual({ kind: 'nak' });
    expect(model.handle(H.ENABLE_HOPPER, bytes(1), 0)?.kind).toBe('ack');
    expect(flags(model, 0).payoutDisabled).toBe(true);
  });

  it('pays out one coin per interval; status shows remaining, then paid; BUSY meanwhile', () => {
    const model = enabledHopper();
    expect(dispense(model, 5, 0, SERIAL)).toEqual({ kind: 'ack', data: bytes(1) });
    expect(status(model, 25)).toEqual({ eventCounter: 1, remaining: 3, lastPaid: 2, lastUnpaid: 0 });
    expect(dispense(model, 1, 25)).toEqual({ kind: 'busy' });
    expect(status(model, 60)).toEqual({ eventCounter: 1, remaining: 0, lastPaid: 5, lastUnpaid: 0 });
    expect(model.state(true, 60).supplies).toMatchObject({ coins: 195, dispensedTotal: 5 });
    expect(dispense(model, 1, 60, bytes(1, 2, 3))).toEqual({ kind: 'nak' }); // not its serial number
    expect(dispense(model, 2, 60)).toEqual({ kind: 'ack', data: bytes(2) });
  });

  it('emptyMidPayout: runs dry half way, unpaid > 0, payout timeout flag; replenish refills', () => {
    const model = enabledHopper();
    model.injectFault('emptyMidPayout', 0);
    dispense(model, 6, 0);
    expect(status(model, 200)).toEqual({ eventCounter: 1, remaining: 0, lastPaid: 3, lastUnpaid: 3 });
    expect(flags(model, 200).payoutTimeout).toBe(true);
    expect(model.state(true, 200)).toMatchObject({ faults: [], supplies: { coins: 0 } });
    model.replenish(200);
    expect(model.state(true, 200).supplies.coins).toBe(200);
  });

  it('powerLossMidPayout: silent, then counters tell what left, power flags set, reset before paying', () => {
    const model = enabledHopper();
    model.injectFault('powerLossMidPayout', 0);
    dispense(model, 8, 0);
    // Coin 5 would leave at 50 ms: the power goes then, for 300 ms.
    expect(model.handle(H.SIMPLE_POLL, bytes(), 100)).toBeNull();
    expect(status(model, 400)).toEqual({ eventCounter: 0, remaining: 0, lastPaid: 4, lastUnpaid: 4 });
    expect(flags(model, 400)).toMatchObject({
      powerUpDetected: true,
      powerDownDuringPayout: true,
      payoutDisabled: true,
    });
    model.handle(H.ENABLE_HOPPER, bytes(HOPPER_ENABLE_CODE), 400);
    expect(dispense(model, 1, 400)).toEqual({ kind: 'nak' });
    model.handle(H.RESET_DEVICE, bytes(), 400);
    expect(flags(model, 400)).toMatchObject({ powerUpDetected: false, powerDownDuringPayout: false });
    expect(status(model, 400)).toMatchObject({ lastPaid: 4, lastUnpaid: 4 });
    model.handle(H.ENABLE_HOPPER, bytes(HOPPER_ENABLE_CODE), 400);
    expect(dispense(model, 1, 400)?.kind).toBe('ack');
  });

  it('jam: the payout stops at the next coin with the reverse-limit flag, until reset', () => {
    const model = enabledHopper();
    dispense(model, 4, 0);
    model.injectFault('jam', 15);
    expect(status(model, 100)).toEqual({ eventCounter: 1, remaining: 0, lastPaid: 1, lastUnpaid: 3 });
    expect(flags(model, 100)).toMatchObject({
      motorReverseLimitReached: true,
      motorReversedToClearJam: true,
    });
    expect(dispense(model, 1, 100)).toEqual({ kind: 'nak' });
  });

  it('emergency stop answers the unpaid coins and disables payouts', () => {
    const model = enabledHopper();
    dispense(model, 10, 0);
    expect(model.handle(H.EMERGENCY_STOP, bytes(), 35)).toEqual({ kind: 'ack', data: bytes(7) });
    expect(status(model, 100)).toMatchObject({ remaining: 0, lastPaid: 3, lastUnpaid: 7 });
    expect(flags(model, 100).payoutDisabled).toBe(true);
  });
});
