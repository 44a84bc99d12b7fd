import type { CardPrinter } from '../../contracts/devices/card-printer.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import { type LinkCondition, linkStatus } from '../cash/link-status.ts';
import { createPollLoop, startLinkAndPolling } from '../cash/poll-loop.ts';
import { createStatusPublisher } from '../cash/status-publisher.ts';
import { createSerialLink, type SerialLinkOptions } from '../transport/serial-link.ts';
import { createPrinterCommand } from './card-printer-commands.ts';
import * as job from './card-printer-job.ts';
import { createPrinterReads } from './card-printer-readings.ts';
import { type PrinterReading, statusFromReading } from './card-printer-status.ts';
import { type CardPrinterTimeouts, DEFAULT_CARD_PRINTER_TIMEOUTS } from './card-printer-timeouts.ts';
import { createOneAtATime } from './one-at-a-time.ts';
import { waitCardTaken } from './wait-card-taken.ts';

export type { CardPrinterTimeouts } from './card-printer-timeouts.ts';
export { DEFAULT_CARD_PRINTER_TIMEOUTS } from './card-printer-timeouts.ts';

export interface CardPrinterOptions {
  /** Serial device, e.g. `/dev/ttyUSB1` or a simulator's PTY link. */
  path: string;
  /** Status poll (`Rst`, `Rsp`, `Rcp`) interval while no operation runs. */
  pollIntervalMs: number;
  logger: Logger;
  /** Per-command timeouts; missing ones take DEFAULT_CARD_PRINTER_TIMEOUTS. */
  timeouts?: Partial<CardPrinterTimeouts>;
  /** Default 115 200, the printer's line speed (docs/card-printer-protocol.md, "Simulator"). */
  baudRate?: number;
  /** How often `waitCardTaken` asks where the card is (default 200 ms: the screen follows the customer). */
  cardTakenPollMs?: number;
  /** Replaces the real serial port (tests). */
  openPort?: SerialLinkOptions['openPort'];
  /** Delay before reopening a lost port (see serial-link.ts). */
  reopenDelayMs?: SerialLinkOptions['reopenDelayMs'];
}

/**
 * Card printer with stripe encoder over the Evolis-style escape protocol
 * (docs/card-printer-protocol.md), for the duties listed in contracts/devices/card-printer.ts.
 *
 * Every operation and every status poll runs as one uninterrupted group of commands, one group at
 * a time; polls are skipped while an operation runs or waits. Status: `offline` while the port is
 * gone or the printer silent, `hardwareError` while its replies make no sense, otherwise what its
 * `Rst` minors say (card-printer-status.ts).
 */
export function createCardPrinter(options: CardPrinterOptions): CardPrinter {
  const { logger, pollIntervalMs } = options;
  const timeouts: CardPrinterTimeouts = { ...DEFAULT_CARD_PRINTER_TIMEOUTS, ...options.timeouts };
  const baudRate = options.baudRate ?? 115_200;
  const link = createSerialLink({
    path: options.path,
    baudRate,
    logger: logger.child('link'),
    ...(options.openPort ? { openPort: options.openPort } : {}),
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
  });
  const publisher = createStatusPublisher('cardPrinter', logger);
  const oneAtATime = createOneAtATime();
  let condition: LinkCondition = 'starting';
  let reading: PrinterReading | null = null;
  let started = false;
  let stopped = false;
  /** Operations running or waiting (including `waitCardTaken`): status polls hold off meanwhile. */
  let operations = 0;

  const publishStatus = () => {
    if (condition !== 'up') publisher.publish(linkStatus(condition));
    else if (reading) publisher.publish(statusFromReading(reading));
  };

  const setCondition = (next: LinkCondition) => {
    if (stopped || condition === next) return;
    condition = next;
    publishStatus();
  };

  const command = createPrinterCommand({
    link,
    logger,
    isStopped: () => stopped,
    onLinkFailure: setCondition,
    resyncTimeoutMs: timeouts.commandMs,
  });
  const onBadReply = () => setCondition('badReply');
  const reads = createPrinterReads(command, timeouts.commandMs, onBadReply);
  const context: job.JobContext = { command, reads, timeouts, baudRate, logger, onBadReply };

  const readAndPublish = async (signal?: AbortSignal) => {
    const result = await reads.reading(signal);
    if (result.code !== 'success') return result;
    reading = result.value;
    condition = 'up';
    publishStatus();
    return succeeded(publisher.current());
  };

  const loop = createPollLoop(pollIntervalMs, async () => {
    if (operations > 0 || stopped) return;
    await oneAtATime.run(() => readAndPublish());
  });

  link.onStateChange((state) => {
    if (state === 'closed') setCondition('linkClosed');
    else loop.pollSoon();
  });

  /**
   * Runs `task` alone on the link (a `shared` task takes turns itself, command group by command
   * group); a failure is followed by a poll so the status shows its cause.
   */
  const operation = async <T>(
    name: string,
    task: () => Promise<OperationResult<T>>,
    turns: 'alone' | 'shared' = 'alone',
  ): Promise<OperationResult<T>> => {
    if (stopped) return failed('deviceNotReady', 'printer driver stopped');
    operations++;
    let result: OperationResult<T>;
    try {
      result = await (turns === 'alone' ? oneAtATime.run(task) : task());
    } catch (error) {
      logger.error('operation failed', { operation: name, error });
      result = failed('internalError', `${name} failed`);
    } finally {
      operations--;
    }
    if (result.code !== 'success') {
      logger.warn('operation did not succeed', {
        operation: name,
        code: result.code,
        errorCode: result.errorCode,
      });
      loop.pollSoon();
    }
    return result;
  };

  return {
    device: 'cardPrinter',
    async start() {
      if (started || stopped) return;
      started = true;
      await startLinkAndPolling(link, loop, () => setCondition('linkClosed'));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      loop.stop();
      publisher.close();
      await link.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    refreshStatus: (opts = {}) => operation('refreshStatus', () => readAndPublish(opts.signal)),
    readState: (opts = {}) => operation('readState', () => reads.state(opts.signal)),
    pickCard: (opts = {}) => operation('pickCard', () => job.pickCard(context, opts.signal)),
    encodeMagstripe: (tracks, opts = {}) =>
      operation('encodeMagstripe', () => job.encodeMagstripe(context, tracks, opts.signal)),
    printFront: (panel, opts = {}) =>
      operation('printFront', () => job.printFront(context, panel, opts.signal)),
    ejectCard: (opts = {}) => operation('ejectCard', () => job.ejectCard(context, opts.signal)),
    rejectCard: (opts = {}) => operation('rejectCard', () => job.rejectCard(context, opts.signal)),
    // The wait can last minutes: between its `Rcp` reads other calls (a refresh) get their turn.
    waitCardTaken: (timeoutMs, opts = {}) =>
      operation(
        'waitCardTaken',
        () =>
          waitCardTaken(() => oneAtATime.run(() => reads.position()), {
            timeoutMs,
            intervalMs: options.cardTakenPollMs ?? 200,
            ...(opts.signal ? { signal: opts.signal } : {}),
          }),
        'shared',
      ),
  };
}
