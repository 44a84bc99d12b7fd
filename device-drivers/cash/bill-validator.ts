import type { BillEvent, BillValidator, Denomination } from '../../contracts/devices/cash.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import { decodeBillEventPair } from '../codecs/cctalk/events.ts';
import {
  BILL_VALIDATOR,
  READ_BUFFERED_BILL_EVENTS,
  ROUTE_BILL,
  ROUTE_ERROR_ESCROW_EMPTY,
  ROUTE_ERROR_FAILED,
  ROUTE_EXTEND_ESCROW,
  ROUTE_RETURN,
  ROUTE_STACK,
} from '../codecs/cctalk/headers.ts';
import { applyBillEvent } from './bill-events.ts';
import {
  type BillValidatorConditions,
  billValidatorStatus,
  CLEAR_CONDITIONS,
} from './bill-validator-status.ts';
import { createBufferedEventAcceptor } from './buffered-event-acceptor.ts';
import { type OpenCashBus, openCcTalkBus } from './cash-bus.ts';
import { waitForRouteOutcome } from './route-outcome.ts';
import { createEventEmitter } from './event-emitter.ts';
import { createStatusPublisher } from './status-publisher.ts';

/** The euro notes as bill types 1..6, the order most validators are programmed in. */
export const EURO_NOTES: readonly Denomination[] = [
  { type: 1, value: 500 },
  { type: 2, value: 1_000 },
  { type: 3, value: 2_000 },
  { type: 4, value: 5_000 },
  { type: 5, value: 10_000 },
  { type: 6, value: 20_000 },
];

export interface BillValidatorOptions {
  /** Serial device, e.g. `/dev/ttyUSB1` or a simulator's PTY link. */
  path: string;
  /** The validator's bill types and their values in cents (default: euro notes 5..200 as 1..6). */
  denominations?: readonly Denomination[];
  pollIntervalMs: number;
  commandTimeoutMs: number;
  logger: Logger;
  /**
   * While a note waits in escrow, extend the device's escrow timeout (154 with 255) this often, so
   * the customer can take their time to confirm. Off when not given: the caller holds by itself.
   */
  escrowHoldMs?: number;
  /** How long `route()` waits for the stacked or returned event after the device took the command. */
  routeTimeoutMs?: number;
  /** ccTalk address (default 40). */
  address?: number;
  baudRate?: number;
  /** Replaces the real ccTalk bus (tests). */
  openBus?: OpenCashBus;
}

const DEFAULT_ROUTE_TIMEOUT_MS = 10_000;

/**
 * Bill validator on ccTalk with CRC-16 checksums (address 40). Polls 159 for buffered bill
 * events, decodes each new one once and reports it; routes the note in escrow with 154. Logs carry
 * event codes, types and counts; a bill type is not customer data but nothing else is logged.
 */
