import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import { countNewEvents, parseBufferedEvents } from '../codecs/cctalk/events.ts';
import { MODIFY_INHIBIT_STATUS, MODIFY_MASTER_INHIBIT } from '../codecs/cctalk/headers.ts';
import type { CashBus } from './cash-bus.ts';
import { inhibitMask, MASTER_ENABLED, MASTER_INHIBITED } from './inhibit-mask.ts';
import { type LinkCondition, linkStatus } from './link-status.ts';
import { createPollLoop } from './poll-loop.ts';
import { type CommandOutcome, createDriverCommand } from './send-command.ts';
import type { StatusCore, StatusPublisher } from './status-publisher.ts';

/** One buffered event as the device sent it: `a` a bill type / coin position, or 0 and `b` a status. */
export interface RawEvent {
  a: number;
  b: number;
}

export interface BufferedEventAcceptorOptions {
  address: number;
  /** 159 read buffered bill events, or 229 read buffered credit or error codes. */
  pollHeader: number;
  bus: CashBus;
  publisher: StatusPublisher;
  pollIntervalMs: number;
  commandTimeoutMs: number;
  logger: Logger;
  /** Types the device may be told to accept (its configured denominations). */
  knownTypes: readonly number[];
  /** New events of one poll, oldest first, each exactly once. */
  onEvents(events: RawEvent[]): void;
  onEventsLost(count: number): void;
  /** Called once the device's inhibits are restored after it lost power. */
  onPowerUp(): void;
  /** The status to publish while the link is up: the device's own conditions decide it. */
  upStatus(): StatusCore;
}

export interface BufferedEventAcceptor {
  start(): Promise<void>;
  stop(): Promise<void>;
  command(
    header: number,
    data?: Uint8Array,
    options?: { signal?: AbortSignal; retries?: number },
  ): Promise<CommandOutcome>;
  accept(types: number[], signal?: AbortSignal): Promise<OperationResult<void>>;
  refuse(signal?: AbortSignal): Promise<OperationResult<void>>;
  /** Publishes the status again after the driver's own conditions changed. */
  refreshStatus(): void;
  pollSoon(): void;
  readonly stopped: boolean;
}

/**
 * What a bill validator and a coin acceptor share on ccTalk: polling a buffered event queue, the
 * event counter, the inhibits, and how the link is going.
 *
 * Event counter (part 2, headers 159 and 229; part 3 on buffered credits): 0 only after power-up
 * or reset, then 1..255 and on to 1 again. The driver decodes only the events the counter says are
 * new; it says how many were lost when more happened than the five the reply holds; a counter back
 * at 0 means the device lost power and came back with every coin or note inhibited, so the last
 * inhibits the caller asked for are sent again before anything else.
 */
