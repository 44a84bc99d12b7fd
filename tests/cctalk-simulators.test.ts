import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorState } from '../contracts/simulator-control.ts';
import { CcTalkDecoder, type DecodedFrame } from '../device-drivers/codecs/cctalk/decoder.ts';
import {
  countNewEvents,
  decodeBillEventPair,
  decodeCoinEventPair,
  parseBufferedEvents,
} from '../device-drivers/codecs/cctalk/events.ts';
import { type ChecksumMode, encodeFrame } from '../device-drivers/codecs/cctalk/frame.ts';
import * as H from '../device-drivers/codecs/cctalk/headers.ts';
import {
  encodeDispense,
  parsePayoutStatus,
  parseTestHopper,
} from '../device-drivers/codecs/cctalk/hopper.ts';
import {
  liveProcessesInGroup,
  type SimulatorReady,
  startSimulatorProcess,
} from './support/simulator-process.ts';

/**
 * The three ccTalk simulators as real processes on real socat PTY pairs, spoken to as a raw host
 * would: write a frame on the host end, read the echo and the reply, decode with the codec.
 */
const ESCROW_TIMEOUT_MS = 1_500;

interface Simulator {
  child: ChildProcess;
  ready: SimulatorReady;
  links: string[];
  stderr: () => string;
}

