import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type CardPrinter,
  type MonoBitmap,
} from '../../contracts/devices/card-printer.ts';
import type { DeviceStatus } from '../../contracts/devices/status.ts';
import { createMemoryLogger } from '../../platform/log.ts';
import { bankTrack1, bankTrack2 } from '../codecs/magstripe/index.ts';
import { type CardPrinterTimeouts, createCardPrinter } from './card-printer.ts';
import { type FakeCardPrinter, fakeCardPrinter } from './fake-card-printer.ts';

const PATH = '/dev/ttyCARDPRINTER';
const PAN = '4000123412341234';
const TRACKS = {
  track1: bankTrack1({
    pan: PAN,
    expiry: '3012',
    serviceCode: '201',
    discretionary: '0000',
    surname: 'PÉREZ',
    givenNames: 'Ana',
  }),
  track2: bankTrack2({ pan: PAN, expiry: '3012', serviceCode: '201', discretionary: '0000' }),
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** A panel with blank, full and partly inked rows, so every compression case goes out. */
function panel(width = CARD_PANEL_WIDTH, height = CARD_PANEL_HEIGHT): MonoBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let row = 0; row < height; row++) {
    if (row % 3 === 1) data.fill(0xff, row * bytesPerRow, (row + 1) * bytesPerRow);
    if (row % 3 === 2) data.fill(0xa5, row * bytesPerRow, row * bytesPerRow + 40);
  }
  return { width, height, data };
}

let running: CardPrinter | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  SerialPortMock.binding.reset();
});

function startDriver(
  device: FakeCardPrinter,
  options: { pollIntervalMs?: number; timeouts?: Partial<CardPrinterTimeouts> } = {},
) {
  SerialPortMock.binding.createPort(PATH);
  const logger = createMemoryLogger();
  const printer = createCardPrinter({
    path: PATH,
    pollIntervalMs: options.pollIntervalMs ?? 20,
    logger,
    timeouts: { commandMs: 100, mechanicalMs: 200, printMs: 400, ...options.timeouts },
    openPort: device.openPort,
    reopenDelayMs: { initial: 10, max: 40 },
  });
  running = printer;
  return { printer, logger };
}

/** The commands sent, in order, without the status polls' `Rst`/`Rsp`/`Rcp`. */
function jobCommands(device: FakeCardPrinter, from = 0): string[] {
  return device.log
    .slice(from)
    .filter((entry) => entry.startsWith('>'))
    .map((entry) => entry.slice(1));
}

