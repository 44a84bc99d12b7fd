import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillEvent, CoinEvent } from '../contracts/devices/cash.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { SimulatorState } from '../contracts/simulator-control.ts';
import { createBillValidator } from '../device-drivers/cash/bill-validator.ts';
import { createCoinAcceptor } from '../device-drivers/cash/coin-acceptor.ts';
import { createCoinHopper } from '../device-drivers/cash/coin-hopper.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { startSimulatorProcess } from './support/simulator-process.ts';

/**
 * The three cash drivers end to end: each ccTalk simulator runs as its own process on a real
 * socat PTY pair (single-wire echo, replies paced at 9600 baud), the real driver and bus talk to
 * the host end, customers and faults come through the simulator's control API.
 */
const POLL_MS = 50;
const TIMEOUT_MS = 300;

interface Simulator {
  hostLink: string;
  control<T = SimulatorState>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function startSimulator(main: string, extraArgs: string[] = []): Promise<Simulator> {
  const simulator = await startSimulatorProcess(main, { name: 'cash', extraArgs });
  expect(simulator.ready.hostPath).toBe(simulator.hostLink);
  return {
    hostLink: simulator.hostLink,
    control: (method, path, body) => simulator.control(method, path, body),
    stop: () => simulator.stopAndVerify(),
  };
}

interface StatusSource {
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
}

function waitForStatus(
  device: StatusSource,
  predicate: (s: DeviceStatus) => boolean,
  log: { lines: string[] },
  timeoutMs = 5_000,
): Promise<DeviceStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(device.status())) return resolve(device.status());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `status not reached in ${timeoutMs} ms; last ${JSON.stringify(device.status())}\n${log.lines.slice(-10).join('\n')}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = device.onStatus((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    });
  });
}

/** Collects events and waits for the next one that matches. */
function eventLog<E extends { kind: string }>() {
  const events: E[] = [];
  const waiters: Array<{ predicate: (e: E) => boolean; resolve: (e: E) => void }> = [];
  return {
    events,
    push(event: E) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    },
    next(predicate: (e: E) => boolean, timeoutMs = 5_000): Promise<E> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching event in ${timeoutMs} ms; seen ${JSON.stringify(events)}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}

const isReady = (s: DeviceStatus) => s.state === 'online' && s.ready;

describe('bill validator driver against the simulator', () => {
  let sim: Simulator;
  const logger = createMemoryLogger('billValidator');
  const log = eventLog<BillEvent>();
  let validator: ReturnType<typeof createBillValidator>;

  beforeAll(async () => {
    sim = await startSimulator('simulators/cctalk/bill-validator-main.ts');
    validator = createBillValidator({
      path: sim.hostLink,
      pollIntervalMs: POLL_MS,
      commandTimeoutMs: TIMEOUT_MS,
      routeTimeoutMs: 3_000,
      logger,
    });
    validator.onEvent((event) => log.push(event));
    await validator.start();
  });

  afterAll(async () => {
    await validator?.stop();
    await sim?.stop();
  });

  /** A customer inserts a note; the driver reports it in escrow. */
  const insertToEscrow = async (value: number) => {
    const escrow = log.next((e) => e.kind === 'escrow');
    await sim.control('POST', '/insert', { value });
    return escrow;
  };

  it('comes online, ready and inhibited until accept()', async () => {
    await waitForStatus(validator, isReady, logger);
    expect((await sim.control('GET', '/state')).supplies).toMatchObject({ masterEnabled: false });
    expect((await validator.accept([1, 2, 3, 4, 5, 6])).code).toBe('success');
    expect((await sim.control('GET', '/state')).supplies).toMatchObject({
      masterEnabled: true,
      inhibitMask: 63,
    });
  });

  it('20 € in: escrow event, route stack resolves on the stacked event', async () => {
    expect(await insertToEscrow(2_000)).toEqual({ kind: 'escrow', denomination: { type: 3, value: 2_000 } });
    expect(await validator.route('stack')).toEqual({ code: 'success', value: 'stacked' });
    expect(log.events.at(-1)).toEqual({ kind: 'stacked', denomination: { type: 3, value: 2_000 } });
    expect((await sim.control('GET', '/state')).supplies).toMatchObject({ 'stacker.2000': 1 });
  });

  it('route return gives the note back; route with escrow empty is a sequenceError', async () => {
    await insertToEscrow(500);
    expect(await validator.holdEscrow()).toEqual({ code: 'success', value: undefined });
    expect(await validator.route('return')).toEqual({ code: 'success', value: 'returned' });
    expect(await validator.route('stack')).toMatchObject({ code: 'sequenceError', errorCode: 'escrowEmpty' });
  });

  it('jam: hardwareError with action clear, until a note moves again', async () => {
    await sim.control('POST', '/faults', { fault: 'jam' });
    await sim.control('POST', '/insert', { value: 1_000 });
    const status = await waitForStatus(validator, (s) => s.state === 'hardwareError', logger);
    expect(status).toMatchObject({ ready: false, action: 'clear', detail: { jam: true } });
    await sim.control('DELETE', '/faults/jam');
    await insertToEscrow(1_000);
    await waitForStatus(validator, isReady, logger);
    expect((await validator.route('return')).code).toBe('success');
  });

  it('fraud: fraudAttempt, cleared by the next genuine note', async () => {
    await sim.control('POST', '/faults', { fault: 'fraud' });
    const fraud = log.next((e) => e.kind === 'fraud');
    await sim.control('POST', '/insert', { value: 5_000 });
    expect(await fraud).toEqual({ kind: 'fraud', reason: 'opto fraud detected' });
    await waitForStatus(validator, (s) => s.state === 'fraudAttempt', logger);
    await sim.control('DELETE', '/faults/fraud');
    await insertToEscrow(5_000);
    await waitForStatus(validator, isReady, logger);
    expect((await validator.route('return')).code).toBe('success');
  });

  it('stacker full: online, not ready, action clear; ready once it takes notes again', async () => {
    await sim.control('POST', '/faults', { fault: 'stackerFull' });
    await sim.control('POST', '/insert', { value: 1_000 });
    const status = await waitForStatus(validator, (s) => s.detail.stacker === 'full', logger);
    expect(status).toMatchObject({ state: 'online', ready: false, action: 'clear' });
    await sim.control('DELETE', '/faults/stackerFull');
    await insertToEscrow(1_000);
    await waitForStatus(validator, isReady, logger);
    expect(await validator.route('stack')).toEqual({ code: 'success', value: 'stacked' });
  });

  it('event burst: more than five events between polls are reported as eventsLost, then the rest', async () => {
    await sim.control('POST', '/faults', { fault: 'eventBurst' });
    const lost = log.next((e) => e.kind === 'eventsLost');
    const escrow = await insertToEscrow(2_000); // six rejects, then the note in escrow: seven events
    expect(await lost).toEqual({ kind: 'eventsLost', count: 2 });
    expect(await escrow).toMatchObject({ kind: 'escrow' });
    expect(log.events.slice(-6).map((e) => e.kind)).toEqual([
      'eventsLost',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'escrow',
    ]);
    expect((await validator.route('return')).code).toBe('success');
  });

  it('unplugged: offline, then online again when plugged back in', async () => {
    await sim.control('POST', '/faults', { fault: 'unplug' });
    await waitForStatus(validator, (s) => s.state === 'offline', logger);
    await sim.control('DELETE', '/faults/unplug');
    await waitForStatus(validator, isReady, logger, 10_000);
  });

  it('power cycle: powerUp event after the inhibits are back, starting then online', async () => {
    const states: string[] = [];
    const unsubscribe = validator.onStatus((s) => states.push(s.state));
    const powerUp = log.next((e) => e.kind === 'powerUp');
    await sim.control('POST', '/faults', { fault: 'powerCycle' });
    await powerUp;
    unsubscribe();
    expect(states).toContain('starting');
    expect(validator.status()).toMatchObject({ state: 'online', ready: true });
    expect((await sim.control('GET', '/state')).supplies).toMatchObject({
      masterEnabled: true,
      inhibitMask: 63,
    });
    expect(await insertToEscrow(10_000)).toEqual({
      kind: 'escrow',
      denomination: { type: 5, value: 10_000 },
    });
    expect((await validator.route('return')).code).toBe('success');
  });

  it('logs codes and counts only', () => {
    const text = logger.lines.join('\n');
    expect(text).toContain('"event":"stacked"');
    expect(text).not.toMatch(/account|holder/i);
  });
});

describe('coin acceptor driver against the simulator', () => {
  let sim: Simulator;
  const logger = createMemoryLogger('coinAcceptor');
  const log = eventLog<CoinEvent>();
  let acceptor: ReturnType<typeof createCoinAcceptor>;

  beforeAll(async () => {
    sim = await startSimulator('simulators/cctalk/coin-acceptor-main.ts');
    acceptor = createCoinAcceptor({
      path: sim.hostLink,
      pollIntervalMs: POLL_MS,
      commandTimeoutMs: TIMEOUT_MS,
      logger,
    });
    acceptor.onEvent((event) => log.push(event));
    await acceptor.start();
  });

  afterAll(async () => {
    await acceptor?.stop();
    await sim?.stop();
  });

  it('credits an accepted coin, rejects an inhibited one, reports jam as hardwareError', async () => {
    await waitForStatus(acceptor, isReady, logger);
    expect((await acceptor.accept([4, 5])).code).toBe('success');
    const credit = log.next((e) => e.kind === 'credit');
    await sim.control('POST', '/insert', { value: 100 });
    expect(await credit).toEqual({ kind: 'credit', denomination: { type: 4, value: 100 } });
    const rejected = log.next((e) => e.kind === 'rejected');
    await sim.control('POST', '/insert', { value: 50 });
    expect(await rejected).toEqual({ kind: 'rejected', reason: 'inhibited coin' });

    await sim.control('POST', '/faults', { fault: 'jam' });
    await sim.control('POST', '/insert', { value: 200 });
    await waitForStatus(acceptor, (s) => s.state === 'hardwareError', logger);
    await sim.control('DELETE', '/faults/jam');
    await sim.control('POST', '/insert', { value: 200 });
    await waitForStatus(acceptor, isReady, logger);
  });

  it('power cycle: powerUp reported and the coins accepted before are accepted again', async () => {
    const powerUp = log.next((e) => e.kind === 'powerUp');
    await sim.control('POST', '/faults', { fault: 'powerCycle' });
    await powerUp;
    const credit = log.next((e) => e.kind === 'credit');
    await sim.control('POST', '/insert', { value: 200 });
    expect(await credit).toEqual({ kind: 'credit', denomination: { type: 5, value: 200 } });
  });
});

describe('coin hopper driver against the simulator', () => {
  let sim: Simulator;
  const logger = createMemoryLogger('coinHopper');
  let hopper: ReturnType<typeof createCoinHopper>;

  beforeAll(async () => {
    sim = await startSimulator('simulators/cctalk/hopper-main.ts', [
      '--hopper-coins',
      '40',
      '--coin-interval-ms',
      '20',
    ]);
    hopper = createCoinHopper({
      path: sim.hostLink,
      coinValue: 100,
      pollIntervalMs: POLL_MS,
      commandTimeoutMs: TIMEOUT_MS,
      payoutStallMs: 1_500,
      logger,
    });
    await hopper.start();
  });

  afterAll(async () => {
    await hopper?.stop();
    await sim?.stop();
  });

  it('comes ready (payouts enabled with 164) and pays 5 coins', async () => {
    await waitForStatus(hopper, isReady, logger);
    expect(await hopper.dispense(5)).toEqual({ code: 'success', value: { paid: 5, unpaid: 0 } });
    expect((await sim.control('GET', '/state')).supplies).toMatchObject({ coins: 35, lastPaid: 5 });
  });

  it('empty mid-payout: hardwareError hopperEmpty with the counts; empty status until refilled', async () => {
    await sim.control('POST', '/faults', { fault: 'emptyMidPayout' });
    const result = await hopper.dispense(6);
    expect(result).toMatchObject({
      code: 'hardwareError',
      errorCode: 'hopperEmpty',
      message: 'paid 3 of 6, unpaid 3',
    });
    const status = await waitForStatus(hopper, (s) => s.detail.level === 'empty', logger);
    expect(status).toMatchObject({ state: 'online', ready: false, action: 'clear' });
    await sim.control('POST', '/replenish');
    await waitForStatus(hopper, isReady, logger);
  });

  it('power lost mid-payout: reported with the counts, payoutStatus tells what left, reset brings it back', async () => {
    await sim.control('POST', '/faults', { fault: 'powerLossMidPayout' });
    const result = await hopper.dispense(8);
    expect(result).toMatchObject({
      code: 'hardwareError',
      errorCode: 'powerDownDuringPayout',
      message: 'paid 4 of 8, unpaid 4',
    });
    const status = await waitForStatus(hopper, (s) => s.detail.powerDownDuringPayout === true, logger);
    expect(status).toMatchObject({ state: 'hardwareError', action: 'reset' });
    expect(await hopper.payoutStatus()).toMatchObject({
      code: 'success',
      value: { lastPaid: 4, lastUnpaid: 4 },
    });
    expect((await hopper.reset()).code).toBe('success');
    await waitForStatus(hopper, isReady, logger);
  });

  it('jam: the payout stops with errorCode jam; hardwareError until cleared and reset', async () => {
    await sim.control('POST', '/faults', { fault: 'jam' });
    const result = await hopper.dispense(3);
    expect(result).toMatchObject({
      code: 'hardwareError',
      errorCode: 'jam',
      message: 'paid 0 of 3, unpaid 3',
    });
    await waitForStatus(hopper, (s) => s.state === 'hardwareError' && s.detail.jam === true, logger);
    await sim.control('DELETE', '/faults/jam');
    expect((await hopper.reset()).code).toBe('success');
    await waitForStatus(hopper, isReady, logger);
    expect(await hopper.dispense(2)).toEqual({ code: 'success', value: { paid: 2, unpaid: 0 } });
  });

  it('unplugged: offline, dispense refused without paying; back online when plugged in', async () => {
    await sim.control('POST', '/faults', { fault: 'unplug' });
    await waitForStatus(hopper, (s) => s.state === 'offline', logger);
    const result = await hopper.dispense(1);
    expect(result.code).not.toBe('success');
    await sim.control('DELETE', '/faults/unplug');
    await waitForStatus(hopper, isReady, logger, 10_000);
  });
});