async function startSimulator(entry: string, name: string, extra: string[]): Promise<Simulator> {
  const sim = await startSimulatorProcess(`simulators/cctalk/${entry}`, { name, extraArgs: extra });
  return { child: sim.child, ready: sim.ready, links: [sim.hostLink, sim.deviceLink], stderr: sim.stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Exchange {
  echo: DecodedFrame | null;
  reply: DecodedFrame | null;
  /** Every byte that came back. */
  raw: Buffer;
}

/** A host on the host end of the pair with nothing but serialport and the codec. */
class RawHost {
  private received = Buffer.alloc(0);

  private constructor(
    private readonly port: SerialPort,
    private readonly mode: ChecksumMode,
  ) {
    port.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
  }

  static open(path: string, mode: ChecksumMode): Promise<RawHost> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
      port.on('error', () => {});
      port.open((error) => (error ? reject(error) : resolve(new RawHost(port, mode))));
    });
  }

  /** Writes one frame; resolves with the echo and the reply, or what came within `timeoutMs`. */
  async exchange(destination: number, header: number, data: ArrayLike<number> = [], timeoutMs = 400) {
    this.received = Buffer.alloc(0);
    const frame = encodeFrame(
      { destination, source: H.HOST, header, data: Uint8Array.from(data) },
      this.mode,
    );
    await new Promise<void>((resolve, reject) => this.port.write(frame, (e) => (e ? reject(e) : resolve())));
    const deadline = Date.now() + timeoutMs;
    let result: Exchange = { echo: null, reply: null, raw: this.received };
    while (Date.now() < deadline) {
      const frames = new CcTalkDecoder(this.mode).push(this.received);
      result = { echo: frames[0] ?? null, reply: frames[1] ?? null, raw: this.received };
      if (result.reply) break;
      await sleep(3);
    }
    if (result.echo) expect(result.echo.raw).toEqual(frame);
    return result;
  }

  /** A command that must be ACKed; returns the reply data. */
  async ack(destination: number, header: number, data: ArrayLike<number> = []): Promise<Uint8Array> {
    const { reply } = await this.exchange(destination, header, data);
    expect(reply, `reply to header ${header}`).not.toBeNull();
    expect(reply).toMatchObject({ destination: H.HOST, header: H.ACK });
    return reply!.data;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

async function control<T = SimulatorState>(sim: Simulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.ready.controlUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const ok = async <T = SimulatorState>(sim: Simulator, method: string, path: string, body?: unknown) => {
  const { status, body: json } = await control<T>(sim, method, path, body);
  expect(status, `${method} ${path}: ${JSON.stringify(json)}`).toBe(200);
  return json;
};

let bill: Simulator;
let coin: Simulator;
let hopper: Simulator;
const hosts: RawHost[] = [];

beforeAll(async () => {
  [bill, coin, hopper] = await Promise.all([
    startSimulator('bill-validator-main.ts', 'bv', ['--escrow-timeout-ms', String(ESCROW_TIMEOUT_MS)]),
    startSimulator('coin-acceptor-main.ts', 'ca', ['--byte-delay-ms', '1.04']),
    startSimulator('hopper-main.ts', 'hop', ['--hopper-coins', '20', '--coin-interval-ms', '20']),
  ]);
});

afterAll(async () => {
  for (const host of hosts) await host.close();
  for (const sim of [bill, coin, hopper]) {
    if (!sim) continue;
    try {
      process.kill(-sim.child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    for (const link of sim.links) await rm(link, { force: true });
  }
});

async function openHost(sim: Simulator, mode: ChecksumMode): Promise<RawHost> {
  const host = await RawHost.open(sim.ready.hostPath, mode);
  hosts.push(host);
  return host;
}

describe('bill validator simulator (address 40, CRC-16)', () => {
  let host: RawHost;
  const BV = H.BILL_VALIDATOR;
  let lastCounter = 0;

  /** Reads 159 and decodes the events new since the last read. */
  async function newBillEvents() {
    const parsed = parseBufferedEvents(await host.ack(BV, H.READ_BUFFERED_BILL_EVENTS));
    const count = countNewEvents(lastCounter, parsed.counter);
    lastCounter = parsed.counter;
    return {
      counter: parsed.counter,
      ...count,
      events: parsed.events.slice(0, Math.min(count.newEvents, 5)).map(decodeBillEventPair),
    };
  }

  const enableAll = async () => {
    await host.ack(BV, H.MODIFY_INHIBIT_STATUS, [0x3f, 0x00]);
    await host.ack(BV, H.MODIFY_MASTER_INHIBIT, [1]);
  };

  beforeAll(async () => {
    expect(bill.ready).toMatchObject({ device: 'billValidator', pid: bill.child.pid });
    host = await openHost(bill, 'crc16');
  });

  it('echoes a simple poll and ACKs it; the counter is 0 after power-up', async () => {
    const { echo, reply } = await host.exchange(BV, H.SIMPLE_POLL);
    expect(echo).not.toBeNull();
    expect(reply).toMatchObject({ destination: H.HOST, header: H.ACK, data: new Uint8Array(0) });
    expect((await newBillEvents()).counter).toBe(0);
    // Another address on the bus: echo only.
    expect((await host.exchange(H.COIN_ACCEPTOR, H.SIMPLE_POLL, [], 100)).reply).toBeNull();
    expect((await host.exchange(BV, 99)).reply?.header).toBe(H.NAK);
  });

  it('20 €: escrow, then stack on 154, counted in the stacker', async () => {
    await enableAll();
    await ok(bill, 'POST', '/insert', { value: 2_000 });
    expect((await newBillEvents()).events).toEqual([{ kind: 'escrow', billType: 3 }]);
    expect(await host.ack(BV, H.ROUTE_BILL, [H.ROUTE_STACK])).toEqual(new Uint8Array(0));
    expect((await newBillEvents()).events).toEqual([{ kind: 'stacked', billType: 3 }]);
    const state = await ok(bill, 'GET', '/state');
    expect(state.supplies).toMatchObject({ 'stacker.2000': 1, stackerNotes: 1, stackerValue: 2_000 });
  });

  it('route return gives the note back; the escrow timeout does so by itself', async () => {
    await ok(bill, 'POST', '/insert', { value: 500 });
    await host.ack(BV, H.ROUTE_BILL, [H.ROUTE_RETURN]);
    expect((await newBillEvents()).events.map((e) => e.kind)).toEqual(['returned', 'escrow']);
    expect(await host.ack(BV, H.ROUTE_BILL, [H.ROUTE_STACK])).toEqual(
      Uint8Array.of(H.ROUTE_ERROR_ESCROW_EMPTY),
    );

    await ok(bill, 'POST', '/insert', { value: 1_000 });
    expect((await control(bill, 'POST', '/insert', { value: 500 })).status).toBe(409);
    await sleep(ESCROW_TIMEOUT_MS + 100);
    expect((await newBillEvents()).events).toMatchObject([
      { kind: 'returned' },
      { kind: 'escrow', billType: 2 },
    ]);
  });

  it('rejects an inhibited note, and refuses unknown values at the control API', async () => {
    await host.ack(BV, H.MODIFY_INHIBIT_STATUS, [0b1, 0]);
    await ok(bill, 'POST', '/insert', { value: 10_000 });
    expect((await newBillEvents()).events).toMatchObject([{ kind: 'rejected', code: 4 }]);
    await enableAll();
    expect((await control(bill, 'POST', '/insert', { value: 1_234 })).status).toBe(400);
    expect((await control(bill, 'POST', '/faults', { fault: 'emptyMidPayout' })).status).toBe(400);
  });

  it('stacker full: status 14', async () => {
    expect((await ok(bill, 'POST', '/faults', { fault: 'stackerFull' })).faults).toEqual(['stackerFull']);
    await ok(bill, 'POST', '/insert', { value: 5_000 });
    expect((await newBillEvents()).events).toMatchObject([{ kind: 'stackerFull', code: 14 }]);
    await ok(bill, 'DELETE', '/faults/stackerFull');
  });

  it('fraud: opto fraud 17', async () => {
    await ok(bill, 'POST', '/faults', { fault: 'fraud' });
    await ok(bill, 'POST', '/insert', { value: 5_000 });
    expect((await newBillEvents()).events).toMatchObject([{ kind: 'fraud', code: 17 }]);
    await ok(bill, 'DELETE', '/faults');
  });

  it('counter wrap: 250 … 255 → 1, never 0', async () => {
    await ok(bill, 'POST', '/faults', { fault: 'counterWrap' });
    const jumped = parseBufferedEvents(await host.ack(BV, H.READ_BUFFERED_BILL_EVENTS)).counter;
    expect(jumped).toBe(250);
    lastCounter = 250;
    for (let i = 0; i < 3; i += 1) {
      await ok(bill, 'POST', '/insert', { value: 500 });
      await host.ack(BV, H.ROUTE_BILL, [H.ROUTE_RETURN]);
    }
    const after = await newBillEvents();
    expect(after).toMatchObject({ counter: 1, newEvents: 6, lost: 1, powerUp: false });
  });

  it('event burst: more than five events between two polls, the host sees events lost', async () => {
    await ok(bill, 'POST', '/faults', { fault: 'eventBurst' });
    await ok(bill, 'POST', '/insert', { value: 500 });
    const burst = await newBillEvents();
    expect(burst).toMatchObject({ newEvents: 7, lost: 2 });
    expect(burst.events[0]).toEqual({ kind: 'escrow', billType: 1 });
    await host.ack(BV, H.ROUTE_BILL, [H.ROUTE_RETURN]);
    await newBillEvents();
  });

  it('no reply: echo only; bad checksum: a reply that does not decode', async () => {
    await ok(bill, 'POST', '/faults', { fault: 'noReply' });
    const silent = await host.exchange(BV, H.SIMPLE_POLL, [], 150);
    expect(silent.echo).not.toBeNull();
    expect(silent.reply).toBeNull();
    await ok(bill, 'DELETE', '/faults/noReply');
    await ok(bill, 'POST', '/faults', { fault: 'badChecksum' });
    const garbled = await host.exchange(BV, H.SIMPLE_POLL, [], 150);
    expect(garbled.reply).toBeNull();
    expect(garbled.raw.length).toBe(10); // echo + a five-byte reply
    await ok(bill, 'DELETE', '/faults/badChecksum');
  });

  it('power cycle: silent, then counter 0 and inhibited again', async () => {
    await ok(bill, 'POST', '/faults', { fault: 'powerCycle' });
    expect((await host.exchange(BV, H.SIMPLE_POLL, [], 100)).reply).toBeNull();
    await sleep(200);
    const after = await newBillEvents();
    expect(after).toMatchObject({ counter: 0, powerUp: true });
    expect(await host.ack(BV, H.REQUEST_MASTER_INHIBIT)).toEqual(Uint8Array.of(0));
    expect(await host.ack(BV, H.REQUEST_INHIBIT_STATUS)).toEqual(Uint8Array.of(0, 0));
  });

  it('unplug: the host link goes; clearing it plugs a new pair in on the same link', async () => {
    expect((await ok(bill, 'POST', '/faults', { fault: 'unplug' })).plugged).toBe(false);
    expect(existsSync(bill.ready.hostPath)).toBe(false);
    await host.close();
    expect((await ok(bill, 'DELETE', '/faults/unplug')).plugged).toBe(true);
    host = await openHost(bill, 'crc16');
    expect((await host.exchange(BV, H.SIMPLE_POLL)).reply?.header).toBe(H.ACK);
  });
});

describe('coin acceptor simulator (address 2, simple checksum)', () => {
  let host: RawHost;
  const CA = H.COIN_ACCEPTOR;

  beforeAll(async () => {
    expect(coin.ready.device).toBe('coinAcceptor');
    host = await openHost(coin, 'simple8');
  });

  it('ACKs a simple poll; a coin inserted when enabled is a credit event', async () => {
    expect((await host.exchange(CA, H.SIMPLE_POLL)).reply).toMatchObject({ source: CA, header: H.ACK });
    await host.ack(CA, H.MODIFY_INHIBIT_STATUS, [0x1f, 0]);
    await host.ack(CA, H.MODIFY_MASTER_INHIBIT, [1]);
    await ok(coin, 'POST', '/insert', { value: 200 });
    const events = parseBufferedEvents(await host.ack(CA, H.READ_BUFFERED_CREDIT));
    expect(events.counter).toBe(1);
    expect(decodeCoinEventPair(events.events[0]!)).toEqual({
      kind: 'credit',
      coinPosition: 5,
      sorterPath: 1,
    });
    expect((await ok(coin, 'GET', '/state')).supplies).toMatchObject({ 'cashbox.200': 1 });
    expect((await control(coin, 'POST', '/insert', { value: 30 })).status).toBe(400);
  });

  it('jam: an error code the host reads as a jam', async () => {
    await ok(coin, 'POST', '/faults', { fault: 'jam' });
    await ok(coin, 'POST', '/insert', { value: 100 });
    const events = parseBufferedEvents(await host.ack(CA, H.READ_BUFFERED_CREDIT));
    expect(decodeCoinEventPair(events.events[0]!)).toMatchObject({ kind: 'jam', code: 5 });
    await ok(coin, 'DELETE', '/faults');
  });
});

describe('hopper simulator (address 3, simple checksum)', () => {
  let host: RawHost;
  const HOP = H.HOPPER;
  let serial: Uint8Array;

  async function payoutStatus() {
    return parsePayoutStatus(await host.ack(HOP, H.REQUEST_PAYOUT_STATUS));
  }

  async function waitForPayoutEnd(timeoutMs = 3_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { reply } = await host.exchange(HOP, H.REQUEST_PAYOUT_STATUS, [], 150);
      if (reply?.header === H.ACK && reply.data[1] === 0) return parsePayoutStatus(reply.data);
      if (Date.now() > deadline) throw new Error('payout did not end');
      await sleep(20);
    }
  }

  beforeAll(async () => {
    expect(hopper.ready.device).toBe('coinHopper');
    host = await openHost(hopper, 'simple8');
    serial = await host.ack(HOP, H.REQUEST_SERIAL_NUMBER);
  });

  it('dispense 5 (with its serial number): paid 5, unpaid 0, five coins fewer', async () => {
    expect(parseTestHopper(await host.ack(HOP, H.TEST_HOPPER))).toMatchObject({
      powerUpDetected: true,
      payoutDisabled: true,
    });
    await host.ack(HOP, H.ENABLE_HOPPER, [165]);
    expect(await host.ack(HOP, H.DISPENSE_HOPPER_COINS, encodeDispense(5, serial))).toEqual(Uint8Array.of(1));
    expect((await host.exchange(HOP, H.DISPENSE_HOPPER_COINS, encodeDispense(1))).reply?.header).toBe(H.BUSY);
    expect(await waitForPayoutEnd()).toEqual({ eventCounter: 1, remaining: 0, lastPaid: 5, lastUnpaid: 0 });
    expect((await ok(hopper, 'GET', '/state')).supplies).toMatchObject({ coins: 15, coinCapacity: 20 });
    expect((await control(hopper, 'POST', '/insert', { value: 100 })).status).toBe(400);
  });

  it('empty mid-payout: runs dry with unpaid coins; replenish refills', async () => {
    await ok(hopper, 'POST', '/replenish');
    await ok(hopper, 'POST', '/faults', { fault: 'emptyMidPayout' });
    await host.ack(HOP, H.DISPENSE_HOPPER_COINS, encodeDispense(6));
    const status = await waitForPayoutEnd();
    expect(status).toMatchObject({ lastPaid: 3, lastUnpaid: 3 });
    expect(parseTestHopper(await host.ack(HOP, H.TEST_HOPPER)).payoutTimeout).toBe(true);
    expect((await ok(hopper, 'POST', '/replenish')).supplies.coins).toBe(20);
  });

  it('power loss mid-payout: silent, then the counters tell what really left', async () => {
    await ok(hopper, 'POST', '/faults', { fault: 'powerLossMidPayout' });
    const before = await payoutStatus();
    await host.ack(HOP, H.DISPENSE_HOPPER_COINS, encodeDispense(8));
    expect(before.eventCounter).toBeGreaterThan(0);
    await sleep(120); // the fourth coin leaves at 80 ms, the power goes at the fifth
    expect((await host.exchange(HOP, H.SIMPLE_POLL, [], 100)).reply).toBeNull();
    await sleep(300);
    expect(await payoutStatus()).toEqual({ eventCounter: 0, remaining: 0, lastPaid: 4, lastUnpaid: 4 });
    expect(parseTestHopper(await host.ack(HOP, H.TEST_HOPPER))).toMatchObject({
      powerUpDetected: true,
      powerDownDuringPayout: true,
      payoutDisabled: true,
    });
    expect((await ok(hopper, 'GET', '/state')).supplies).toMatchObject({
      coins: 16,
      lastPaid: 4,
      lastUnpaid: 4,
    });
    // A reset and an enable before the next payout.
    await host.ack(HOP, H.RESET_DEVICE);
    await host.ack(HOP, H.ENABLE_HOPPER, [165]);
    await host.ack(HOP, H.DISPENSE_HOPPER_COINS, encodeDispense(1));
    expect(await waitForPayoutEnd()).toMatchObject({ eventCounter: 1, lastPaid: 1, lastUnpaid: 0 });
  });
});

describe('process lifetime', () => {
  it('SIGTERM stops socat and exits 0, leaving no process and no link', async () => {
    for (const host of hosts.splice(0)) await host.close();
    for (const sim of [bill, coin, hopper]) {
      expect(sim.stderr()).not.toContain('"level":"error"');
      const exited = new Promise<number | null>((resolve) => sim.child.once('exit', (code) => resolve(code)));
      process.kill(sim.ready.pid, 'SIGTERM');
      expect(await exited).toBe(0);
      const deadline = Date.now() + 2_000;
      while (liveProcessesInGroup(sim.child.pid!).length > 0 && Date.now() < deadline) await sleep(20);
      expect(liveProcessesInGroup(sim.child.pid!)).toEqual([]);
      for (const link of sim.links) expect(existsSync(link)).toBe(false);
    }
  });
});