describe('card printer driver: status', () => {
  it('starts online and ready, with supplies and position in the detail', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device);
    await printer.start();
    expect(printer.status()).toMatchObject({
      device: 'cardPrinter',
      state: 'online',
      ready: true,
      action: 'none',
      detail: {
        feederCards: 50,
        ribbonPanels: 500,
        rejectBinCards: 0,
        rejectBinCapacity: 20,
        position: 'none',
        minorStates: 'PRINTER_READY',
      },
    });
    expect(jobCommands(device).slice(0, 3)).toEqual(['Rst', 'Rsp', 'Rcp']);
  });

  it('polls and tells listeners only about changes', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device);
    const seen: DeviceStatus[] = [];
    printer.onStatus((status) => seen.push(status));
    await printer.start();
    await sleep(100);
    expect(seen).toHaveLength(1);
    device.model.coverOpen = true;
    await until(() => printer.status().state === 'userError');
    expect(printer.status()).toMatchObject({ ready: false, action: 'clear', message: 'cover open' });
    device.model.coverOpen = false;
    await until(() => printer.status().ready);
    expect(seen).toHaveLength(3);
  });

  it('is not ready with a card left inside (after a power loss)', async () => {
    const device = fakeCardPrinter();
    device.model.position = 'inPrinter';
    const { printer } = startDriver(device);
    await printer.start();
    expect(printer.status()).toMatchObject({
      state: 'online',
      ready: false,
      detail: { position: 'inPrinter', minorStates: 'INF_CARD_INSIDE' },
    });
  });

  it('maps silence to timeout and offline, garbage to hardwareError, and recovers', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    device.override = () => null;
    const started = Date.now();
    expect(await printer.refreshStatus()).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95); // commandMs, for a read
    expect(printer.status()).toMatchObject({ state: 'offline', ready: false, message: 'no reply' });

    device.override = (command) => (command === 'Rst' ? Buffer.from([0x4f, 0x9c, 0x02, 0xe1]) : undefined);
    expect(await printer.refreshStatus()).toMatchObject({ code: 'hardwareError', errorCode: 'badReply' });
    expect(printer.status()).toMatchObject({ state: 'hardwareError', action: 'maintenance' });

    // Printable but never ended: not silence either.
    device.override = (command) => (command === 'Rst' ? Buffer.from('A') : undefined);
    expect(await printer.refreshStatus()).toMatchObject({ code: 'hardwareError', errorCode: 'badReply' });

    // Printable, CR-ended, but not a status.
    device.override = (command) => (command === 'Rst' ? 'HELLO;WORLD' : undefined);
    expect(await printer.refreshStatus()).toMatchObject({ code: 'hardwareError', errorCode: 'badReply' });

    device.override = () => undefined;
    expect(await printer.refreshStatus()).toMatchObject({ code: 'success', value: { state: 'online' } });
    expect(printer.status().ready).toBe(true);
  });

  it('goes offline when the port is lost, refuses operations, and comes back by itself', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device);
    await printer.start();
    SerialPortMock.binding.reset();
    device.ports.at(-1)!._disconnected(new Error('device disconnected'));
    await until(() => printer.status().state === 'offline');
    expect(printer.status().message).toBe('link lost');
    expect(await printer.pickCard()).toMatchObject({ code: 'deviceNotReady' });
    SerialPortMock.binding.createPort(PATH);
    await until(() => printer.status().state === 'online');
    expect(printer.status().ready).toBe(true);
  });

  it('reads position, counters and supplies from the printer', async () => {
    const device = fakeCardPrinter();
    device.model.counters = { picked: 7, ejected: 5, rejected: 1 };
    device.model.position = 'atExit';
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    const from = device.log.length;
    expect(await printer.readState()).toEqual({
      code: 'success',
      value: {
        position: 'atExit',
        counters: { picked: 7, ejected: 5, rejected: 1 },
        supplies: {
          feederCards: 50,
          feederNearEmpty: false,
          ribbonPanels: 500,
          ribbonLow: false,
          rejectBinCards: 0,
          rejectBinCapacity: 20,
        },
      },
    });
    expect(jobCommands(device, from)).toEqual(['Rcp', 'Rco', 'Rsp']);
  });

  it('writes nothing and calls nobody after stop', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device);
    let calls = 0;
    printer.onStatus(() => calls++);
    await printer.start();
    await printer.stop();
    const bytes = device.written().length;
    const callsAtStop = calls;
    await sleep(80);
    expect(device.written().length).toBe(bytes);
    expect(calls).toBe(callsAtStop);
    expect(await printer.pickCard()).toMatchObject({ code: 'deviceNotReady' });
  });
});

