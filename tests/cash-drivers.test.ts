import { afterEach, describe, expect, it } from 'vitest';
import type { BillEvent, CoinEvent } from '../contracts/devices/cash.ts';
import { createBillValidator } from '../device-drivers/cash/bill-validator.ts';
import type { CashBus, CashBusRequest, OpenCashBus } from '../device-drivers/cash/cash-bus.ts';
import { createCoinAcceptor } from '../device-drivers/cash/coin-acceptor.ts';
import { createCoinHopper } from '../device-drivers/cash/coin-hopper.ts';
import { inhibitMask } from '../device-drivers/cash/inhibit-mask.ts';
import {
  CcTalkBusyError,
  CcTalkLinkClosedError,
  CcTalkNakError,
  CcTalkTimeoutError,
} from '../device-drivers/cctalk/cctalk-errors.ts';
import { createMemoryLogger } from '../platform/log.ts';

/**
 * The three ccTalk cash drivers against a fake bus: each test plays the device's side of the
 * conversation, so counters, replies and failures are exactly the ones under test.
 */
/** What a fake device does with one command: reply data, or stay silent, NAK, BUSY. */
type FakeReply = Uint8Array | number[] | 'silent' | 'nak' | 'busy';

interface FakeBus extends CashBus {
  readonly requests: CashBusRequest[];
  /** Headers sent so far, in order. */
  headers(): number[];
  /** Simulates the port going away (`closed`) or coming back (`open`). */
  setState(state: 'open' | 'closed'): void;
  open: OpenCashBus;
}

/**
 * A ccTalk bus without a port: each request is answered by `device`, one at a time as the real
 * bus does, after a microtask. Errors are the real bus's error classes.
 */
function createFakeBus(device: (request: CashBusRequest) => FakeReply): FakeBus {
  let state: 'open' | 'closed' = 'open';
  const listeners = new Set<(state: 'open' | 'closed') => void>();
  const requests: CashBusRequest[] = [];
  let chain: Promise<unknown> = Promise.resolve();

  const answer = async (request: CashBusRequest) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (state === 'closed') throw new CcTalkLinkClosedError('port closed');
    const attempts = 1 + (request.retries ?? 0);
    for (let i = 0; i < attempts; i++) {
      requests.push(request);
      const reply = device(request);
      if (reply === 'silent') {
        if (i === attempts - 1) throw new CcTalkTimeoutError(`no reply to ${request.header}`);
        continue;
      }
      if (reply === 'nak') throw new CcTalkNakError(`NAK to ${request.header}`);
      if (reply === 'busy') throw new CcTalkBusyError(`BUSY to ${request.header}`);
      return { header: 0, data: Uint8Array.from(reply) };
    }
    throw new CcTalkTimeoutError('unreachable');
  };

  const bus: FakeBus = {
    requests,
    headers: () => requests.map((r) => r.header),
    get state() {
      return state;
    },
    async start() {},
    async stop() {},
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request(request) {
      const run = chain.then(() => answer(request));
      chain = run.catch(() => undefined);
      return run;
    },
    setState(next) {
      state = next;
      for (const listener of [...listeners]) listener(next);
    },
    open: () => bus,
  };
  return bus;
}

/** Resolves once `check` holds, polling every few milliseconds; fails with `what` after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
}

/** A buffered event queue as a ccTalk acceptor keeps it (part 2, headers 159 and 229). */
class FakeEventBuffer {
  counter = 0;
  private slots: Array<[number, number]> = [];

  record(a: number, b: number): void {
    this.counter = this.counter >= 255 ? 1 : this.counter + 1;
    this.slots.unshift([a, b]);
    this.slots.length = Math.min(this.slots.length, 5);
  }

  powerUp(): void {
    this.counter = 0;
    this.slots = [];
  }

  reply(): number[] {
    const bytes = [this.counter];
    for (let i = 0; i < 5; i++) bytes.push(...(this.slots[i] ?? [0, 0]));
    return bytes;
  }
}

const POLL_MS = 5;
const TIMEOUT_MS = 50;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A bill validator's side: buffered events, inhibits, and 154 answered by `onRoute`. */
function fakeValidator() {
  const buffer = new FakeEventBuffer();
  const device = {
    buffer,
    silent: false,
    /** 231 goes unanswered, as from a device still busy powering up. */
    deafToInhibits: false,
    mask: [0, 0] as number[],
    master: 0,
    onRoute: (_code: number): FakeReply => [],
  };
  const bus = createFakeBus((request: CashBusRequest): FakeReply => {
    if (device.silent) return 'silent';
    const data = [...(request.data ?? [])];
    switch (request.header) {
      case 159:
        return buffer.reply();
      case 231:
        if (device.deafToInhibits) return 'silent';
        device.mask = data;
        return [];
      case 228:
        device.master = data[0] ?? 0;
        return [];
      case 154:
        return device.onRoute(data[0] ?? -1);
      default:
        return 'nak';
    }
  });
  return { device, bus };
}

