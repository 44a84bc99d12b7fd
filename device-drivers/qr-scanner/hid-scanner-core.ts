import { failed, type OperationResult, type Unsubscribe } from '../../contracts/devices/operation.ts';
import type { DeviceId, DeviceStatus } from '../../contracts/devices/status.ts';
import type { Logger } from '../../platform/log.ts';
import { createStatusPublisher } from '../cash/status-publisher.ts';
import { createHidLink, type HidLinkOptions } from '../transport/hid-link.ts';
import type { HidTransport } from '../transport/hid-transport.ts';
import { ArmedRead } from './armed-read.ts';

/** Turns reports into inputs for the armed read; kept running whether a read is armed or not. */
export interface ReportReader {
  push(report: Uint8Array): void;
  reset(): void;
}

export interface HidScannerCoreOptions<T> {
  device: Extract<DeviceId, 'qrScanner' | 'idScanner'>;
  mode: string;
  /** What a read waits for, in messages ("code", "document"). */
  what: string;
  transport: HidTransport;
  logger: Logger;
  reopenDelayMs?: HidLinkOptions['reopenDelayMs'];
  makeReader(reads: ArmedRead<T>): ReportReader;
}

export interface HidScannerCore<T> {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  read(options: { timeoutMs: number; signal?: AbortSignal }): Promise<OperationResult<T>>;
}

/**
 * What a HID scanner driver does whatever it reads: keeps the device open (reopened with backoff
 * when unplugged), publishes `online`/`offline` with `{ mode }` in the detail, runs the reader on
 * every report, and arms one read at a time. A read armed while the device is gone, or waiting
 * when it goes, resolves `deviceNotReady`.
 */
export function createHidScannerCore<T>(options: HidScannerCoreOptions<T>): HidScannerCore<T> {
  const { logger, device, mode, what } = options;
  const link = createHidLink({
    transport: options.transport,
    logger: logger.child('link'),
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
  });
  const publisher = createStatusPublisher(device, logger);
  const reads = new ArmedRead<T>();
  const reader = options.makeReader(reads);
  let started = false;
  let stopped = false;

  const publish = () => {
    const detail = { mode };
    if (link.state === 'open') {
      publisher.publish({ state: 'online', ready: true, detail, action: 'none', message: null });
    } else if (link.state === 'closed') {
      publisher.publish({
        state: 'offline',
        ready: false,
        detail,
        action: 'none',
        message: `scanner not connected: ${link.closedReason ?? 'unknown reason'}`.slice(0, 300),
      });
    }
  };

  link.onReport((report) => {
    try {
      reader.push(report);
    } catch (error) {
      // The codecs do not throw on any input; this is a bug, not a device fault.
      logger.error('report reader failed', { error });
      reader.reset();
    }
  });
  link.onStateChange((state) => {
    if (state !== 'open') {
      reader.reset();
      reads.abandon(failed('deviceNotReady', `${what} scanner disconnected`));
    }
    if (!stopped) publish();
  });

  return {
    async start() {
      if (started || stopped) return;
      started = true;
      await link.start();
      publish();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      reads.abandon(failed('deviceNotReady', `${what} scanner driver stopped`));
      reader.reset();
      publisher.close();
      await link.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    read({ timeoutMs, signal }) {
      if (stopped || !started)
        return Promise.resolve(failed('deviceNotReady', `${what} scanner not started`));
      if (link.state !== 'open')
        return Promise.resolve(failed('deviceNotReady', `${what} scanner not connected`));
      return reads.arm(timeoutMs, signal, what);
    },
  };
}