describe('card printer driver: a job', () => {
  it('picks, encodes and verifies, prints, ejects and sees the card taken', async () => {
    const device = fakeCardPrinter();
    const { printer, logger } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    const from = device.log.length;

    expect(await printer.pickCard()).toEqual({
      code: 'success',
      value: expect.objectContaining({
        position: 'inPrinter',
        counters: { picked: 1, ejected: 0, rejected: 0 },
      }),
    });
    expect(await printer.encodeMagstripe(TRACKS)).toEqual({ code: 'success', value: undefined });
    expect(device.model.stripe.get(2)).toBe(TRACKS.track2);
    expect(await printer.printFront(panel())).toEqual({ code: 'success', value: undefined });
    expect(device.model.printed).toBe(1);
    expect(await printer.ejectCard()).toEqual({ code: 'success', value: undefined });
    setTimeout(() => device.take(), 60);
    expect(await printer.waitCardTaken(2_000)).toEqual({ code: 'success', value: undefined });

    const sent = jobCommands(device, from);
    expect(sent.slice(0, 16)).toEqual([
      'Ss',
      'Si',
      'Rcp',
      'Rco',
      'Rsp',
      'Dm',
      'Dm',
      'Smw',
      'Rm',
      'Rm',
      'Sr',
      'Dbc',
      'Sp',
      'Seo',
      'Se',
      'Rcp',
    ]);
    expect(sent.slice(16).every((command) => command === 'Rcp')).toBe(true);
    expect(device.model.counters).toEqual({ picked: 1, ejected: 1, rejected: 0 });

    // No track data and no panel bytes in the logs.
    const logs = logger.lines.join('\n');
    expect(logs).not.toContain(PAN);
    expect(logs).not.toContain('PEREZ');
    expect(logs).not.toMatch(/a5a5|A5A5|165,165/);
    expect(logs).toContain('front printed');
  });

  it('refuses a pick the printer cannot start with the word as errorCode, and picks nothing', async () => {
    const cases: Array<[string, (d: FakeCardPrinter) => void]> = [
      ['FEEDER_EMPTY', (d) => (d.model.feederCards = 0)],
      ['RIBBON_ENDED', (d) => (d.model.ribbonPanels = 0)],
      ['ERR_COVER_OPEN', (d) => (d.model.coverOpen = true)],
    ];
    for (const [word, fault] of cases) {
      const device = fakeCardPrinter();
      const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
      await printer.start();
      fault(device);
      const from = device.log.length;
      expect(await printer.pickCard(), word).toMatchObject({ code: 'deviceNotReady', errorCode: word });
      expect(device.model.counters.picked).toBe(0);
      expect(device.model.inSequence).toBe(false); // the sequence was closed again
      expect(jobCommands(device, from).slice(0, 3)).toEqual(['Ss', 'Si', 'Se']);
      await printer.stop();
      SerialPortMock.binding.reset();
    }
  });

  it('answers canceled without sending anything when the signal has fired', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    const from = device.log.length;
    const signal = AbortSignal.abort();
    expect(await printer.pickCard({ signal })).toMatchObject({ code: 'canceled' });
    expect(await printer.printFront(panel(), { signal })).toMatchObject({ code: 'canceled' });
    expect(await printer.ejectCard({ signal })).toMatchObject({ code: 'canceled' });
    expect(jobCommands(device, from).filter((c) => !['Rst', 'Rsp', 'Rcp'].includes(c))).toEqual([]);
  });

  it('answers sequenceError for a pick with a card already inside', async () => {
    const device = fakeCardPrinter();
    device.model.position = 'inPrinter';
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    expect(await printer.pickCard()).toMatchObject({ code: 'sequenceError', errorCode: 'SEQ' });
  });

  it('reports a jam during the pick as hardwareError and leaves the sequence to the reject', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    device.override = (command) => (command === 'Si' ? 'ERR;ERR_MECHANICAL' : undefined);
    const from = device.log.length;
    expect(await printer.pickCard()).toMatchObject({ code: 'hardwareError', errorCode: 'ERR_MECHANICAL' });
    expect(jobCommands(device, from).slice(0, 2)).toEqual(['Ss', 'Si']);
    expect(jobCommands(device, from)).not.toContain('Se');
  });
});

describe('card printer driver: stripe', () => {
  async function withCard(device = fakeCardPrinter()) {
    const { printer, logger } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    expect((await printer.pickCard()).code).toBe('success');
    return { printer, device, logger };
  }

  it('says ERR_WRITE_MAGNETIC when a track does not read back valid', async () => {
    const { printer, device } = await withCard();
    device.model.corruptNextWrite = true;
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
    });
  });

  it('says ERR_WRITE_MAGNETIC when a track reads back different, and logs no track data', async () => {
    const { printer, device, logger } = await withCard();
    const other = bankTrack2({
      pan: '4000999999999999',
      expiry: '3012',
      serviceCode: '201',
      discretionary: '',
    });
    device.override = (command, args) => (command === 'Rm' && args[0] === '2' ? other : undefined);
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
    });
    expect(logger.lines.join('\n')).not.toContain('4000');
  });

  it('says ERR_WRITE_MAGNETIC when the printer cannot write the stripe', async () => {
    const { printer, device } = await withCard();
    device.override = (command) => (command === 'Smw' ? 'ERR;ERR_WRITE_MAGNETIC' : undefined);
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
    });
  });

  it('refuses incomplete tracks as invalidData without sending them', async () => {
    const { printer, device } = await withCard();
    const from = device.log.length;
    expect(await printer.encodeMagstripe({})).toMatchObject({ code: 'invalidData' });
    expect(await printer.encodeMagstripe({ track2: `;${PAN}=3012201?` })).toMatchObject({
      code: 'invalidData',
    });
    expect(await printer.encodeMagstripe({ track1: `${TRACKS.track1.slice(0, -1)}!` })).toMatchObject({
      code: 'invalidData',
    });
    expect(jobCommands(device, from)).not.toContain('Dm');
  });

  it('answers sequenceError when there is no card to encode', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 10_000 });
    await printer.start();
    expect(await printer.encodeMagstripe(TRACKS)).toMatchObject({ code: 'sequenceError', errorCode: 'SEQ' });
  });
});