function startValidator(extra: { routeTimeoutMs?: number; escrowHoldMs?: number } = {}) {
  const { device, bus } = fakeValidator();
  const logger = createMemoryLogger('billValidator');
  const validator = createBillValidator({
    path: '/dev/null',
    pollIntervalMs: POLL_MS,
    commandTimeoutMs: TIMEOUT_MS,
    logger,
    openBus: bus.open,
    ...extra,
  });
  const events: BillEvent[] = [];
  validator.onEvent((event) => events.push(event));
  cleanups.push(() => validator.stop());
  return { device, bus, validator, events, logger };
}

const pollsAfter = (bus: { headers(): number[] }, header: number, from: number) =>
  bus
    .headers()
    .slice(from)
    .filter((h) => h === header).length;

describe('bill validator', () => {
  it('reports nothing old on the first poll, inhibits everything, then decodes each new event once', async () => {
    const { device, bus, validator, events } = startValidator();
    device.buffer.record(3, 0); // stacked before this host started: not ours to report
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    expect(validator.status()).toMatchObject({ ready: true, action: 'none' });
    expect(device.master).toBe(0);
    expect(device.mask).toEqual([0, 0]);

    device.buffer.record(3, 1);
    await until(() => events.length === 1, 'escrow event');
    const seen = bus.requests.length;
    await until(() => pollsAfter(bus, 159, seen) >= 3, 'three more polls');
    expect(events).toEqual([{ kind: 'escrow', denomination: { type: 3, value: 2_000 } }]);
    expect(validator.status().detail).toMatchObject({ escrow: true });
  });

  it('counts across the wrap 255 → 1 and reports the events oldest first', async () => {
    const { device, validator, events } = startValidator();
    device.buffer.counter = 253;
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    device.buffer.record(1, 1); // 254
    device.buffer.record(0, 1); // 255: returned
    device.buffer.record(2, 1); // 1
    device.buffer.record(2, 0); // 2
    await until(() => events.length === 4, 'four events');
    expect(device.buffer.counter).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(['escrow', 'returned', 'escrow', 'stacked']);
  });

  it('reports lost events when more than five happened between polls', async () => {
    const { device, validator, events } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    device.silent = true;
    await until(() => validator.status().state === 'offline', 'offline while silent');
    for (let i = 0; i < 8; i++) device.buffer.record(0, 2); // eight rejects: five kept
    device.silent = false;
    await until(() => events.length === 6, 'lost + five events');
    expect(events[0]).toEqual({ kind: 'eventsLost', count: 3 });
    expect(events.slice(1).every((e) => e.kind === 'rejected')).toBe(true);
    expect(validator.status().state).toBe('online');
  });

  it('power-up (counter back to 0): restores the last inhibits first, then reports powerUp', async () => {
    const { device, bus, validator, events } = startValidator();
    const states: string[] = [];
    validator.onStatus((s) => states.push(s.state));
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    expect((await validator.accept([1, 2, 6])).code).toBe('success');
    expect(device.mask).toEqual([0b10_0011, 0]);
    expect(device.master).toBe(1);
    device.buffer.record(2, 1);
    await until(() => events.length === 1, 'escrow');

    // The device loses power: it forgets its inhibits, its counter is 0.
    device.buffer.powerUp();
    device.mask = [0, 0];
    device.master = 0;
    const from = bus.requests.length;
    await until(() => events.length === 2, 'powerUp event');
    expect(events[1]).toEqual({ kind: 'powerUp' });
    // Inhibits went out before the event was reported.
    expect(device.mask).toEqual([0b10_0011, 0]);
    expect(device.master).toBe(1);
    const after = bus.headers().slice(from);
    expect(after.indexOf(231)).toBeGreaterThan(after.indexOf(159));
    expect(states).toContain('starting');
    expect(validator.status()).toMatchObject({ state: 'online', ready: true, detail: { escrow: false } });
  });

  it('power-up whose inhibits cannot be restored at once: retried on later polls, powerUp reported after', async () => {
    const { device, bus, validator, events } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    await validator.accept([5]);
    // A counter at 0 means power-up only after it was seen above 0.
    device.buffer.record(0, 10);
    const seen = bus.requests.length;
    await until(() => pollsAfter(bus, 159, seen) >= 2, 'the counter at 1 seen');
    const states: string[] = [];
    validator.onStatus((s) => states.push(s.state));
    device.deafToInhibits = true;
    device.buffer.powerUp();
    device.mask = [0, 0];
    await until(() => states.filter((s) => s === 'starting').length >= 2, 'two restore attempts');
    expect(states).toContain('offline'); // the unanswered 231
    expect(events).toEqual([]);
    device.deafToInhibits = false;
    await until(() => events.length === 1, 'powerUp after the restore');
    expect(events[0]).toEqual({ kind: 'powerUp' });
    expect(device.mask).toEqual([0b1_0000, 0]);
    expect(validator.status()).toMatchObject({ state: 'online', ready: true });
  });

  it('route(stack) resolves when the poller sees the stacked event, route(return) on returned', async () => {
    const { device, bus, validator, events } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    await validator.accept([3]);
    device.buffer.record(3, 1);
    await until(() => events.length === 1, 'escrow');
    // The device stacks the note a few polls after taking the command.
    device.onRoute = (code) => {
      expect(code).toBe(1);
      setTimeout(() => device.buffer.record(3, 0), 20);
      return [];
    };
    expect(await validator.route('stack')).toEqual({ code: 'success', value: 'stacked' });
    expect(events.at(-1)).toEqual({ kind: 'stacked', denomination: { type: 3, value: 2_000 } });

    device.buffer.record(3, 1);
    await until(() => events.length === 3, 'second escrow');
    device.onRoute = (code) => {
      expect(code).toBe(0);
      device.buffer.record(0, 1);
      return [];
    };
    expect(await validator.route('return')).toEqual({ code: 'success', value: 'returned' });
    expect(bus.headers().filter((h) => h === 154)).toHaveLength(2);
  });

  it('route errors: 254 escrow empty → sequenceError, 255 → hardwareError, no event → timeout, sent once', async () => {
    const { device, bus, validator } = startValidator({ routeTimeoutMs: 100 });
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    device.onRoute = () => [254];
    expect(await validator.route('stack')).toMatchObject({ code: 'sequenceError', errorCode: 'escrowEmpty' });
    device.onRoute = () => [255];
    expect(await validator.route('stack')).toMatchObject({ code: 'hardwareError', errorCode: 'routeFailed' });
    device.onRoute = () => [];
    expect(await validator.route('stack')).toMatchObject({
      code: 'timeout',
      errorCode: 'noRouteConfirmation',
    });
    device.onRoute = () => 'silent';
    const before = bus.headers().filter((h) => h === 154).length;
    expect(await validator.route('return')).toMatchObject({ code: 'timeout' });
    expect(bus.headers().filter((h) => h === 154).length - before).toBe(1);
    expect(bus.requests.filter((r) => r.header === 154).every((r) => r.retries === 0)).toBe(true);
  });

  it('route ends in doubt on a jam and as fraudAttempt on fraud; holdEscrow sends 154 with 255', async () => {
    const { device, bus, validator } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    device.onRoute = () => {
      device.buffer.record(0, 7);
      return [];
    };
    expect(await validator.route('stack')).toMatchObject({ code: 'hardwareError', errorCode: 'jam' });
    device.onRoute = () => {
      device.buffer.record(0, 17);
      return [];
    };
    expect(await validator.route('stack')).toMatchObject({ code: 'fraudAttempt' });
    device.onRoute = () => [];
    expect(await validator.holdEscrow()).toEqual({ code: 'success', value: undefined });
    expect(bus.requests.at(-1)).toMatchObject({ header: 154, data: Uint8Array.of(255) });
  });

  it('maps jam, fraud, stacker full, silence and a closed link onto the status vocabulary', async () => {
    const { device, bus, validator } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');

    device.buffer.record(0, 6);
    await until(() => validator.status().state === 'hardwareError', 'jam');
    expect(validator.status()).toMatchObject({ ready: false, action: 'clear', detail: { jam: true } });
    device.buffer.record(2, 1); // a note moves: the transport is clear again
    await until(() => validator.status().state === 'online', 'jam cleared');

    device.buffer.record(0, 18);
    await until(() => validator.status().state === 'fraudAttempt', 'fraud');
    expect(validator.status()).toMatchObject({
      ready: false,
      action: 'clear',
      message: 'string fraud detected',
    });
    device.buffer.record(0, 1);
    await until(() => validator.status().state === 'online', 'fraud cleared');

    device.buffer.record(0, 14);
    await until(() => validator.status().ready === false, 'stacker full');
    expect(validator.status()).toMatchObject({
      state: 'online',
      action: 'clear',
      detail: { stacker: 'full' },
    });
    device.buffer.record(0, 10); // stacker OK
    await until(() => validator.status().ready, 'stacker emptied');

    device.silent = true;
    await until(() => validator.status().state === 'offline', 'offline on silence');
    expect(validator.status().message).toBe('no reply');
    device.silent = false;
    await until(() => validator.status().state === 'online', 'online again');

    bus.setState('closed');
    expect(validator.status()).toMatchObject({ state: 'offline', message: 'link lost' });
    bus.setState('open');
    await until(() => validator.status().state === 'online', 'online after reopen');
  });

  it('with escrowHoldMs, keeps extending the escrow (154 with 255) while a note waits, and stops after', async () => {
    const { device, bus, validator, events } = startValidator({ escrowHoldMs: 15 });
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    device.buffer.record(4, 1);
    await until(() => events.length === 1, 'escrow');
    const holds = () => bus.requests.filter((r) => r.header === 154 && r.data?.[0] === 255).length;
    await until(() => holds() >= 3, 'three holds');
    device.buffer.record(4, 0);
    await until(() => events.length === 2, 'stacked');
    const after = holds();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(holds()).toBe(after);
  });

  it('accept refuses unknown types without sending anything; the mask is LSB first, 1 = enabled', async () => {
    const { bus, validator } = startValidator();
    await validator.start();
    await until(() => validator.status().state === 'online', 'online');
    const sent = bus.requests.length;
    expect(await validator.accept([7])).toMatchObject({ code: 'invalidData' });
    expect(bus.requests.length).toBe(sent);
    expect([...(inhibitMask([1, 9, 16]) ?? [])]).toEqual([0x01, 0x81]);
    expect(inhibitMask([17])).toBeNull();
    expect((await validator.refuse()).code).toBe('success');
    // Master inhibit first, then the mask (polls may come between them).
    expect(
      bus
        .headers()
        .slice(sent)
        .filter((h) => h === 228 || h === 231),
    ).toEqual([228, 231]);
  });

  it('never rejects: operations on a silent device resolve with timeout, after stop with deviceNotReady', async () => {
    const { device, validator } = startValidator();
    await validator.start();
    device.silent = true;
    expect(await validator.accept([1])).toMatchObject({ code: 'timeout' });
    expect(await validator.holdEscrow()).toMatchObject({ code: 'timeout' });
    await validator.stop();
    expect(await validator.route('stack')).toMatchObject({ code: 'deviceNotReady' });
  });
});

