import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { QrScanner, QrScannerMode } from '../contracts/devices/scanners.ts';
import type { SimulatorState } from '../contracts/simulator-control.ts';
import { createQrScanner } from '../device-drivers/qr-scanner/qr-scanner.ts';
import { SimulatedHidTransport } from '../device-drivers/transport/hid-simulated-transport.ts';
import { createLogger } from '../platform/log.ts';
import { type HidSimulator, startHidSimulator } from './hid-simulator-process.ts';

/**
 * The QR scanner driver against the HID scanner simulator as a real process, over the Unix socket,
 * in both modes. Codes are typed at 1 ms a report to keep the file quick.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger('test.qrScanner', { level: 'error' });

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits until the simulator has sent every report of what it was shown. */
async function allSent(sim: HidSimulator): Promise<void> {
  await until(
    async () => (await sim.control<SimulatorState>('GET', '/state')).supplies.sending === false,
    'the reports to go out',
  );
}

describe.each<QrScannerMode>(['hidWedge', 'hidPos'])('QR scanner in %s mode', (mode) => {
  let sim: HidSimulator;
  let scanner: QrScanner;
  const statuses: DeviceStatus[] = [];

  beforeAll(async () => {
    sim = await startHidSimulator({ device: 'qrScanner', mode, extraArgs: ['--report-delay-ms', '1'] });
    scanner = createQrScanner({
      mode,
      transport: new SimulatedHidTransport({ socketPath: sim.socketPath }),
      logger,
      interCharTimeoutMs: 250,
      reopenDelayMs: { initial: 50, max: 200 },
    });
    scanner.onStatus((status) => statuses.push(status));
    await scanner.start();
  });

  afterAll(async () => {
    await scanner?.stop();
    await sim?.stop();
  });

  const read = (timeoutMs = 4_000) => scanner.readCode({ timeoutMs });
  const scan = (text: string) => sim.control<SimulatorState>('POST', '/scan', { text });

  it('is online with its mode', () => {
    expect(scanner.status()).toMatchObject({
      device: 'qrScanner',
      state: 'online',
      ready: true,
      detail: { mode },
    });
  });

  it('reads a code with the characters of an app code', async () => {
    const text = 'VTA1.eyJvIjoiQzEyMyJ9.Zm9v-bar_baz0189';
    const pending = read();
    await scan(text);
    expect(await pending).toEqual({
      code: 'success',
      value: { text, symbology: mode === 'hidPos' ? ']Q1' : null },
    });
  });

  it('reads a long code (many reports)', async () => {
    // In HID POS 1 200 bytes span 22 reports of 56; in wedge mode 400 characters are 800 key reports.
    const length = mode === 'hidPos' ? 1_200 : 400;
    const text = Array.from({ length }, (_, i) => 'ABCdef0123456789-_.'[i % 19]).join('');
    const pending = read(8_000);
    await scan(text);
    const result = await pending;
    expect(result.code).toBe('success');
    expect(result.code === 'success' && result.value.text).toBe(text);
  });

  it('discards a code shown while no read is armed', async () => {
    await scan('NOT-FOR-ANYONE');
    await allSent(sim);
    await sleep(50); // the last reports cross the socket
    expect((await read(300)).code).toBe('timeout');
    const pending = read();
    await scan('NEXT-CUSTOMER');
    expect(await pending).toMatchObject({ code: 'success', value: { text: 'NEXT-CUSTOMER' } });
  });

  it('calls a code cut off before its end invalid data', async () => {
    await sim.control('POST', '/faults', { fault: 'truncated' });
    const pending = read();
    await scan('X'.repeat(150));
    expect((await pending).code).toBe('invalidData');
    await sim.control('DELETE', '/faults/truncated');
  });

  it('takes no code from garbage reports, and reads the next real one', async () => {
    await sim.control('POST', '/faults', { fault: 'garbage' });
    const pending = read(1_500);
    await scan('GARBLED');
    expect((await pending).code).not.toBe('success');
    await sim.control('DELETE', '/faults/garbage');
    await allSent(sim);
    const next = read();
    await scan('CLEAN-AGAIN');
    expect(await next).toMatchObject({ code: 'success', value: { text: 'CLEAN-AGAIN' } });
  });

  it('turns a second host away while one is connected', async () => {
    const second = new SimulatedHidTransport({ socketPath: sim.socketPath });
    const closed = new Promise<string>((resolve) => second.onClose(resolve));
    await second.open();
    expect(await closed).toMatch(/closed the connection/);
    const pending = read();
    await scan('FIRST-HOST-STILL');
    expect(await pending).toMatchObject({ code: 'success', value: { text: 'FIRST-HOST-STILL' } });
  });

  it('goes offline when unplugged, refuses reads meanwhile, and comes back when plugged in', async () => {
    const waiting = read();
    await sim.control('POST', '/faults', { fault: 'unplug' });
    expect((await waiting).code).toBe('deviceNotReady');
    await until(() => scanner.status().state === 'offline', 'offline status');
    expect(scanner.status().detail).toEqual({ mode });
    expect((await read(200)).code).toBe('deviceNotReady');
    await sim.control('DELETE', '/faults/unplug');
    await until(() => scanner.status().state === 'online', 'online status again');
    const pending = read();
    await scan('AFTER-REPLUG');
    expect(await pending).toMatchObject({ code: 'success', value: { text: 'AFTER-REPLUG' } });
    expect(statuses.map((s) => s.state)).toEqual(['online', 'offline', 'online']);
  });
});
