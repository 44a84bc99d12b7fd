import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PANEL_HEIGHT, CARD_PANEL_WIDTH } from '../contracts/devices/card-printer.ts';
import type { PrintedCard, SimulatorState } from '../contracts/simulator-control.ts';
import { encodeCommand, encodeKPanelDownload } from '../device-drivers/codecs/evolis/command-encoder.ts';
import { EvolisReplyDecoder } from '../device-drivers/codecs/evolis/reply.ts';
import { bankTrack1, bankTrack2 } from '../device-drivers/codecs/magstripe/bank-format.ts';
import { FAST_TIMINGS } from '../simulators/card-printer/card-printer-timings.ts';
import {
  liveProcessesInGroup,
  type SimulatorProcess,
  startSimulatorProcess,
} from './support/simulator-process.ts';

/**
 * The card printer simulator as a real process on a real socat PTY pair, spoken to as a raw host
 * would: command bytes from the Evolis codec, reply lines read back with its reply decoder.
 */
const ENTRY = 'simulators/card-printer/main.ts';
const FAST = ['--timing', 'fast', '--byte-delay-ms', '0'];

const fields = { pan: '4000001234567899', expiry: '2512', serviceCode: '201', discretionary: '123' };
const TRACK1 = bankTrack1({ ...fields, surname: 'García', givenNames: 'Ana' });
const TRACK2 = bankTrack2(fields);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A host on the host end of the pair with nothing but serialport and the codec. */
class RawHost {
  private lines: string[] = [];
  private readonly decoder = new EvolisReplyDecoder();

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.lines.push(...this.decoder.push(chunk)));
  }

  static open(path: string): Promise<RawHost> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
      port.on('error', () => {});
      port.open((error) => (error ? reject(error) : resolve(new RawHost(port))));
    });
  }

  /** Writes the bytes; resolves with the reply line, or null when none came within `timeoutMs`. */
  async request(bytes: Buffer, timeoutMs = 1_000): Promise<string | null> {
    this.lines = [];
    await new Promise<void>((resolve, reject) => this.port.write(bytes, (e) => (e ? reject(e) : resolve())));
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0 && Date.now() < deadline) await sleep(2);
    return this.lines.shift() ?? null;
  }

  send(command: string, ...args: (string | number)[]): Promise<string | null> {
    return this.request(encodeCommand(command, args));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

/** A panel with a 200 × 40 px block of ink in the middle of the card. */
function panel() {
  const bytesPerRow = CARD_PANEL_WIDTH / 8;
  const data = new Uint8Array(bytesPerRow * CARD_PANEL_HEIGHT);
  for (let y = 300; y < 340; y++) data.fill(0xff, y * bytesPerRow + 50, y * bytesPerRow + 75);
  return { width: CARD_PANEL_WIDTH, height: CARD_PANEL_HEIGHT, data };
}

let sim: SimulatorProcess;
let host: RawHost;

beforeAll(async () => {
  sim = await startSimulatorProcess(ENTRY, { name: 'cp', extraArgs: [...FAST, '--cards', '10'] });
  host = await RawHost.open(sim.ready.hostPath);
});

afterAll(async () => {
  await host?.close();
  await sim?.stopAndVerify();
});

describe('card printer simulator process', () => {
  it('announces itself and serves its state', async () => {
    expect(sim.ready).toMatchObject({ device: 'cardPrinter', hostPath: sim.hostLink });
    const state = await sim.control<SimulatorState>('GET', '/state');
    expect(state).toMatchObject({ device: 'cardPrinter', plugged: true, faults: [] });
    expect(state.supplies).toMatchObject({
      feederCards: 10,
      ribbonPanels: 200,
      position: 'none',
      lastCardId: 0,
    });
    expect(await host.send('Rst')).toBe('READY;PRINTER_READY');
  });

  it('runs a whole job over the wire; the customer takes the card through the control API', async () => {
    const started = Date.now();
    expect(await host.send('Ss')).toBe('OK');
    expect(await host.send('Si')).toBe('OK');
    expect(await host.send('Dm', 1, TRACK1)).toBe('OK');
    expect(await host.send('Dm', 2, TRACK2)).toBe('OK');
    expect(await host.send('Smw')).toBe('OK');
    expect(await host.send('Rm', 1)).toBe(TRACK1);
    expect(await host.send('Rm', 2)).toBe(TRACK2);
    expect(await host.send('Sr')).toBe('OK');
    expect(await host.request(encodeKPanelDownload(panel()))).toBe('OK');
    expect(await host.send('Sp')).toBe('OK');
    expect(await host.send('Seo')).toBe('OK');
    expect(await host.send('Se')).toBe('OK');
    // Each reply waited for its mechanical step.
    const { pick, writeStripe, readTrack, print, eject } = FAST_TIMINGS;
    const mechanics = pick + writeStripe + 2 * readTrack + print + eject;
    expect(Date.now() - started).toBeGreaterThanOrEqual(mechanics);
    expect(await host.send('Rcp')).toBe('atExit');

    const taken = await sim.control<SimulatorState>('POST', '/take');
    expect(taken.supplies).toMatchObject({
      position: 'none',
      picked: 1,
      ejected: 1,
      rejected: 0,
      lastCardId: 1,
    });
    expect((await fetch(`${sim.ready.controlUrl}/take`, { method: 'POST' })).status).toBe(409);
    expect(await host.send('Rcp')).toBe('none');
    expect(await host.send('Rco')).toBe('1;1;0');
    expect(await host.send('Rsp')).toBe('9;0;199;0;0;20');

    const card = await sim.control<PrintedCard>('GET', '/cards/last');
    expect(card).toMatchObject({ id: 1, location: 'taken', printed: true });
    expect(card.tracks).toEqual([
      { track: 1, valid: true, masked: '%B400000******7899^GARCIA/ANA^2512201123?-' },
      { track: 2, valid: true, masked: ';400000******7899=2512201123?2' },
    ]);
    expect(card.mechanicalMs).toBe(mechanics);

    const png = await fetch(`${sim.ready.controlUrl}/cards/last.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1016, 648]);
  });

  it('a corrupt stripe write fails its read-back; the card goes to the reject bin', async () => {
    await sim.control('POST', '/faults', { fault: 'encodingFailure' });
    expect(await host.send('Ss')).toBe('OK');
    expect(await host.send('Si')).toBe('OK');
    expect(await host.send('Dm', 2, TRACK2)).toBe('OK');
    expect(await host.send('Smw')).toBe('OK');
    expect(await host.send('Rm', 2)).toBe('ERR;ERR_READ_MAGNETIC');
    expect(await host.send('Ser')).toBe('OK');
    expect(await host.send('Se')).toBe('OK');
    const card = await sim.control<PrintedCard>('GET', '/cards/last');
    expect(card).toMatchObject({
      id: 2,
      location: 'rejectBin',
      printed: false,
      tracks: [{ track: 2, valid: false }],
    });
    expect(await host.send('Rco')).toBe('2;1;1');
  });

  it('noReply leaves the host without an answer until cleared', async () => {
    await sim.control('POST', '/faults', { fault: 'noReply' });
    expect(await host.request(encodeCommand('Rst'), 300)).toBeNull();
    await sim.control('DELETE', '/faults/noReply');
    expect(await host.send('Rst')).toBe('READY;PRINTER_READY');
  });

  it('unplug removes the port; clearing it brings a working port back', async () => {
    await sim.control('POST', '/faults', { fault: 'unplug' });
    expect(existsSync(sim.hostLink)).toBe(false);
    expect((await sim.control<SimulatorState>('GET', '/state')).plugged).toBe(false);
    await host.close();
    await sim.control('DELETE', '/faults');
    host = await RawHost.open(sim.ready.hostPath);
    expect(await host.send('Rst')).toBe('READY;PRINTER_READY');
  });

  it('answers a broken line with ERR;CDE and goes on', async () => {
    expect(await host.request(Buffer.from('\x00\x00\x1b1x\r', 'latin1'))).toBe('ERR;CDE');
    expect(await host.send('Rcp')).toBe('none');
  });
});

describe('card printer simulator with --auto-take-ms', () => {
  it('the customer takes the card by themselves', async () => {
    const auto = await startSimulatorProcess(ENTRY, {
      name: 'cp-auto',
      extraArgs: [...FAST, '--auto-take-ms', '50'],
    });
    const autoHost = await RawHost.open(auto.ready.hostPath);
    try {
      expect(await autoHost.send('Si')).toBe('OK');
      expect(await autoHost.send('Seo')).toBe('OK');
      const deadline = Date.now() + 2_000;
      while ((await autoHost.send('Rcp')) !== 'none' && Date.now() < deadline) await sleep(10);
      expect(await autoHost.send('Rcp')).toBe('none');
      expect((await auto.control<PrintedCard>('GET', '/cards/last')).location).toBe('taken');
    } finally {
      await autoHost.close();
      await auto.stopAndVerify();
    }
  });
});

describe('card printer simulator lifetime', () => {
  it('SIGTERM stops socat and exits 0, leaving no process and no link', async () => {
    await host.close();
    expect(sim.stderr()).not.toContain('"level":"error"');
    const exited = new Promise<number | null>((resolve) => sim.child.once('exit', (code) => resolve(code)));
    process.kill(sim.ready.pid, 'SIGTERM');
    expect(await exited).toBe(0);
    const deadline = Date.now() + 2_000;
    while (liveProcessesInGroup(sim.child.pid!).length > 0 && Date.now() < deadline) await sleep(20);
    expect(liveProcessesInGroup(sim.child.pid!)).toEqual([]);
    expect(existsSync(sim.hostLink)).toBe(false);
    expect(existsSync(sim.deviceLink)).toBe(false);
  });
});
