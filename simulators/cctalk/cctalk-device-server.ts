import { SerialPort } from 'serialport';
import type { Logger } from '../../platform/log.ts';
import { type SocatPair, startSocatPair } from '../pty/socat-pair.ts';
import type { CcTalkDeviceModel } from './cctalk-device-model.ts';
import { CcTalkResponder } from './cctalk-responder.ts';

/** 9600 baud, 8N1: ten bits on the wire per byte, about 1.04 ms (ccTalk part 1, "serial data"). */
export const BYTE_TIME_9600_MS = 10_000 / 9600;

export interface CcTalkDeviceServerOptions {
  model: CcTalkDeviceModel;
  hostLink: string;
  deviceLink: string;
  /** Wire time per byte; 0 sends at once (a PTY passes bytes at any speed). */
  byteDelayMs: number;
  logger: Logger;
  now?: () => number;
}

export interface CcTalkDeviceServer {
  readonly plugged: boolean;
  /** A fresh socat pair on the same links, device end opened: the cable plugged in. */
  plugIn(): Promise<void>;
  /** socat dies and the links go: the host's port errors, as when a USB adapter is pulled. */
  unplug(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serves one simulated ccTalk device on the device end of its own socat PTY pair: host bytes go
 * to a `CcTalkResponder`, whose echo and replies go back paced like 9600 baud, in order.
 */
export function createCcTalkDeviceServer(options: CcTalkDeviceServerOptions): CcTalkDeviceServer {
  const { model, hostLink, deviceLink, byteDelayMs, logger } = options;
  const now = options.now ?? Date.now;
  let pair: SocatPair | null = null;
  let port: SerialPort | null = null;
  let plugged = false;
  let stopping = false;
  let responder = new CcTalkResponder(model, now);
  let output: Promise<void> = Promise.resolve();

  function send(bytes: Buffer): void {
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
  }

  function openDevicePort(path: string): Promise<SerialPort> {
    return new Promise((resolve, reject) => {
      const opened = new SerialPort({ path, baudRate: 9600, autoOpen: false });
      opened.on('data', (chunk: Buffer) => {
        try {
          for (const bytes of responder.receive(chunk)) send(bytes);
        } catch (error) {
          // The responder does not throw on any input; this is the last guard of "never crash".
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
    // Bytes half-received before the cable went belong to no frame on the new link.
    responder = new CcTalkResponder(model, now);
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
  };
}
