import {
  failed,
  type OperationResult,
  succeeded,
  type Unsubscribe,
} from '../../contracts/devices/operation.ts';
import type {
  PrintOutcome,
  ReceiptDocument,
  ReceiptPrinter,
} from '../../contracts/devices/receipt-printer.ts';
import { type DeviceStatus, startingStatus } from '../../contracts/devices/status.ts';
import type { Logger } from '../../platform/log.ts';
import { encodeReceipt } from '../codecs/escpos/encode-receipt.ts';
import {
  createSerialLink,
  LinkAbortedError,
  LinkClosedError,
  LinkTimeoutError,
  type SerialLinkOptions,
} from '../transport/serial-link.ts';
import {
  invalidReplyStatus,
  linkLostStatus,
  noReplyStatus,
  type PrinterStatusCore,
  sinceMoves,
  statusChanged,
  statusFromRealtime,
} from './printer-status.ts';
import { readRealtimeStatus } from './read-realtime-status.ts';

export interface EscposReceiptPrinterOptions {
  /** Serial device, e.g. `/dev/ttyUSB0` or a simulator's PTY link. */
  path: string;
  pollIntervalMs: number;
  /** Timeout of each status query (and the base of a print job's write timeout). */
  commandTimeoutMs: number;
  /** Characters per line at normal size; rules are this wide. */
  columns: number;
  logger: Logger;
  baudRate?: number;
  /** Replaces the real serial port (tests). */
  openPort?: SerialLinkOptions['openPort'];
}

/**
 * Receipt printer over ESC/POS on a serial line. Status comes from polling `DLE EOT`; a print job
 * checks the status first, sends the encoded receipt, then reads the status again, because the
 * paper may run out in the middle of a job.
 *
 * Log lines carry byte counts and status, never receipt text: a receipt can carry customer data.
 */
