import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IdScanner } from '../contracts/devices/scanners.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { SimulatorState, SpecimenDocumentInfo } from '../contracts/simulator-control.ts';
import { createSerialImageScanner } from '../device-drivers/id-scanner/serial-image/serial-image-scanner.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { documentById } from '../simulators/documents/catalogue.ts';
import { type SimulatorProcess, startSimulatorProcess } from './support/simulator-process.ts';

/**
 * The serial-image ID scanner driver end to end: the simulator runs as its own process on a real
 * socat PTY pair, the driver talks to the host end, documents and faults come through the
 * simulator's control API.
 */
const DOCUMENT = 'test-pattern';
const AUTO_REMOVE_MS = 150;

function waitForStatus(
  scanner: IdScanner,
  predicate: (status: DeviceStatus) => boolean,
  timeoutMs = 5_000,
): Promise<DeviceStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(scanner.status())) return resolve(scanner.status());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`status not reached in ${timeoutMs} ms; last ${JSON.stringify(scanner.status())}`));
    }, timeoutMs);
    const unsubscribe = scanner.onStatus((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ID scanner (serial image) against its simulator', () => {
  let sim: SimulatorProcess;
  let scanner: IdScanner;
  let expected: Buffer;
  const logger = createMemoryLogger('idScanner');
  const control = <T = SimulatorState>(method: string, path: string, body?: unknown) =>
    sim.control<T>(method, path, body);
  const supplies = async () => (await control('GET', '/state')).supplies;
  const online = () => waitForStatus(scanner, (s) => s.state === 'online' && s.ready);
  const place = () => control('POST', '/place', { documentId: DOCUMENT });
  /** Starts a scan, waits until the scanner is armed, then lays the document down. */
  const scanPlacedWhileArmed = async (timeoutMs = 5_000) => {
    const scan = scanner.scanDocument({ timeoutMs });
    await until(async () => (await supplies()).armed === true);
    await place();
    return scan;
  };

  beforeAll(async () => {
    sim = await startSimulatorProcess('simulators/id-scanner/main.ts', {
      name: 'id-scanner',
      extraArgs: ['--timing', 'fast', '--auto-remove-ms', String(AUTO_REMOVE_MS)],
    });
    const response = await fetch(`${sim.ready.controlUrl}/documents/${DOCUMENT}.png`);
    expected = Buffer.from(await response.arrayBuffer());
    scanner = createSerialImageScanner({
      path: sim.hostLink,
      pollIntervalMs: 50,
      armedPollMs: 100,
      logger,
      timeouts: { commandMs: 300, captureMs: 1_000, chunkMs: 300 },
      reopenDelayMs: { initial: 50, max: 200 },
    });
    await scanner.start();
  });

  afterEach(async () => {
    await control('DELETE', '/faults');
    await control('POST', '/remove');
    await online();
  });

  afterAll(async () => {
    await scanner?.stop();
    await sim?.stopAndVerify();
  });

  it('comes online with an empty glass, and lists what can be laid on it', async () => {
    const status = await online();
    expect(status.detail).toEqual({ documentPresent: false, mode: 'serialImage' });
    const documents = await control<SpecimenDocumentInfo[]>('GET', '/documents');
    expect(documents.map((d) => d.id)).toEqual(
      expect.arrayContaining([DOCUMENT, 'passport-esp', 'idcard-esp:blur']),
    );
    expect(expected.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Several chunks, so the transfer faults have a middle to act on.
    expect(expected.length).toBeGreaterThan(2 * 4096);
  });

  it('scans a document laid down while armed: the same bytes, then the customer takes it back', async () => {
    let announced = 0;
    const off = scanner.onDocumentPresent(() => announced++);
    const result = await scanPlacedWhileArmed();
    off();
    expect(result.code).toBe('success');
    if (result.code !== 'success' || result.value.kind !== 'image') return;
    expect(result.value.mime).toBe('image/png');
    expect(Buffer.from(result.value.image).equals(expected)).toBe(true);
    expect(result.value.transferMs).toBeGreaterThanOrEqual(0);
    expect(announced).toBe(1);
    await until(async () => (await supplies()).document === '');
  });

  it('scans a placed specimen passport: the exact bytes the catalogue renders, as JPEG', async () => {
    const specimen = documentById('passport-esp')!.render();
    const scan = scanner.scanDocument({ timeoutMs: 5_000 });
    await until(async () => (await supplies()).armed === true);
    await control('POST', '/place', { documentId: 'passport-esp' });
    const result = await scan;
    expect(result).toMatchObject({ code: 'success', value: { kind: 'image', mime: specimen.mime } });
    if (result.code === 'success' && result.value.kind === 'image')
      expect(Buffer.from(result.value.image).equals(Buffer.from(specimen.bytes))).toBe(true);
  });

  it('refuses to place a document it does not know', async () => {
    await expect(control('POST', '/place', { documentId: 'no-such-document' })).rejects.toThrow(/404/);
  });

  it('scans a document that was already on the glass when the scan started', async () => {
    await place();
    const result = await scanner.scanDocument({ timeoutMs: 3_000 });
    expect(result.code).toBe('success');
    if (result.code === 'success' && result.value.kind === 'image')
      expect(Buffer.from(result.value.image).equals(expected)).toBe(true);
  });

  it('asks again for a chunk whose checksum fails, then gives up with invalidData', async () => {
    await control('POST', '/faults', { fault: 'badChunkChecksum' });
    const before = Number((await supplies()).chunksSent);
    const result = await scanPlacedWhileArmed();
    expect(result).toMatchObject({ code: 'invalidData', errorCode: 'chunkInvalid' });
    expect(Number((await supplies()).chunksSent) - before).toBe(3);
  });

  it('ends a transfer whose chunks stop coming with timeout', async () => {
    await control('POST', '/faults', { fault: 'truncatedImage' });
    const result = await scanPlacedWhileArmed();
    expect(result).toMatchObject({ code: 'timeout', errorCode: 'chunkTimeout' });
  });

  it('refuses a 50 MB image before asking for a single chunk', async () => {
    await control('POST', '/faults', { fault: 'hugeImage' });
    const before = (await supplies()).chunksSent;
    const result = await scanPlacedWhileArmed();
    expect(result).toMatchObject({ code: 'invalidData', errorCode: 'imageRefused' });
    expect((await supplies()).chunksSent).toBe(before);
  });

  it('skips garbage between frames and still delivers the exact image', async () => {
    await control('POST', '/faults', { fault: 'garbage' });
    const result = await scanPlacedWhileArmed();
    expect(result.code).toBe('success');
    if (result.code === 'success' && result.value.kind === 'image')
      expect(Buffer.from(result.value.image).equals(expected)).toBe(true);
  });

  it('times out when no document comes, and keeps nothing laid down while no scan waited', async () => {
    await place();
    await control('POST', '/remove');
    const result = await scanner.scanDocument({ timeoutMs: 300 });
    expect(result.code).toBe('timeout');
    expect((await supplies()).armed).toBe(false);
  });

  it('is canceled by its signal while waiting, and disarms the scanner', async () => {
    const abort = new AbortController();
    const scan = scanner.scanDocument({ timeoutMs: 5_000, signal: abort.signal });
    await until(async () => (await supplies()).armed === true);
    abort.abort();
    expect((await scan).code).toBe('canceled');
    await until(async () => (await supplies()).armed === false);
  });

  it('goes offline when the scanner stops answering, and back when it answers again', async () => {
    await control('POST', '/faults', { fault: 'noReply' });
    await waitForStatus(scanner, (s) => s.state === 'offline');
    await control('DELETE', '/faults/noReply');
    await online();
  });

  it('goes offline when unplugged, reopens the port when plugged back in, and scans again', async () => {
    await control('POST', '/faults', { fault: 'unplug' });
    await waitForStatus(scanner, (s) => s.state === 'offline');
    expect((await scanner.scanDocument({ timeoutMs: 200 })).code).toBe('deviceNotReady');
    await control('DELETE', '/faults/unplug');
    await online();
    const result = await scanPlacedWhileArmed();
    expect(result.code).toBe('success');
  });
});
