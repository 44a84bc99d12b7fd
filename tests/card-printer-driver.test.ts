import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type CardPrinter,
  type MonoBitmap,
} from '../contracts/devices/card-printer.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { PrintedCard, SimulatorState } from '../contracts/simulator-control.ts';
import { type CardPrinterTimeouts, createCardPrinter } from '../device-drivers/card-printer/card-printer.ts';
import { bankTrack1, bankTrack2, maskTrack } from '../device-drivers/codecs/magstripe/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { type SimulatorProcess, startSimulatorProcess } from './support/simulator-process.ts';

/**
 * The card printer driver end to end: the simulator runs as its own process on a real socat PTY
 * pair, the driver talks to the host end, faults and the customer's hand come through the
 * simulator's control API.
 */
const POLL_MS = 50;
/** Short enough that the silent-printer faults do not slow the suite; long for `--timing fast`. */
const TIMEOUTS: CardPrinterTimeouts = { commandMs: 400, mechanicalMs: 1_000, printMs: 3_000 };

const PAN = '4000123412341234';
const TRACKS = {
  track1: bankTrack1({
    pan: PAN,
    expiry: '3012',
    serviceCode: '201',
    discretionary: '0000',
    surname: 'Núñez',
    givenNames: 'María José',
  }),
  track2: bankTrack2({ pan: PAN, expiry: '3012', serviceCode: '201', discretionary: '0000' }),
};

/** A frame and a bar, like a personalised front: blank, full and partly inked rows. */
function frontPanel(): MonoBitmap {
  const bytesPerRow = CARD_PANEL_WIDTH / 8;
  const data = new Uint8Array(bytesPerRow * CARD_PANEL_HEIGHT);
  for (let row = 0; row < CARD_PANEL_HEIGHT; row++) {
    if (row < 4 || row >= CARD_PANEL_HEIGHT - 4) data.fill(0xff, row * bytesPerRow, (row + 1) * bytesPerRow);
    else if (row > 400 && row < 440) data.fill(0xf0, row * bytesPerRow + 10, row * bytesPerRow + 90);
  }
  return { width: CARD_PANEL_WIDTH, height: CARD_PANEL_HEIGHT, data };
}