export function createEscposReceiptPrinter(options: EscposReceiptPrinterOptions): ReceiptPrinter {
  const { logger, commandTimeoutMs, pollIntervalMs, columns } = options;
  const baudRate = options.baudRate ?? 9600;
  const link = createSerialLink({
    path: options.path,
    baudRate,
    logger: logger.child('link'),
    ...(options.openPort ? { openPort: options.openPort } : {}),
  });
  let current: DeviceStatus = startingStatus('receiptPrinter');
  const listeners = new Set<(status: DeviceStatus) => void>();
  let started = false;
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let pollRunning = false;
  /** Print jobs run one after another so each job's before/after status belongs to it. */
  let printChain: Promise<unknown> = Promise.resolve();

  const publish = (next: PrinterStatusCore) => {
    if (stopped || !statusChanged(current, next)) return;
    const since = sinceMoves(current, next) ? new Date().toISOString() : current.since;
    current = { ...next, since };
    const level = next.state === 'online' ? 'info' : 'warn';
    logger[level]('printer status changed', { state: next.state, ready: next.ready, message: next.message });
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch (error) {
        logger.error('status listener failed', { error });
      }
    }
  };

  /** Reads the status from the printer, publishes it and says how the reading went. */
  const readAndPublish = async (signal?: AbortSignal): Promise<OperationResult<DeviceStatus>> => {
    if (stopped) return failed('deviceNotReady', 'printer driver stopped');
    if (link.state !== 'open') {
      publish(linkLostStatus());
      return failed('deviceNotReady', 'printer link lost');
    }
    try {
      const reading = await readRealtimeStatus(link, {
        timeoutMs: commandTimeoutMs,
        ...(signal ? { signal } : {}),
      });
      if (!reading.valid) {
        logger.warn('invalid status bytes', { bytes: Buffer.from(reading.bytes).toString('hex') });
        publish(invalidReplyStatus());
        return failed('hardwareError', 'invalid status bytes from printer');
      }
      publish(statusFromRealtime(reading.status));
      return succeeded(current);
    } catch (error) {
      if (error instanceof LinkAbortedError) return failed('canceled', 'status request canceled');
      if (error instanceof LinkTimeoutError) {
        publish(noReplyStatus());
        return failed('timeout', `printer did not reply within ${commandTimeoutMs} ms`);
      }
      if (error instanceof LinkClosedError) {
        publish(linkLostStatus());
        return failed('deviceNotReady', 'printer link lost');
      }
      logger.error('status read failed', { error });
      return failed('internalError', 'status read failed');
    }
  };

  const schedulePoll = (delayMs: number) => {
    if (stopped) return;
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = setTimeout(() => void runPoll(), delayMs);
  };

  const runPoll = async () => {
    pollTimer = null;
    if (stopped || pollRunning) return;
    pollRunning = true;
    try {
      await readAndPublish();
    } finally {
      pollRunning = false;
    }
    schedulePoll(pollIntervalMs);
  };

  link.onStateChange((state) => {
    if (state === 'closed') publish(linkLostStatus());
    // A reopened port: read the status now rather than at the next tick.
    else if (!pollRunning) schedulePoll(0);
  });

  /** Worst-case time to clock `bytes` out at the line's baud rate (10 bits a byte), with margin. */
  const writeTimeoutMs = (bytes: number) =>
    commandTimeoutMs + Math.ceil(((bytes * 10) / baudRate) * 1000 * 1.5);

  const printJob = async (
    document: ReceiptDocument,
    signal?: AbortSignal,
  ): Promise<OperationResult<PrintOutcome>> => {
    let bytes: Buffer;
    try {
      bytes = encodeReceipt(document, { columns });
    } catch {
      return failed('invalidData', 'receipt document does not match the contract');
    }
    const before = await readAndPublish(signal);
    if (before.code !== 'success') return failed(before.code, `printer not ready: ${before.message}`);
    if (!before.value.ready) {
      return failed('deviceNotReady', `printer not ready: ${before.value.message ?? before.value.state}`);
    }
    try {
      await link.request(bytes, { timeoutMs: writeTimeoutMs(bytes.length), ...(signal ? { signal } : {}) });
    } catch (error) {
      if (error instanceof LinkAbortedError) return failed('canceled', 'print canceled while sending');
      if (error instanceof LinkTimeoutError)
        return failed('timeout', 'printer did not take the receipt in time');
      publish(linkLostStatus());
      return failed('deviceNotReady', 'printer link lost while sending the receipt');
    }
    // The receipt is out of our hands now: check the outcome even if the caller gives up.
    const after = await readAndPublish();
    if (after.code !== 'success') {
      return failed(
        after.code,
        `receipt sent (${bytes.length} bytes) but the printer ${after.message}; it may be incomplete`,
      );
    }
    const status = after.value;
    if (status.detail.paper === 'out') {
      logger.warn('paper ran out during a print job', { bytes: bytes.length });
      return failed(
        'hardwareError',
        'paper ran out while printing; the receipt may be incomplete',
        'paperOutDuringPrint',
      );
    }
    if (status.detail.cover === 'open') {
      return failed(
        'hardwareError',
        'cover opened while printing; the receipt may be incomplete',
        'coverOpenDuringPrint',
      );
    }
    if (status.state === 'hardwareError') {
      return failed('hardwareError', `printer error after printing: ${status.message ?? 'unknown'}`);
    }
    logger.info('receipt printed', {
      bytes: bytes.length,
      lines: document.lines.length,
      language: document.language,
    });
    return succeeded({ bytes: bytes.length });
  };

  return {
    device: 'receiptPrinter',
    async start() {
      if (started || stopped) return;
      started = true;
      await link.start();
      if (link.state !== 'open') {
        publish(linkLostStatus());
        schedulePoll(pollIntervalMs);
        return;
      }
      await runPoll();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      listeners.clear();
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = null;
      await link.stop();
    },
    status: () => current,
    onStatus(listener): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    refreshStatus(opts = {}) {
      return readAndPublish(opts.signal);
    },
    print(document, opts = {}) {
      if (stopped) return Promise.resolve(failed('deviceNotReady', 'printer driver stopped'));
      const job = printChain.then(() => printJob(document, opts.signal));
      printChain = job.catch(() => undefined);
      return job.catch((error: unknown) => {
        logger.error('print job failed', { error });
        return failed('internalError', 'print job failed');
      });
    },
  };
}
