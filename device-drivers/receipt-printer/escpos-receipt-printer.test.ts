import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../contracts/devices/receipt-printer.ts';
import type { DeviceStatus } from '../../contracts/devices/status.ts';
import { createMemoryLogger } from '../../platform/log.ts';
import type { SerialPortLike } from '../transport/serial-link.ts';
import { createEscposReceiptPrinter } from './escpos-receipt-printer.ts';

const PATH = '/dev/ttyPRINTER';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A printer on the mock binding that answers DLE EOT n with `replies[n]` (none when undefined).
 * Status bytes per Epson's DLE EOT reference: 0x12 idle; n=4 0x1E near end.
 */
function mockPrinter() {
  const replies: Record<number, number | undefined> = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 };
  let writes = 0;
  const openPort = (path: string, baudRate: number): SerialPortLike => {
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    const write = port.write.bind(port) as (
      data: Buffer,
      cb?: (error: Error | null | undefined) => void,
    ) => boolean;
    Object.assign(port, {
      write: (data: Buffer, cb?: (error: Error | null | undefined) => void) => {
        writes++;
        const result = write(data, cb);
        if (data.length === 3 && data[0] === 0x10 && data[1] === 0x04) {
          const reply = replies[data[2]!];
          if (reply !== undefined) {
            setTimeout(() => {
              if (port.port?.isOpen) port.port.emitData(Buffer.from([reply]));
            }, 1);
          }
        }
        return result;
      },
    });
    return port;
  };
  return { replies, openPort, writes: () => writes };
}

let stopPrinter: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopPrinter?.();
  SerialPortMock.binding.reset();
});

function startPrinter(device: ReturnType<typeof mockPrinter>) {
  SerialPortMock.binding.createPort(PATH);
  const printer = createEscposReceiptPrinter({
    path: PATH,
    pollIntervalMs: 20,
    commandTimeoutMs: 50,
    columns: 42,
    logger: createMemoryLogger(),
    openPort: device.openPort,
  });
  stopPrinter = () => printer.stop();
  return printer;
}

describe('ESC/POS receipt printer driver (mock serial port)', () => {
  it('starts online and calls listeners only when the status changes', async () => {
    const device = mockPrinter();
    const printer = startPrinter(device);
    const seen: DeviceStatus[] = [];
    printer.onStatus((status) => seen.push(status));
    await printer.start();
    expect(printer.status()).toMatchObject({
      state: 'online',
      ready: true,
      detail: { paper: 'ok', cover: 'closed' },
    });
    await sleep(150); // several polls with the same answer
    expect(seen).toHaveLength(1);
    device.replies[4] = 0x1e;
    await sleep(100);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ ready: true, detail: { paper: 'nearEnd' } });
    expect(seen[1]!.since >= seen[0]!.since).toBe(true);
  });

  it('maps silence to timeout and garbage to hardwareError in refreshStatus', async () => {
    const device = mockPrinter();
    const printer = startPrinter(device);
    await printer.start();
    device.replies[1] = undefined;
    expect((await printer.refreshStatus()).code).toBe('timeout');
    expect(printer.status()).toMatchObject({ state: 'offline', message: 'no reply' });
    device.replies[1] = 0xff;
    expect((await printer.refreshStatus()).code).toBe('hardwareError');
    expect(printer.status()).toMatchObject({
      state: 'hardwareError',
      message: 'invalid status bytes from printer',
    });
    device.replies[1] = 0x12;
    expect((await printer.refreshStatus()).code).toBe('success');
  });

  it('refuses an invalid document without writing it', async () => {
    const device = mockPrinter();
    const printer = startPrinter(device);
    await printer.start();
    const before = device.writes();
    const result = await printer.print({ language: 'en', lines: [] } as ReceiptDocument);
    expect(result.code).toBe('invalidData');
    expect(device.writes() - before).toBeLessThanOrEqual(4); // at most a poll's status queries
  });

  it('writes nothing and calls nobody after stop', async () => {
    const device = mockPrinter();
    const printer = startPrinter(device);
    let calls = 0;
    printer.onStatus(() => calls++);
    await printer.start();
    await printer.stop();
    const writes = device.writes();
    const callsAtStop = calls;
    await sleep(100);
    expect(device.writes()).toBe(writes);
    expect(calls).toBe(callsAtStop);
    expect((await printer.print({ language: 'en', lines: [{ kind: 'rule' }] })).code).toBe('deviceNotReady');
  });
});