describe('card printer driver: front, eject, reject', () => {
  async function withCard(options: { timeouts?: Partial<CardPrinterTimeouts> } = {}) {
    const device = fakeCardPrinter();
    const { printer, logger } = startDriver(device, { pollIntervalMs: 10_000, ...options });
    await printer.start();
    expect((await printer.pickCard()).code).toBe('success');
    return { printer, device, logger };
  }

  it('refuses a panel that is not 1016×648 before sending anything', async () => {
    const { printer, device } = await withCard();
    const from = device.log.length;
    expect(await printer.printFront(panel(1015, 648))).toMatchObject({ code: 'invalidData' });
    expect(await printer.printFront(panel(1016, 640))).toMatchObject({ code: 'invalidData' });
    const short = { ...panel(), data: new Uint8Array(100) };
    expect(await printer.printFront(short)).toMatchObject({ code: 'invalidData' });
    expect(jobCommands(device, from)).toEqual([]);
  });

  it('sends the panel row-compressed as Dbc;k;648;<length>', async () => {
    const { printer, device } = await withCard();
    const before = device.written().length;
    expect((await printer.printFront(panel())).code).toBe('success');
    const sent = device.written().subarray(before).toString('latin1');
    // 216 blank rows (1 byte), 216 full rows (1 byte), 216 rows of 40 bytes (41 bytes).
    expect(sent).toContain(`\x1bDbc;k;648;${216 + 216 + 216 * 41};`);
  });

  it('reports the ribbon ending during the print with its word', async () => {
    const { printer, device } = await withCard();
    device.model.ribbonPanels = 0;
    expect(await printer.printFront(panel())).toMatchObject({
      code: 'deviceNotReady',
      errorCode: 'RIBBON_ENDED',
    });
    await until(() => printer.status().state === 'userError');
    expect(printer.status()).toMatchObject({ action: 'clear', message: 'ribbon ended' });
  });

  it('reports a jam as hardwareError ERR_MECHANICAL and the status asks for maintenance', async () => {
    const { printer, device } = await withCard();
    device.model.jam = true;
    expect(await printer.printFront(panel())).toMatchObject({
      code: 'hardwareError',
      errorCode: 'ERR_MECHANICAL',
    });
    await until(() => printer.status().state === 'hardwareError');
    expect(printer.status()).toMatchObject({ action: 'maintenance', message: 'card jam' });
  });

  it('waits for a print as long as printMs, not the read timeout', async () => {
    const { printer, device } = await withCard({ timeouts: { commandMs: 50, printMs: 400 } });
    device.delays.Sp = 200;
    expect((await printer.printFront(panel())).code).toBe('success');
  });

  it('times out a print that never answers, once, and shows the printer offline', async () => {
    const { printer, device } = await withCard({ timeouts: { printMs: 150 } });
    device.override = (command) => (command === 'Sp' ? null : undefined);
    const from = device.log.length;
    const started = Date.now();
    expect(await printer.printFront(panel())).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(printer.status()).toMatchObject({ state: 'offline', message: 'no reply' });
    expect(jobCommands(device, from).filter((c) => c === 'Sp')).toHaveLength(1);
  });

  it('skips the late reply of a timed-out print instead of taking it for the next command', async () => {
    const { printer, device, logger } = await withCard({ timeouts: { printMs: 100 } });
    device.delays.Sp = 250;
    const from = device.log.length;
    expect(await printer.printFront(panel())).toMatchObject({ code: 'timeout' });
    // Still printing: the resynchronising Rcp times out too, and the reject is not sent.
    expect(await printer.rejectCard()).toMatchObject({ code: 'timeout' });
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    expect(await printer.readState()).toMatchObject({ code: 'success', value: { position: 'none' } });
    expect(jobCommands(device, from)).toEqual([
      'Sr',
      'Dbc',
      'Sp',
      'Rcp',
      'Rcp',
      'Ser',
      'Se',
      'Rcp',
      'Rco',
      'Rsp',
    ]);
    expect(logger.lines.some((line) => line.includes('late replies skipped'))).toBe(true);
  });

  it('reports a reply that is not OK as hardwareError', async () => {
    const { printer, device } = await withCard();
    device.override = (command) => (command === 'Seo' ? 'MAYBE' : undefined);
    expect(await printer.ejectCard()).toMatchObject({ code: 'hardwareError', errorCode: 'badReply' });
  });

  it('maps unknown and protocol words', async () => {
    const { printer, device } = await withCard();
    device.override = (command) => (command === 'Seo' ? 'ERR;ERR_HEAD_TEMP' : undefined);
    expect(await printer.ejectCard()).toMatchObject({ code: 'hardwareError', errorCode: 'ERR_HEAD_TEMP' });
    device.override = (command) => (command === 'Seo' ? 'ERR;CDE' : undefined);
    expect(await printer.ejectCard()).toMatchObject({ code: 'unsupported', errorCode: 'CDE' });
    device.override = (command) => (command === 'Seo' ? 'ERR;PARAM' : undefined);
    expect(await printer.ejectCard()).toMatchObject({ code: 'invalidData', errorCode: 'PARAM' });
  });

  it('rejects a card from inside or from the exit into the bin', async () => {
    const { printer, device } = await withCard();
    const from = device.log.length;
    expect(await printer.rejectCard()).toEqual({ code: 'success', value: undefined });
    expect(jobCommands(device, from)).toEqual(['Ser', 'Se']);
    expect(device.model.counters.rejected).toBe(1);
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.ejectCard()).code).toBe('success');
    expect((await printer.rejectCard()).code).toBe('success');
    expect(device.model).toMatchObject({ position: 'none', rejectBinCards: 2 });
  });

  it('cannot reject into a full bin', async () => {
    const { printer, device } = await withCard();
    device.model.rejectBinCards = 20;
    expect(await printer.rejectCard()).toMatchObject({
      code: 'deviceNotReady',
      errorCode: 'ERR_REJECT_BOX_FULL',
    });
  });

  it('answers sequenceError for an eject with no card', async () => {
    const { printer } = await withCard();
    expect((await printer.rejectCard()).code).toBe('success');
    expect(await printer.ejectCard()).toMatchObject({ code: 'sequenceError', errorCode: 'SEQ' });
  });
});