describe('coin acceptor', () => {
  function startAcceptor() {
    const buffer = new FakeEventBuffer();
    const device = { buffer, mask: [0, 0] as number[], master: 0 };
    const bus = createFakeBus((request) => {
      const data = [...(request.data ?? [])];
      if (request.header === 229) return buffer.reply();
      if (request.header === 231) device.mask = data;
      else if (request.header === 228) device.master = data[0] ?? 0;
      else return 'nak';
      return [];
    });
    const logger = createMemoryLogger('coinAcceptor');
    const acceptor = createCoinAcceptor({
      path: '/dev/null',
      pollIntervalMs: POLL_MS,
      commandTimeoutMs: TIMEOUT_MS,
      logger,
      openBus: bus.open,
    });
    const events: CoinEvent[] = [];
    acceptor.onEvent((e) => events.push(e));
    cleanups.push(() => acceptor.stop());
    return { device, bus, acceptor, events, logger };
  }

  it('reports credits with their value, errors as rejected / jam / fraud, and re-inhibits after power-up', async () => {
    const { device, acceptor, events, logger } = startAcceptor();
    await acceptor.start();
    await until(() => acceptor.status().state === 'online', 'online');
    expect(await acceptor.accept([4, 5])).toEqual({ code: 'success', value: undefined });
    expect(device.mask).toEqual([0b1_1000, 0]);

    device.buffer.record(5, 1); // 2 € to the cash box
    device.buffer.record(0, 2); // inhibited coin
    device.buffer.record(0, 5); // validation timeout: jam
    await until(() => events.length === 3, 'three coin events');
    expect(events).toEqual([
      { kind: 'credit', denomination: { type: 5, value: 200 } },
      { kind: 'rejected', reason: 'inhibited coin' },
      { kind: 'jam', reason: 'validation timeout' },
    ]);
    expect(acceptor.status()).toMatchObject({ state: 'hardwareError', action: 'clear' });

    device.buffer.record(4, 1);
    await until(() => acceptor.status().state === 'online', 'a credit clears the jam');
    device.buffer.record(0, 20);
    await until(() => acceptor.status().state === 'fraudAttempt', 'fraud');
    device.buffer.record(4, 1);
    await until(() => acceptor.status().state === 'online', 'a credit clears the fraud');

    device.buffer.powerUp();
    device.mask = [0, 0];
    device.master = 0;
    await until(() => events.at(-1)?.kind === 'powerUp', 'powerUp');
    expect(device.mask).toEqual([0b1_1000, 0]);
    expect(device.master).toBe(1);
    expect(logger.lines.join('\n')).toContain('"event":"credit"');
  });
});

