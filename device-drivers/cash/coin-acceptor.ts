import type { CoinAcceptor, CoinEvent, Denomination } from '../../contracts/devices/cash.ts';
import type { Logger } from '../../platform/log.ts';
import { decodeCoinEventPair } from '../codecs/cctalk/events.ts';
import { COIN_ACCEPTOR, READ_BUFFERED_CREDIT } from '../codecs/cctalk/headers.ts';
import { createBufferedEventAcceptor } from './buffered-event-acceptor.ts';
import { type OpenCashBus, openCcTalkBus } from './cash-bus.ts';
import { applyCoinEvent } from './coin-events.ts';
import {
  CLEAR_COIN_CONDITIONS,
  type CoinAcceptorConditions,
  coinAcceptorStatus,
} from './coin-acceptor-status.ts';
import { createEventEmitter } from './event-emitter.ts';
import { createStatusPublisher } from './status-publisher.ts';

/** The euro coins a kiosk takes (10 c to 2 €) at coin positions 1..5. */
export const EURO_COINS: readonly Denomination[] = [
  { type: 1, value: 10 },
  { type: 2, value: 20 },
  { type: 3, value: 50 },
  { type: 4, value: 100 },
  { type: 5, value: 200 },
];

export interface CoinAcceptorOptions {
  /** Serial device, e.g. `/dev/ttyUSB2` or a simulator's PTY link. */
  path: string;
  /** Coin positions and their values in cents (default: euro coins 10 c..2 € as 1..5). */
  denominations?: readonly Denomination[];
  pollIntervalMs: number;
  commandTimeoutMs: number;
  logger: Logger;
  /** ccTalk address (default 2). */
  address?: number;
  baudRate?: number;
  /** Replaces the real ccTalk bus (tests). */
  openBus?: OpenCashBus;
}

/**
 * Coin acceptor on ccTalk with the simple 8-bit checksum (address 2). Polls 229 for buffered
 * credits and error codes and reports each new one once; inhibits as the bill validator does.
 */
export function createCoinAcceptor(options: CoinAcceptorOptions): CoinAcceptor {
  const { logger } = options;
  const denominations = [...(options.denominations ?? EURO_COINS)];
  const bus = (options.openBus ?? openCcTalkBus)({
    path: options.path,
    mode: 'simple8',
    logger: logger.child('bus'),
    ...(options.baudRate ? { baudRate: options.baudRate } : {}),
  });
  const publisher = createStatusPublisher('coinAcceptor', logger);
  const events = createEventEmitter<CoinEvent>(logger);
  let conditions: CoinAcceptorConditions = { ...CLEAR_COIN_CONDITIONS };

  const report = (event: CoinEvent) => {
    logger.info('coin event', {
      event: event.kind,
      ...('denomination' in event ? { type: event.denomination.type, value: event.denomination.value } : {}),
      ...('reason' in event ? { reason: event.reason } : {}),
      ...('count' in event ? { count: event.count } : {}),
    });
    events.emit(event);
  };

  const core = createBufferedEventAcceptor({
    address: options.address ?? COIN_ACCEPTOR,
    pollHeader: READ_BUFFERED_CREDIT,
    bus,
    publisher,
    pollIntervalMs: options.pollIntervalMs,
    commandTimeoutMs: options.commandTimeoutMs,
    logger,
    knownTypes: denominations.map((d) => d.type),
    upStatus: () => coinAcceptorStatus(conditions),
    onEvents(pairs) {
      for (const pair of pairs) {
        const code = decodeCoinEventPair(pair);
        if (code.kind === 'unknown') logger.warn('unknown coin event', { a: pair.a, b: pair.b });
        const applied = applyCoinEvent(conditions, code, denominations);
        conditions = applied.conditions;
        if (applied.event) report(applied.event);
      }
      core.refreshStatus();
    },
    onEventsLost(count) {
      report({ kind: 'eventsLost', count });
    },
    onPowerUp() {
      conditions = { ...CLEAR_COIN_CONDITIONS };
      core.refreshStatus();
      report({ kind: 'powerUp' });
    },
  });

  return {
    device: 'coinAcceptor',
    denominations: () => denominations.map((d) => ({ ...d })),
    start: () => core.start(),
    async stop() {
      publisher.close();
      events.clear();
      await core.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    onEvent: (listener) => events.on(listener),
    accept: (coins, opts = {}) => core.accept(coins, opts.signal),
    refuse: (opts = {}) => core.refuse(opts.signal),
  };
}