function waitForStatus(
  printer: CardPrinter,
  predicate: (status: DeviceStatus) => boolean,
  log: { lines: string[] },
  timeoutMs = 5_000,
): Promise<DeviceStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(printer.status())) return resolve(printer.status());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `status not reached in ${timeoutMs} ms; last ${JSON.stringify(printer.status())}\n${log.lines.slice(-10).join('\n')}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = printer.onStatus((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    });
  });
}

const isReady = (status: DeviceStatus) => status.state === 'online' && status.ready;

describe('card printer driver against the simulator (fast timing)', () => {
  let sim: SimulatorProcess;
  let printer: CardPrinter;
  const logger = createMemoryLogger('cardPrinter');
  const control = <T = SimulatorState>(method: string, path: string, body?: unknown) =>
    sim.control<T>(method, path, body);
  const lastCard = () => control<PrintedCard>('GET', '/cards/last');
  const ready = () => waitForStatus(printer, isReady, logger);

  beforeAll(async () => {
    sim = await startSimulatorProcess('simulators/card-printer/main.ts', {
      name: 'card-printer',
      extraArgs: ['--timing', 'fast', '--byte-delay-ms', '0', '--auto-take-ms', '0'],
    });
    printer = createCardPrinter({
      path: sim.hostLink,
      pollIntervalMs: POLL_MS,
      logger,
      timeouts: TIMEOUTS,
      cardTakenPollMs: 20,
      reopenDelayMs: { initial: 50, max: 200 },
    });
    await printer.start();
  });

  afterAll(async () => {
    await printer?.stop();
    await sim?.stopAndVerify();
  });

  it('comes online and ready, with supplies in the detail', async () => {
    const status = await ready();
    expect(status.detail).toMatchObject({ position: 'none', minorStates: 'PRINTER_READY' });
    expect(status.detail.feederCards).toBeGreaterThan(0);
    expect(status.detail.ribbonPanels).toBeGreaterThan(0);
  });

  it('issues a card end to end: its stripe decodes valid and the customer takes it', async () => {
    const before = await printer.readState();
    if (before.code !== 'success') throw new Error(before.message);

    const picked = await printer.pickCard();
    expect(picked).toMatchObject({ code: 'success', value: { position: 'inPrinter' } });
    if (picked.code === 'success')
      expect(picked.value.counters.picked).toBe(before.value.counters.picked + 1);
    expect(await printer.encodeMagstripe(TRACKS)).toEqual({ code: 'success', value: undefined });
    expect(await printer.printFront(frontPanel())).toEqual({ code: 'success', value: undefined });
    expect(await printer.ejectCard()).toEqual({ code: 'success', value: undefined });

    const card = await lastCard();
    expect(card).toMatchObject({ location: 'atExit', printed: true });
    expect(card.tracks.map(({ track, valid }) => ({ track, valid }))).toEqual([
      { track: 1, valid: true },
      { track: 2, valid: true },
    ]);
    expect(card.tracks[1]!.masked).toBe(maskTrack(TRACKS.track2));

    setTimeout(() => void control('POST', '/take'), 100);
    expect(await printer.waitCardTaken(5_000)).toEqual({ code: 'success', value: undefined });
    expect((await lastCard()).location).toBe('taken');

    const after = await printer.readState();
    expect(after).toMatchObject({
      code: 'success',
      value: {
        position: 'none',
        counters: {
          ...before.value.counters,
          picked: before.value.counters.picked + 1,
          ejected: before.value.counters.ejected + 1,
        },
      },
    });
    const logs = logger.lines.join('\n');
    expect(logs).not.toContain(PAN);
    expect(logs).not.toContain('NUNEZ');
  });

  it('times out waiting for a card nobody takes, then rejects it from the exit', async () => {
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.ejectCard()).code).toBe('success');
    expect(await printer.waitCardTaken(200)).toMatchObject({ code: 'timeout' });
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    expect((await lastCard()).location).toBe('rejectBin');
    await ready();
  });

  it('ribbonEndsMidJob: the print fails with RIBBON_ENDED, the card goes to the reject bin', async () => {
    await control('POST', '/faults', { fault: 'ribbonEndsMidJob' });
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.encodeMagstripe(TRACKS)).code).toBe('success');
    expect(await printer.printFront(frontPanel())).toMatchObject({
      code: 'deviceNotReady',
      errorCode: 'RIBBON_ENDED',
    });
    const status = await waitForStatus(printer, (s) => s.state === 'userError', logger);
    expect(status).toMatchObject({ ready: false, action: 'clear', message: 'ribbon ended' });
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    expect(await lastCard()).toMatchObject({ location: 'rejectBin', printed: false });
    await control('POST', '/replenish');
    await ready();
  });

  it('encodingFailure: the read-back fails, hardwareError ERR_WRITE_MAGNETIC, no ribbon spent', async () => {
    await control('POST', '/faults', { fault: 'encodingFailure' });
    const ribbonBefore = printer.status().detail.ribbonPanels;
    expect((await printer.pickCard()).code).toBe('success');
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
    });
    const status = await waitForStatus(printer, (s) => s.state === 'hardwareError', logger);
    expect(status).toMatchObject({ action: 'maintenance', ready: false });
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    await ready();
    expect(printer.status().detail.ribbonPanels).toBe(ribbonBefore);
  });

  it('cardJam: hardwareError ERR_MECHANICAL, maintenance, ready once staff clear it', async () => {
    await control('POST', '/faults', { fault: 'cardJam' });
    expect((await printer.pickCard()).code).toBe('success');
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_MECHANICAL',
    });
    const status = await waitForStatus(printer, (s) => s.state === 'hardwareError', logger);
    expect(status).toMatchObject({ action: 'maintenance', message: 'card jam' });
    expect(await printer.rejectCard()).toMatchObject({ code: 'hardwareError', errorCode: 'ERR_MECHANICAL' });
    await control('DELETE', '/faults/cardJam');
    await ready();
  });

  it.each([
    ['coverOpen', 'ERR_COVER_OPEN', 'cover open'],
    ['feederEmpty', 'FEEDER_EMPTY', 'feeder empty'],
    ['rejectBinFull', 'ERR_REJECT_BOX_FULL', 'reject bin full'],
  ])('%s: userError + clear, the pick is refused with %s and picks nothing', async (fault, word, message) => {
    await control('POST', '/faults', { fault });
    const status = await waitForStatus(printer, (s) => s.state === 'userError', logger);
    expect(status).toMatchObject({ ready: false, action: 'clear', message });
    const picked = (await control('GET', '/state')).supplies.picked;
    expect(await printer.pickCard()).toMatchObject({ code: 'deviceNotReady', errorCode: word });
    expect((await control('GET', '/state')).supplies.picked).toBe(picked);
    await control('DELETE', `/faults/${fault}`);
    await ready();
    // The refused pick left no sequence open: the next one works.
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.rejectCard()).code).toBe('success');
  });

  it('noReply: offline, the pick times out, back when the printer answers again', async () => {
    await control('POST', '/faults', { fault: 'noReply' });
    const status = await waitForStatus(printer, (s) => s.state === 'offline', logger);
    expect(status.message).toBe('no reply');
    expect(await printer.pickCard()).toMatchObject({ code: 'timeout' });
    await control('DELETE', '/faults/noReply');
    await ready();
  });

  it('powerLossBeforeEject: the eject times out; after power the card is found inside and rejected', async () => {
    await control('POST', '/faults', { fault: 'powerLossBeforeEject' });
    const picked = await printer.pickCard();
    if (picked.code !== 'success') throw new Error(picked.message);
    expect((await printer.encodeMagstripe(TRACKS)).code).toBe('success');
    expect((await printer.printFront(frontPanel())).code).toBe('success');
    expect(await printer.ejectCard()).toMatchObject({ code: 'timeout' });
    expect(printer.status()).toMatchObject({ state: 'offline', message: 'no reply' });

    await control('DELETE', '/faults/powerLossBeforeEject');
    const back = await waitForStatus(printer, (s) => s.state === 'online', logger);
    expect(back).toMatchObject({ ready: false, detail: { position: 'inPrinter' } });
    expect(String(back.detail.minorStates)).toContain('INF_CARD_INSIDE');
    // What crash recovery reads: the card is inside and the eject counter did not move.
    expect(await printer.readState()).toMatchObject({
      code: 'success',
      value: { position: 'inPrinter', counters: { ejected: picked.value.counters.ejected } },
    });
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    await ready();
  });

  it('garbage: hardwareError while it lasts, ready when cleared', async () => {
    await control('POST', '/faults', { fault: 'garbage' });
    expect(await printer.refreshStatus()).toMatchObject({ code: 'hardwareError', errorCode: 'badReply' });
    expect(printer.status()).toMatchObject({ state: 'hardwareError', action: 'maintenance' });
    await control('DELETE', '/faults/garbage');
    await ready();
  });

  it('unplug: offline with the link lost, back by itself when plugged in again, and issues a card', async () => {
    const state = await control('POST', '/faults', { fault: 'unplug' });
    expect(state.plugged).toBe(false);
    const status = await waitForStatus(printer, (s) => s.state === 'offline', logger);
    expect(status.message).toBe('link lost');
    expect((await printer.pickCard()).code).toBe('deviceNotReady');
    expect((await control('DELETE', '/faults/unplug')).plugged).toBe(true);
    await ready();
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.encodeMagstripe(TRACKS)).code).toBe('success');
    expect((await printer.rejectCard()).code).toBe('success');
  });
});

describe('card printer driver against the simulator (realistic timing, default timeouts)', () => {
  let sim: SimulatorProcess;
  let printer: CardPrinter;
  const logger = createMemoryLogger('cardPrinter');

  beforeAll(async () => {
    sim = await startSimulatorProcess('simulators/card-printer/main.ts', {
      name: 'card-printer-realistic',
      extraArgs: ['--timing', 'realistic', '--auto-take-ms', '0'],
    });
    printer = createCardPrinter({ path: sim.hostLink, pollIntervalMs: 500, logger });
    await printer.start();
  });

  afterAll(async () => {
    await printer?.stop();
    await sim?.stopAndVerify();
  });

  it('issues a card within the default per-command timeouts', async () => {
    await waitForStatus(printer, isReady, logger);
    const started = Date.now();
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.encodeMagstripe(TRACKS)).code).toBe('success');
    expect((await printer.printFront(frontPanel())).code).toBe('success');
    expect((await printer.ejectCard()).code).toBe('success');
    // Pick 0.9 s, stripe 1.2 + 2 × 0.3 s, print 4.5 s, eject 0.6 s, plus the wire.
    expect(Date.now() - started).toBeGreaterThan(7_500);
    const card = await sim.control<PrintedCard>('GET', '/cards/last');
    expect(card).toMatchObject({ location: 'atExit', printed: true });
    expect(card.tracks.every((track) => track.valid)).toBe(true);
  }, 40_000);
});
