import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { ReceiptPrinterFault } from '../../contracts/simulator-control.ts';
import { createLogger } from '../../platform/log.ts';
import { announceReady, onShutdownSignal } from '../../platform/ready-line.ts';
import { type SimulatorControlHandler, startControlServer } from '../control-server.ts';
import { type SocatPair, startSocatPair } from '../pty/socat-pair.ts';
import { PrinterModel, toPrintedReceipt } from './printer-model.ts';
import { renderReceiptPng } from './render-receipt-png.ts';

/**
 * Receipt printer simulator process:
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any>
 *   [--byte-delay-ms 1] [--paper-lines 400]
 * Creates its own socat PTY pair, speaks ESC/POS on the device end, serves the control API on
 * 127.0.0.1 and announces `VENTANILLA_READY {device, hostPath, controlUrl, pid}`.
 */
const { values } = parseArgs({
  options: {
    'host-link': { type: 'string' },
    'device-link': { type: 'string' },
    'control-port': { type: 'string', default: '0' },
    'byte-delay-ms': { type: 'string', default: '1' },
    'paper-lines': { type: 'string', default: '400' },
  },
  strict: true,
});

function numberArg(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`--${name} must be a number ≥ ${min}, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

const hostLink = values['host-link'];
const deviceLink = values['device-link'];
if (!hostLink || !deviceLink) {
  process.stderr.write(
    'usage: main.ts --host-link <path> --device-link <path> --control-port <n> [--byte-delay-ms 1] [--paper-lines 400]\n',
  );
  process.exit(2);
}
const controlPort = numberArg('control-port', values['control-port'], 0);
// A PTY passes bytes at once whatever the baud rate; 9600 baud is about 1 ms per byte.
const byteDelayMs = numberArg('byte-delay-ms', values['byte-delay-ms'], 0);
const paperLines = numberArg('paper-lines', values['paper-lines'], 1);

const logger = createLogger('simulator.receiptPrinter');
const model = new PrinterModel({ paperCapacity: paperLines });

let pair: SocatPair | null = null;
let devicePort: SerialPort | null = null;
let plugged = false;
let stopping = false;
let replies: Promise<void> = Promise.resolve();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends replies in order, each after the time its bytes would take on the wire. */
function sendReply(bytes: Buffer): void {
  replies = replies
    .then(() => sleep(bytes.length * byteDelayMs))
    .then(
      () =>
        new Promise<void>((resolve) => {
          const port = devicePort;
          if (!port?.isOpen) return resolve();
          // A port that dies mid-write may never call back: do not let one reply block the rest.
          const guard = setTimeout(resolve, 1_000);
          port.write(bytes, () => {
            clearTimeout(guard);
            resolve();
          });
        }),
    )
    .catch((error: unknown) => logger.warn('reply failed', { error }));
}

function openDevicePort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    port.on('data', (chunk: Buffer) => {
      try {
        const reply = model.receive(chunk);
        if (reply.length > 0) sendReply(reply);
      } catch (error) {
        // The model does not throw on any input; this is the last guard of "never crash".
        logger.error('model failed on input', { error, bytes: chunk.length });
      }
    });
    port.on('error', (error) => logger.warn('device port error', { error }));
    port.on('close', () => {
      if (!stopping && plugged) logger.warn('device port closed unexpectedly');
    });
    port.open((error) => {
      if (error) return reject(error);
      // A PTY has no modem lines; failing here is expected and harmless.
      port.set({ dtr: true, rts: true }, () => {});
      resolve(port);
    });
  });
}

/** Plugs the "cable" in: a fresh socat pair on the same link names, device end opened. */
async function plugIn(): Promise<void> {
  if (plugged) return;
  if (pair || devicePort) await unplug();
  const started = await startSocatPair({ hostLink: hostLink!, deviceLink: deviceLink! });
  pair = started;
  started.exited.then(() => {
    if (pair === started && plugged && !stopping) {
      logger.warn('socat exited on its own: the printer is unplugged');
      plugged = false;
    }
  });
  devicePort = await openDevicePort(started.devicePath);
  plugged = true;
  logger.info('plugged in', { hostPath: started.hostPath });
}

/** Pulls the "cable": socat dies, the host's port errors and its path disappears. */
async function unplug(): Promise<void> {
  plugged = false;
  const port = devicePort;
  devicePort = null;
  const old = pair;
  pair = null;
  await old?.stop();
  if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  logger.info('unplugged');
}

function asFault(name: string): ReceiptPrinterFault {
  return ReceiptPrinterFault.parse(name);
}

const handler: SimulatorControlHandler = {
  faults: ReceiptPrinterFault.options,
  state: () => model.state(plugged),
  async injectFault(name) {
    const fault = asFault(name);
    model.injectFault(fault);
    if (fault === 'unplug' && plugged) await unplug();
    logger.info('fault injected', { fault });
    return model.state(plugged);
  },
  async clearFault(name) {
    const fault = asFault(name);
    model.clearFault(fault);
    if (fault === 'unplug') await plugIn();
    logger.info('fault cleared', { fault });
    return model.state(plugged);
  },
  async clearAllFaults() {
    model.clearAllFaults();
    await plugIn();
    return model.state(plugged);
  },
  replenish() {
    model.replenish();
    return model.state(plugged);
  },
  lastReceipt() {
    const receipt = model.lastReceipt();
    return receipt ? toPrintedReceipt(receipt) : null;
  },
  lastReceiptPng() {
    const receipt = model.lastReceipt();
    return receipt ? renderReceiptPng(receipt) : null;
  },
};

async function main(): Promise<void> {
  await plugIn();
  const server = await startControlServer({ handler, port: controlPort, logger: logger.child('control') });
  onShutdownSignal(async () => {
    stopping = true;
    await server.close();
    await unplug();
  });
  announceReady({ device: 'receiptPrinter', hostPath: hostLink, controlUrl: server.url, pid: process.pid });
}

main().catch(async (error: unknown) => {
  logger.error('simulator failed to start', { error });
  await pair?.stop();
  process.exit(1);
});
