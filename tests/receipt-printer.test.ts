import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../contracts/devices/receipt-printer.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { PrintedReceipt, SimulatorState } from '../contracts/simulator-control.ts';
import { createEscposReceiptPrinter } from '../device-drivers/receipt-printer/escpos-receipt-printer.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { waitForReady } from '../platform/ready-line.ts';
import { controlRequest } from './support/control-request.ts';

/**
 * The receipt printer end to end: the simulator runs as its own process on a real socat PTY pair,
 * the real driver talks to the host end, faults are injected through the control API.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 100;
const TIMEOUT_MS = 300;
const COLUMNS = 42;
const unique = `${process.pid}-${Date.now()}`;
const hostLink = join(tmpdir(), `ventanilla-rp-host-${unique}`);
const deviceLink = join(tmpdir(), `ventanilla-rp-device-${unique}`);

interface Ready {
  device: string;
  hostPath: string;
  controlUrl: string;
  pid: number;
}

let simulator: ChildProcess;
let ready: Ready;
let simulatorStderr = '';
const logger = createMemoryLogger('receiptPrinter');
const printer = createEscposReceiptPrinter({
  path: hostLink,
  pollIntervalMs: POLL_MS,
  commandTimeoutMs: TIMEOUT_MS,
  columns: COLUMNS,
  logger,
});

const control = <T>(method: string, path: string, body?: unknown): Promise<T> =>
  controlRequest<T>(ready.controlUrl, method, path, body);

function waitForStatus(predicate: (s: DeviceStatus) => boolean, timeoutMs = 3_000): Promise<DeviceStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(printer.status())) return resolve(printer.status());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `status not reached within ${timeoutMs} ms; last: ${JSON.stringify(printer.status())}\n${logger.lines.slice(-12).join('\n')}`,
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

const isReady = (s: DeviceStatus) => s.state === 'online' && s.ready;

/** Live (non-zombie) processes in a process group, read from /proc, as "pid command". */
function liveProcessesInGroup(pgid: number): string[] {
  const pids: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(`${entry} ${command}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

const receipt: ReceiptDocument = {
  language: 'es',
  lines: [
    { kind: 'text', text: 'Banco Ventanilla', align: 'center', bold: true, size: 'double' },
    { kind: 'rule' },
    { kind: 'text', text: 'Depósito en cuenta' },
    { kind: 'text', text: 'Importe: 1.250,00 €', align: 'right' },
    { kind: 'text', text: '¿Dudas? Año 2026, señal' },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: '中文' },
  ],
};

beforeAll(async () => {
  simulator = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [
      'simulators/receipt-printer/main.ts',
      '--host-link',
      hostLink,
      '--device-link',
      deviceLink,
      '--control-port',
      '0',
      '--byte-delay-ms',
      '1',
      '--paper-lines',
      '60',
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  simulator.stderr?.on('data', (chunk: Buffer) => {
    simulatorStderr += chunk.toString('utf8');
  });
  ready = await waitForReady<Ready>(simulator, 15_000, 'receipt printer simulator').catch((error: Error) => {
    throw new Error(`${error.message}\n${simulatorStderr}`);
  });
  expect(ready).toMatchObject({ device: 'receiptPrinter', hostPath: hostLink });
  await printer.start();
});

afterAll(async () => {
  await printer.stop();
  const group = simulator.pid!;
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
  const deadline = Date.now() + 3_000;
  while (liveProcessesInGroup(group).length > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  expect(liveProcessesInGroup(group)).toEqual([]);
  // socat killed with SIGKILL cannot remove its links.
  await rm(hostLink, { force: true });
  await rm(deviceLink, { force: true });
});

describe('receipt printer: driver against the simulator over a socat PTY pair', () => {
  it('comes online and ready', async () => {
    const status = await waitForStatus(isReady);
    expect(status.detail).toEqual({ paper: 'ok', cover: 'closed' });
  });

  it('prints a receipt that reads back line by line, with a PNG of it', async () => {
    const result = await printer.print(receipt);
    expect(result.code).toBe('success');
    const printed = await control<PrintedReceipt>('GET', '/receipts/last');
    // ñ, á, ¿ and € go through PC858; the Chinese line has no glyphs in PC858 and prints as '?'.
    expect(printed.lines).toEqual([
      'Banco Ventanilla',
      '-'.repeat(COLUMNS),
      'Depósito en cuenta',
      'Importe: 1.250,00 €',
      '¿Dudas? Año 2026, señal',
      '',
      '??',
    ]);
    expect(printed).toMatchObject({ complete: true, cut: true });
    if (result.code === 'success') expect(result.value.bytes).toBeGreaterThan(100);

    const png = Buffer.from(await (await fetch(`${ready.controlUrl}/receipts/last.png`)).arrayBuffer());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(2_000);
    expect(png.readUInt32BE(16)).toBeGreaterThan(COLUMNS * 10); // IHDR width
    // The driver logged the job without its text.
    const log = logger.lines.join('\n');
    expect(log).toContain('receipt printed');
    expect(log).not.toContain('Depósito');
  });

  it('prints Chinese in GB18030', async () => {
    const result = await printer.print({ language: 'zh', lines: [{ kind: 'text', text: '存款收据 ¥100' }] });
    expect(result.code).toBe('success');
    expect((await control<PrintedReceipt>('GET', '/receipts/last')).lines).toEqual(['存款收据 ¥100']);
  });

  it('reports a receipt cut short when the roll runs out mid-job, and is ready after a new roll', async () => {
    const long: ReceiptDocument = {
      language: 'en',
      lines: Array.from({ length: 80 }, (_, i) => ({ kind: 'text' as const, text: `Line ${i + 1}` })),
    };
    const result = await printer.print(long);
    expect(result).toMatchObject({ code: 'hardwareError', errorCode: 'paperOutDuringPrint' });
    const printed = await control<PrintedReceipt>('GET', '/receipts/last');
    expect(printed.complete).toBe(false);
    expect(printed.lines.length).toBeGreaterThan(10);
    expect(printed.lines.length).toBeLessThan(80);
    expect(printer.status()).toMatchObject({ ready: false, action: 'clear', detail: { paper: 'out' } });
    const state = await control<SimulatorState>('POST', '/replenish');
    expect(state.supplies.paperLines).toBe(60);
    await waitForStatus(isReady);
  });

  it('paper out: not ready, print refused with deviceNotReady, ready again when cleared', async () => {
    await control('POST', '/faults', { fault: 'paperOut' });
    const status = await waitForStatus((s) => s.detail.paper === 'out');
    expect(status).toMatchObject({ state: 'online', ready: false, action: 'clear' });
    expect((await printer.print(receipt)).code).toBe('deviceNotReady');
    await control('DELETE', '/faults/paperOut');
    await waitForStatus(isReady);
  });

  it('paper near end: still ready, and says so', async () => {
    await control('POST', '/faults', { fault: 'paperNearEnd' });
    const status = await waitForStatus((s) => s.detail.paper === 'nearEnd');
    expect(status.ready).toBe(true);
    await control('DELETE', '/faults/paperNearEnd');
    await waitForStatus((s) => isReady(s) && s.detail.paper === 'ok');
  });

  it('cover open: not ready, print refused, ready again when closed', async () => {
    await control('POST', '/faults', { fault: 'coverOpen' });
    const status = await waitForStatus((s) => s.detail.cover === 'open');
    expect(status).toMatchObject({ state: 'online', ready: false, action: 'clear' });
    const result = await printer.print(receipt);
    expect(result.code).toBe('deviceNotReady');
    await control('DELETE', '/faults/coverOpen');
    await waitForStatus(isReady);
  });

  it('no reply: offline within the command timeout, print times out', async () => {
    await control('POST', '/faults', { fault: 'noReply' });
    const started = Date.now();
    const status = await waitForStatus((s) => s.state === 'offline');
    expect(status.message).toBe('no reply');
    // At most one poll interval plus the status reads in flight, each bounded by the timeout.
    expect(Date.now() - started).toBeLessThan(POLL_MS + 4 * TIMEOUT_MS + 300);
    expect((await printer.print(receipt)).code).toBe('timeout');
    await control('DELETE', '/faults/noReply');
    await waitForStatus(isReady);
  });

  it('garbage: hardwareError, print refused with hardwareError, recovers when cleared', async () => {
    await control('POST', '/faults', { fault: 'garbage' });
    const status = await waitForStatus((s) => s.state === 'hardwareError');
    expect(status).toMatchObject({ ready: false, message: 'invalid status bytes from printer' });
    expect((await printer.print(receipt)).code).toBe('hardwareError');
    await control('DELETE', '/faults/garbage');
    await waitForStatus(isReady);
  });

  it('unplug: offline with the link lost, back online by itself when plugged in again', async () => {
    const state = await control<SimulatorState>('POST', '/faults', { fault: 'unplug' });
    expect(state.plugged).toBe(false);
    const status = await waitForStatus((s) => s.state === 'offline');
    expect(status.message).toBe('link lost');
    expect((await printer.print(receipt)).code).toBe('deviceNotReady');
    const replugged = await control<SimulatorState>('DELETE', '/faults/unplug');
    expect(replugged.plugged).toBe(true);
    await waitForStatus(isReady, 5_000);
    expect((await printer.print(receipt)).code).toBe('success');
  });

  it('simulator killed while socat lives: the driver goes offline', async () => {
    // Everything so far ran without the simulator logging an error.
    expect(simulatorStderr).not.toContain('"level":"error"');
    process.kill(ready.pid, 'SIGKILL');
    const status = await waitForStatus((s) => s.state === 'offline');
    expect(status.message).toBe('no reply');
    // socat still holds the PTY pair: the group keeps it until afterAll kills the group.
    expect(liveProcessesInGroup(simulator.pid!).some((p) => p.endsWith(' socat'))).toBe(true);
  }, 10_000);
});