describe('card printer driver: waiting for the customer', () => {
  async function withCardAtExit() {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 10 });
    await printer.start();
    expect((await printer.pickCard()).code).toBe('success');
    expect((await printer.ejectCard()).code).toBe('success');
    return { printer, device };
  }

  it('times out when the card stays at the exit', async () => {
    const { printer } = await withCardAtExit();
    const started = Date.now();
    expect(await printer.waitCardTaken(120)).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('stops waiting as soon as the signal fires', async () => {
    const { printer } = await withCardAtExit();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const started = Date.now();
    expect(await printer.waitCardTaken(5_000, { signal: controller.signal })).toMatchObject({
      code: 'canceled',
    });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('ends the wait with the failure of a read', async () => {
    const { printer, device } = await withCardAtExit();
    device.override = (command) => (command === 'Rcp' ? null : undefined);
    expect(await printer.waitCardTaken(5_000)).toMatchObject({ code: 'timeout' });
    expect(printer.status().state).toBe('offline');
  });
});

describe('card printer driver: one command group at a time', () => {
  it('never lets a poll or a refresh slip between the commands of an operation', async () => {
    const device = fakeCardPrinter();
    device.replyDelayMs = 3;
    const { printer } = startDriver(device, { pollIntervalMs: 1 });
    await printer.start();
    const from = device.log.length;
    const [picked, refreshed, encoded, printed] = await Promise.all([
      printer.pickCard(),
      printer.refreshStatus(),
      printer.encodeMagstripe(TRACKS),
      printer.printFront(panel()),
    ]);
    expect([picked.code, refreshed.code, encoded.code, printed.code]).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    const entries = device.log.slice(from);
    // One command on the wire at a time: every command is answered before the next goes out.
    entries.forEach((entry, index) => {
      if (index > 0 && entry.startsWith('>')) expect(entries[index - 1]!.startsWith('<')).toBe(true);
    });
    const sent = jobCommands(device, from);
    const group = (first: string, length: number) =>
      sent.slice(sent.indexOf(first), sent.indexOf(first) + length);
    expect(group('Ss', 5)).toEqual(['Ss', 'Si', 'Rcp', 'Rco', 'Rsp']);
    expect(group('Dm', 5)).toEqual(['Dm', 'Dm', 'Smw', 'Rm', 'Rm']);
    expect(group('Sr', 3)).toEqual(['Sr', 'Dbc', 'Sp']);
  });

  it('sends nothing else while a print runs, and polls again after it', async () => {
    const device = fakeCardPrinter();
    const { printer } = startDriver(device, { pollIntervalMs: 5, timeouts: { printMs: 1_000 } });
    await printer.start();
    expect((await printer.pickCard()).code).toBe('success');
    device.delays.Sp = 150;
    const printing = printer.printFront(panel());
    await until(() => device.log.at(-1) === '>Sp');
    const during = device.log.length;
    await sleep(100);
    expect(device.log.length).toBe(during); // nothing but the print's reply is awaited
    expect((await printing).code).toBe('success');
    await until(() => device.log.slice(during).includes('>Rst'));
  });
});