export function createBufferedEventAcceptor(options: BufferedEventAcceptorOptions): BufferedEventAcceptor {
  const { bus, publisher, logger, address, commandTimeoutMs } = options;
  let link: LinkCondition = 'starting';
  /**
   * Kept across a lost link on purpose: a device that lost power shows it with a counter at 0,
   * and one that did not continues where it was, so no event is reported twice or missed.
   */
  let lastCounter: number | null = null;
  /** What the caller asked for last: the types to accept, or null for all inhibited. */
  let wanted: number[] | null = null;
  /** Inhibit commands run one after another, so the last one asked for is the one in force. */
  let inhibitChain: Promise<unknown> = Promise.resolve();
  /** The device powered up and its inhibits are not restored yet (survives a lost link meanwhile). */
  let restorePending = false;
  let started = false;
  let stopped = false;

  const publishStatus = () => publisher.publish(link === 'up' ? options.upStatus() : linkStatus(link));

  const setLink = (next: LinkCondition) => {
    if (stopped || link === next) return;
    link = next;
    publishStatus();
  };

  const command = createDriverCommand({
    bus,
    address,
    commandTimeoutMs,
    isStopped: () => stopped,
    onLinkFailure: (failure) => setLink(failure),
  });

  const sendInhibits = async (
    types: number[] | null,
    signal?: AbortSignal,
  ): Promise<OperationResult<void>> => {
    if (types === null) {
      // Master inhibit first: it stops acceptance at once, whatever the mask says.
      const master = await command(MODIFY_MASTER_INHIBIT, MASTER_INHIBITED, signal ? { signal } : {});
      if (!master.ok) return master.result;
      const mask = await command(MODIFY_INHIBIT_STATUS, Uint8Array.of(0, 0), signal ? { signal } : {});
      return mask.ok ? succeeded(undefined) : mask.result;
    }
    const data = inhibitMask(types);
    if (!data) return failed('invalidData', 'type outside 1..16');
    const mask = await command(MODIFY_INHIBIT_STATUS, data, signal ? { signal } : {});
    if (!mask.ok) return mask.result;
    const master = await command(MODIFY_MASTER_INHIBIT, MASTER_ENABLED, signal ? { signal } : {});
    return master.ok ? succeeded(undefined) : master.result;
  };

  const queueInhibits = (signal?: AbortSignal): Promise<OperationResult<void>> => {
    const run = inhibitChain.then(() => sendInhibits(wanted, signal));
    inhibitChain = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      logger.error('inhibit command failed', { error });
      return failed('internalError', 'inhibit command failed');
    });
  };

  const powerUp = async () => {
    logger.warn('device powered up: event counter back at 0', { inhibitsToRestore: wanted?.length ?? 0 });
    restorePending = true;
    setLink('restarting');
    // The device comes back with everything inhibited (part 2, header 228); restore the caller's wish.
    if (wanted !== null) {
      const restored = await queueInhibits();
      if (restored.code !== 'success') {
        logger.warn('inhibits not restored after power-up', { code: restored.code });
        return; // Still pending: the next answered poll tries again.
      }
    }
    restorePending = false;
    setLink('up');
    options.onPowerUp();
  };

  const poll = async () => {
    // A poll changes nothing on the device, so part 1 allows asking again after no reply.
    const outcome = await command(options.pollHeader, undefined, { retries: 1 });
    if (!outcome.ok) {
      if (outcome.failure === 'nak') setLink('refused');
      return;
    }
    let parsed: ReturnType<typeof parseBufferedEvents>;
    try {
      parsed = parseBufferedEvents(outcome.data);
    } catch {
      logger.warn('buffered events reply does not fit', { bytes: outcome.data.length });
      setLink('badReply');
      return;
    }
    if (lastCounter === null) {
      // First reply since start: what is in the buffer happened before us and is not reported.
      lastCounter = parsed.counter;
      logger.info('event counter read', { counter: parsed.counter });
      if (wanted === null) await queueInhibits();
      setLink('up');
      return;
    }
    const counted = countNewEvents(lastCounter, parsed.counter);
    lastCounter = parsed.counter;
    if (counted.powerUp) {
      await powerUp();
      return;
    }
    if (restorePending) {
      // Restoring the inhibits failed last time (or the link went meanwhile): try again.
      await powerUp();
    } else {
      setLink('up');
    }
    if (counted.lost > 0) {
      logger.warn('events lost', { lost: counted.lost, counter: parsed.counter });
      options.onEventsLost(counted.lost);
    }
    const fresh = Math.min(counted.newEvents, parsed.events.length);
    if (fresh > 0) options.onEvents(parsed.events.slice(0, fresh).reverse());
  };

  const loop = createPollLoop(options.pollIntervalMs, poll);

  bus.onStateChange((state) => {
    if (state === 'closed') setLink('linkClosed');
    else loop.pollSoon();
  });

  return {
    get stopped() {
      return stopped;
    },
    async start() {
      if (started || stopped) return;
      started = true;
      await bus.start();
      if (bus.state !== 'open') setLink('linkClosed');
      loop.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      loop.stop();
      await bus.stop();
    },
    command,
    accept(types, signal) {
      const unknown = types.filter((type) => !options.knownTypes.includes(type));
      if (unknown.length > 0) {
        return Promise.resolve(failed('invalidData', `unknown types: ${unknown.join(', ')}`));
      }
      wanted = [...new Set(types)].sort((a, b) => a - b);
      logger.info('accept', { types: wanted });
      return queueInhibits(signal);
    },
    refuse(signal) {
      wanted = null;
      logger.info('refuse all');
      return queueInhibits(signal);
    },
    refreshStatus: publishStatus,
    pollSoon: () => loop.pollSoon(),
  };
}
