import { SerialPort } from 'serialport';
import type { Logger } from '../platform/log.ts';
import { type SocatPair, startSocatPair } from './pty/socat-pair.ts';

export interface SerialDeviceServerOptions {
  hostLink: string;
  deviceLink: string;
  /** Wire time per byte written to the host; 0 sends at once (a PTY passes bytes at any speed). */
  byteDelayMs: number;
  logger: Logger;
  /** Bytes from the host, as they arrive. A throw is logged, never passed on. */
  onData(chunk: Buffer): void;
  /** Called on every plug-in before bytes flow: bytes half-received on the old link belong to nothing. */
  onPlugIn?(): void;
}

export interface SerialDeviceServer {
  readonly plugged: boolean;
  /** A fresh socat pair on the same links, device end opened: the cable plugged in. */
  plugIn(): Promise<void>;
  /** socat dies and the links go: the host's port errors, as when a USB adapter is pulled. */
  unplug(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Queues bytes for the host, written in order, each write after the wire time of its bytes.
   * Resolves once written, or dropped because the cable is out; never rejects.
   */
  send(bytes: Buffer): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The device end of a simulated serial cable: its own socat PTY pair, the device port opened on
 * it, host bytes to `onData`, replies paced like the real baud rate, and plug / unplug.
 */
export function createSerialDeviceServer(options: SerialDeviceServerOptions): SerialDeviceServer {
  const { hostLink, deviceLink, byteDelayMs, logger } = options;
  let pair: SocatPair | null = null;
  let port: SerialPort | null = null;
  let plugged = false;
  let stopping = false;
  let output: Promise<void> = Promise.resolve();

  function send(bytes: Buffer): Promise<void> {
    output = output
      .then(() => (byteDelayMs > 0 ? sleep(bytes.length * byteDelayMs) : undefined))
      .then(
        () =>
          new Promise<void>((resolve) => {
            const current = port;
            if (!current?.isOpen) return resolve();
            // A port that dies mid-write may never call back: do not let one write block the rest.
            const guard = setTimeout(resolve, 1_000);
            current.write(bytes, () => {
              clearTimeout(guard);
              resolve();
            });
          }),
      )
      .catch((error: unknown) => logger.warn('write failed', { error }));
    return output;
  }

  function openDevicePort(path: string): Promise<SerialPort> {
    return new Promise((resolve, reject) => {
      // The baud rate means nothing on a PTY; pacing is done by `send`.
      const opened = new SerialPort({ path, baudRate: 9600, autoOpen: false });
      opened.on('data', (chunk: Buffer) => {
        try {
          options.onData(chunk);
        } catch (error) {
          // The device models do not throw on any input; this is the last guard of "never crash".
          logger.error('device model failed on input', { error, bytes: chunk.length });
        }
      });
      opened.on('error', (error) => logger.warn('device port error', { error }));
      opened.on('close', () => {
        if (!stopping && plugged) logger.warn('device port closed unexpectedly');
      });
      opened.open((error) => (error ? reject(error) : resolve(opened)));
    });
  }

  async function unplug(): Promise<void> {
    plugged = false;
    const oldPort = port;
    port = null;
    const oldPair = pair;
    pair = null;
    await oldPair?.stop();
    if (oldPort?.isOpen) await new Promise<void>((resolve) => oldPort.close(() => resolve()));
    logger.info('unplugged');
  }

  async function plugIn(): Promise<void> {
    if (plugged) return;
    if (pair || port) await unplug();
    const started = await startSocatPair({ hostLink, deviceLink });
    pair = started;
    started.exited.then(() => {
      if (pair === started && plugged && !stopping) {
        logger.warn('socat exited on its own: the device is unplugged');
        plugged = false;
      }
    });
    options.onPlugIn?.();
    port = await openDevicePort(started.devicePath);
    plugged = true;
    logger.info('plugged in', { hostPath: started.hostPath });
  }

  return {
    get plugged() {
      return plugged;
    },
    plugIn,
    unplug,
    async stop() {
      stopping = true;
      await unplug();
    },
    send,
  };
}