export function createBillValidator(options: BillValidatorOptions): BillValidator {
  const { logger } = options;
  const denominations = [...(options.denominations ?? EURO_NOTES)];
  const address = options.address ?? BILL_VALIDATOR;
  const routeTimeoutMs = options.routeTimeoutMs ?? DEFAULT_ROUTE_TIMEOUT_MS;
  const bus = (options.openBus ?? openCcTalkBus)({
    path: options.path,
    mode: 'crc16',
    logger: logger.child('bus'),
    ...(options.baudRate ? { baudRate: options.baudRate } : {}),
  });
  const publisher = createStatusPublisher('billValidator', logger);
  const events = createEventEmitter<BillEvent>(logger);
  let conditions: BillValidatorConditions = { ...CLEAR_CONDITIONS };
  let holdTimer: NodeJS.Timeout | null = null;
  const lifetime = new AbortController();

  const report = (event: BillEvent) => {
    logger.info('bill event', {
      event: event.kind,
      ...('denomination' in event ? { type: event.denomination.type, value: event.denomination.value } : {}),
      ...('reason' in event ? { reason: event.reason } : {}),
      ...('count' in event ? { count: event.count } : {}),
    });
    events.emit(event);
  };

  const core = createBufferedEventAcceptor({
    address,
    pollHeader: READ_BUFFERED_BILL_EVENTS,
    bus,
    publisher,
    pollIntervalMs: options.pollIntervalMs,
    commandTimeoutMs: options.commandTimeoutMs,
    logger,
    knownTypes: denominations.map((d) => d.type),
    upStatus: () => billValidatorStatus(conditions),
    onEvents(pairs) {
      for (const pair of pairs) {
        const code = decodeBillEventPair(pair);
        if (code.kind === 'unknown') logger.warn('unknown bill event', { a: pair.a, b: pair.b });
        const applied = applyBillEvent(conditions, code, denominations);
        conditions = applied.conditions;
        if (applied.returnUnknownNote) {
          logger.warn('note of a type not in the table held in escrow; returning it', { type: pair.a });
          void routeCommand(ROUTE_RETURN);
        }
        if (applied.event) report(applied.event);
      }
      updateEscrowHold();
      core.refreshStatus();
    },
    onEventsLost(count) {
      report({ kind: 'eventsLost', count });
    },
    onPowerUp() {
      // The device forgot everything with its power: a note in escrow was returned or is in doubt.
      conditions = { ...CLEAR_CONDITIONS };
      updateEscrowHold();
      core.refreshStatus();
      report({ kind: 'powerUp' });
    },
  });

  /** Sends 154 once (never retried: a second stack after a lost ACK would find escrow empty). */
  const routeCommand = async (code: number, signal?: AbortSignal): Promise<OperationResult<void>> => {
    const outcome = await core.command(ROUTE_BILL, Uint8Array.of(code), {
      retries: 0,
      ...(signal ? { signal } : {}),
    });
    if (!outcome.ok) return outcome.result;
    // Part 2, header 154: an empty ACK is success; one data byte is an error code.
    const error = outcome.data[0];
    if (error === undefined) return succeeded(undefined);
    if (error === ROUTE_ERROR_ESCROW_EMPTY) {
      return failed('sequenceError', 'no note in escrow', 'escrowEmpty');
    }
    if (error === ROUTE_ERROR_FAILED)
      return failed('hardwareError', 'device failed to route the note', 'routeFailed');
    return failed('hardwareError', `route bill error code ${error}`, 'routeError');
  };

  const updateEscrowHold = () => {
    const hold = options.escrowHoldMs;
    if (!hold || core.stopped || !conditions.escrow) {
      if (holdTimer) clearInterval(holdTimer);
      holdTimer = null;
      return;
    }
    if (holdTimer) return;
    holdTimer = setInterval(() => {
      void routeCommand(ROUTE_EXTEND_ESCROW).then((result) => {
        if (result.code !== 'success') logger.warn('escrow hold not taken', { code: result.code });
      });
    }, hold);
  };

  return {
    device: 'billValidator',
    denominations: () => denominations.map((d) => ({ ...d })),
    start: () => core.start(),
    async stop() {
      if (holdTimer) clearInterval(holdTimer);
      holdTimer = null;
      lifetime.abort();
      publisher.close();
      events.clear();
      await core.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    onEvent: (listener) => events.on(listener),
    accept: (types, opts = {}) => core.accept(types, opts.signal),
    refuse: (opts = {}) => core.refuse(opts.signal),
    async route(decision, opts = {}) {
      if (core.stopped) return failed('deviceNotReady', 'bill validator driver stopped');
      const sent = await routeCommand(decision === 'stack' ? ROUTE_STACK : ROUTE_RETURN, opts.signal);
      if (sent.code !== 'success') {
        logger.warn('route not taken', { decision, code: sent.code, errorCode: sent.errorCode });
        return sent;
      }
      // Watch from the ACK on: polls answered before it cannot carry this note's outcome.
      const outcome = waitForRouteOutcome({
        subscribe: events.on,
        decision,
        timeoutMs: routeTimeoutMs,
        stopped: lifetime.signal,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      core.pollSoon();
      const result = await outcome;
      logger.info('route finished', {
        decision,
        code: result.code,
        ...(result.code === 'success' ? { outcome: result.value } : { errorCode: result.errorCode }),
      });
      return result;
    },
    async holdEscrow(opts = {}) {
      if (core.stopped) return failed('deviceNotReady', 'bill validator driver stopped');
      return routeCommand(ROUTE_EXTEND_ESCROW, opts.signal);
    },
  };
}