describe('coin hopper', () => {
  /**
   * A hopper's side: 167 starts a payout, each 166 pays one more coin until `payLimit`, where it
   * runs dry (`empty`), jams, loses power, or just stops moving (`stall`).
   */
  function fakeHopper() {
    const h = {
      counter: 0,
      remaining: 0,
      lastPaid: 0,
      lastUnpaid: 0,
      registers: [0, 0, 0] as number[],
      enabled: false,
      payLimit: Number.POSITIVE_INFINITY,
      limitBehaviour: 'empty' as 'empty' | 'jam' | 'stall' | 'powerLoss',
      dispenseReply: 'normal' as 'normal' | 'lost' | 'unheard',
      level: 0b1_0000 as number,
    };
    const endPayout = () => {
      h.lastUnpaid += h.remaining;
      h.remaining = 0;
    };
    const bus = createFakeBus((request) => {
      const data = [...(request.data ?? [])];
      switch (request.header) {
        case 164:
          h.enabled = data[0] === 165;
          return [];
        case 163: {
          const r1 = (h.registers[0] ?? 0) | (h.enabled ? 0 : 0x80);
          return [r1, h.registers[1] ?? 0, h.registers[2] ?? 0];
        }
        case 217:
          return [h.level];
        case 167: {
          if (h.dispenseReply === 'unheard') return 'silent';
          if (!h.enabled) return 'nak';
          h.counter = h.counter >= 255 ? 1 : h.counter + 1;
          h.remaining = data.at(-1) ?? 0;
          h.lastPaid = 0;
          h.lastUnpaid = 0;
          return h.dispenseReply === 'lost' ? 'silent' : [h.counter];
        }
        case 166:
          if (h.remaining > 0) {
            if (h.lastPaid < h.payLimit) {
              h.lastPaid += 1;
              h.remaining -= 1;
            } else if (h.limitBehaviour === 'empty') {
              h.registers[0] = (h.registers[0] ?? 0) | 0b10; // payout timeout
              h.level = 0b1_0001;
              endPayout();
            } else if (h.limitBehaviour === 'jam') {
              h.registers[1] = (h.registers[1] ?? 0) | 0b1_0000; // motor reverse limit
              endPayout();
            } else if (h.limitBehaviour === 'powerLoss') {
              h.registers[2] = 1; // power down during payout
              h.counter = 0;
              h.enabled = false;
              endPayout();
            }
          }
          return [h.counter, h.remaining, h.lastPaid, h.lastUnpaid];
        case 172: {
          const unpaid = h.remaining;
          endPayout();
          h.enabled = false;
          return [unpaid];
        }
        case 1:
          h.registers = [0, 0, 0];
          h.enabled = false;
          h.counter = 0;
          return [];
        default:
          return 'nak';
      }
    });
    return { h, bus };
  }

  function startHopper(payoutStallMs = 200) {
    const { h, bus } = fakeHopper();
    const logger = createMemoryLogger('coinHopper');
    const hopper = createCoinHopper({
      path: '/dev/null',
      coinValue: 100,
      pollIntervalMs: POLL_MS,
      commandTimeoutMs: TIMEOUT_MS,
      payoutStallMs,
      logger,
      openBus: bus.open,
    });
    cleanups.push(() => hopper.stop());
    return { h, bus, hopper, logger };
  }

  it('enables payouts (164 with 165), dispenses 5 with one 167, follows 166 to paid 5', async () => {
    const { h, bus, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    expect(h.enabled).toBe(true);
    expect(bus.requests.find((r) => r.header === 164)?.data).toEqual(Uint8Array.of(165));
    const result = await hopper.dispense(5);
    expect(result).toEqual({ code: 'success', value: { paid: 5, unpaid: 0 } });
    const dispenses = bus.requests.filter((r) => r.header === 167);
    expect(dispenses).toHaveLength(1);
    expect(dispenses[0]).toMatchObject({ data: Uint8Array.of(5), retries: 0 });
    expect(await hopper.payoutStatus()).toEqual({
      code: 'success',
      value: { eventCounter: 1, remaining: 0, lastPaid: 5, lastUnpaid: 0 },
    });
  });

  it('running dry mid-payout: paid and unpaid from the counters, hopperEmpty, status empty until refilled', async () => {
    const { h, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    h.payLimit = 2;
    const result = await hopper.dispense(5);
    expect(result).toMatchObject({
      code: 'hardwareError',
      errorCode: 'hopperEmpty',
      message: 'paid 2 of 5, unpaid 3',
    });
    await until(() => hopper.status().detail.level === 'empty', 'empty status');
    expect(hopper.status()).toMatchObject({ state: 'online', ready: false, action: 'clear' });
    h.level = 0b1_0000; // refilled: above the low level
    await until(() => hopper.status().ready, 'ready after refill');
  });

  it('a payout that stops moving is stopped (172) and reported with its counts', async () => {
    const { h, bus, hopper } = startHopper(80);
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    h.payLimit = 3;
    h.limitBehaviour = 'stall';
    const result = await hopper.dispense(5);
    expect(result).toMatchObject({
      code: 'hardwareError',
      errorCode: 'stalled',
      message: 'paid 3 of 5, unpaid 2',
    });
    expect(bus.headers()).toContain(172);
    expect(bus.headers().filter((x) => x === 167)).toHaveLength(1);
  });

  it('a jam ends the payout with errorCode jam and status hardwareError until reset', async () => {
    const { h, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    h.payLimit = 1;
    h.limitBehaviour = 'jam';
    expect(await hopper.dispense(4)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'jam',
      message: 'paid 1 of 4, unpaid 3',
    });
    await until(() => hopper.status().state === 'hardwareError', 'jam status');
    expect(hopper.status()).toMatchObject({ ready: false, action: 'clear', detail: { jam: true } });
    expect((await hopper.reset()).code).toBe('success');
    await until(() => hopper.status().ready, 'ready after reset');
  });

  it('power lost mid-payout: reported as such, payoutStatus tells what left', async () => {
    const { h, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    h.payLimit = 2;
    h.limitBehaviour = 'powerLoss';
    expect(await hopper.dispense(6)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'powerDownDuringPayout',
      message: 'paid 2 of 6, unpaid 4',
    });
    await until(() => hopper.status().detail.powerDownDuringPayout === true, 'power-down status');
    expect(hopper.status()).toMatchObject({ state: 'hardwareError', action: 'reset' });
    expect(await hopper.payoutStatus()).toMatchObject({ value: { lastPaid: 2, lastUnpaid: 4 } });
  });

  it('a lost 167 reply is never retried: the event counter tells whether it was taken', async () => {
    const { h, bus, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    // Taken, reply lost: the counter moved on, so the payout is followed to its end.
    h.dispenseReply = 'lost';
    expect(await hopper.dispense(3)).toEqual({ code: 'success', value: { paid: 3, unpaid: 0 } });
    expect(bus.headers().filter((x) => x === 167)).toHaveLength(1);

    // Never heard: the counter did not move; the result says so and nothing is sent again.
    h.dispenseReply = 'unheard';
    expect(await hopper.dispense(2)).toMatchObject({ code: 'timeout', errorCode: 'notTaken' });
    expect(bus.headers().filter((x) => x === 167)).toHaveLength(2);
    expect(h.counter).toBe(1);
  });

  it('refuses bad counts without sending a command, and answers deviceNotReady after stop', async () => {
    const { bus, hopper } = startHopper();
    await hopper.start();
    await until(() => hopper.status().ready, 'ready');
    const sent = bus.requests.length;
    expect(await hopper.dispense(0)).toMatchObject({ code: 'invalidData' });
    expect(await hopper.dispense(256)).toMatchObject({ code: 'invalidData' });
    expect(bus.headers().slice(sent)).not.toContain(167);
    await hopper.stop();
    expect(await hopper.dispense(1)).toMatchObject({ code: 'deviceNotReady' });
    expect(await hopper.payoutStatus()).toMatchObject({ code: 'deviceNotReady' });
  });
});
