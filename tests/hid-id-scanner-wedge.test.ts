import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdScanner } from '../contracts/devices/scanners.ts';
import type { SimulatorState, SpecimenDocumentInfo } from '../contracts/simulator-control.ts';
import { createHidWedgeIdScanner } from '../device-drivers/id-scanner/hid-wedge/hid-wedge-id-scanner.ts';
import { SimulatedHidTransport } from '../device-drivers/transport/hid-simulated-transport.ts';
import { createLogger } from '../platform/log.ts';
import { type HidSimulator, startHidSimulator } from './hid-simulator-process.ts';

/**
 * The ID scanner's keyboard-wedge driver against the HID scanner simulator process: the scanner
 * types the specimen's MRZ lines, each ended by Enter, between a configured prefix and suffix.
 */
const logger = createLogger('test.idScanner', { level: 'error' });
const PREFIX = '[MRZ]';
const SUFFIX = '[END]';

let sim: HidSimulator;
let scanner: IdScanner;
let documents: SpecimenDocumentInfo[];

beforeAll(async () => {
  sim = await startHidSimulator({
    device: 'idScanner',
    mode: 'hidWedge',
    extraArgs: ['--report-delay-ms', '1', '--read-ms', '20', '--prefix', PREFIX, '--suffix', SUFFIX],
  });
  scanner = createHidWedgeIdScanner({
    transport: new SimulatedHidTransport({ socketPath: sim.socketPath }),
    logger,
    framing: { prefix: PREFIX, suffix: SUFFIX },
    idleGapMs: 250,
  });
  await scanner.start();
  documents = await sim.control<SpecimenDocumentInfo[]>('GET', '/documents');
});

afterAll(async () => {
  await scanner?.stop();
  await sim?.stop();
});

const scanAfterPlacing = async (documentId: string, timeoutMs = 4_000) => {
  const pending = scanner.scanDocument({ timeoutMs });
  await sim.control<SimulatorState>('POST', '/place', { documentId });
  const result = await pending;
  await sim.control('POST', '/remove');
  return result;
};

const accepted = (id: string) => {
  const info = documents.find((doc) => doc.id === id);
  if (!info || info.expected === 'reject') throw new Error(`${id} is not a readable specimen`);
  return info.expected.accept;
};

describe('ID scanner in keyboard-wedge mode', () => {
  it('is online in hidWedge mode and never signals a document on the glass', () => {
    expect(scanner.mode).toBe('hidWedge');
    expect(scanner.status()).toMatchObject({ state: 'online', detail: { mode: 'hidWedge' } });
    let present = 0;
    scanner.onDocumentPresent(() => present++)();
    expect(present).toBe(0);
  });

  it("returns a passport's two MRZ lines as typed, prefix and suffix removed", async () => {
    expect(accepted('passport-esp')[0]).toBe('P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<');
    expect(await scanAfterPlacing('passport-esp')).toEqual({
      code: 'success',
      value: { kind: 'mrzText', lines: accepted('passport-esp') },
    });
  });

  it("returns an identity card's three lines", async () => {
    const result = await scanAfterPlacing('idcard-esp');
    expect(result).toEqual({ code: 'success', value: { kind: 'mrzText', lines: accepted('idcard-esp') } });
    expect(result.code === 'success' && result.value.kind === 'mrzText' && result.value.lines).toHaveLength(
      3,
    );
  });

  it('calls random typing invalid data', async () => {
    await sim.control('POST', '/faults', { fault: 'randomText' });
    expect((await scanAfterPlacing('passport-chn')).code).toBe('invalidData');
    await sim.control('DELETE', '/faults/randomText');
  });

  it('calls garbage reports invalid data', async () => {
    await sim.control('POST', '/faults', { fault: 'garbage' });
    expect((await scanAfterPlacing('passport-chn')).code).toBe('invalidData');
    await sim.control('DELETE', '/faults/garbage');
  });

  it('times out when the scanner types nothing', async () => {
    await sim.control('POST', '/faults', { fault: 'noReply' });
    expect((await scanAfterPlacing('passport-chn', 600)).code).toBe('timeout');
    await sim.control('DELETE', '/faults/noReply');
  });

  it('times out on a page with no MRZ, and reads the next document', async () => {
    expect((await scanAfterPlacing('blank-page', 600)).code).toBe('timeout');
    expect(await scanAfterPlacing('passport-chn')).toMatchObject({ code: 'success' });
  });
});
