import type { Logger } from '../../platform/log.ts';
import type { LinkState, SerialPortLike } from './serial-link.ts';

export interface ReopeningPortOptions {
  path: string;
  logger: Logger;
  /** Delay before reopening a lost port: starts at `initial`, doubles up to `max`. */
  reopenDelayMs: { initial: number; max: number };
  /** Creates an unopened port. */
  openPort: () => SerialPortLike;
  /** Bytes from the current port only: a port already given up is never heard from again. */
  onData(chunk: Buffer): void;
  /** The port has just opened; runs before the state turns `open`. */
  onOpen(port: SerialPortLike): void;
  /** The open port was lost and is already detached; runs before the state turns `closed`. */
  onLost(): void;
  /** The state changed (`open` after an open, `closed` after a loss; `stop()` changes it silently). */
  onStateChange(state: LinkState): void;
}

/**
 * A serial port kept open: a port that errors or closes is detached, marked closed and reopened
 * with backoff until `stop()`. What travels over it is the owner's business (see `onData`).
 */
export interface ReopeningPort {
  readonly state: LinkState;
  /** The port being opened or open; null while lost and after `stop()`. */
  readonly port: SerialPortLike | null;
  readonly stopped: boolean;
  /** Makes the first open attempt and resolves after it, whatever its outcome. */
  start(): Promise<void>;
  /**
   * Stops reopening and closes the port. `beforeClose` runs first, while the port is still
   * there, so the owner can fail what waits on it; afterwards no timer is left.
   */
  stop(beforeClose: () => void): Promise<void>;
}

/** Detaches a port we are done with; a late 'error' must still find a listener or Node throws. */
function detach(old: SerialPortLike): void {
  old.removeAllListeners();
  old.on('error', () => {});
}

export function createReopeningPort(options: ReopeningPortOptions): ReopeningPort {
  const { path, logger, reopenDelayMs: reopen } = options;
  let state: LinkState = 'closed';
  let port: SerialPortLike | null = null;
  /** Identifies the current port so events of a port already given up are ignored. */
  let generation = 0;
  let started = false;
  let stopped = false;
  let reopenTimer: NodeJS.Timeout | null = null;
  let reopenDelay = reopen.initial;

  const setState = (next: LinkState) => {
    if (state === next) return;
    state = next;
    options.onStateChange(next);
  };

  const discardPort = (old: SerialPortLike) => {
    detach(old);
    if (old.isOpen) old.close(() => {});
  };

  const scheduleReopen = () => {
    if (stopped || reopenTimer) return;
    const delay = reopenDelay;
    reopenDelay = Math.min(reopenDelay * 2, reopen.max);
    reopenTimer = setTimeout(() => {
      reopenTimer = null;
      void openOnce();
    }, delay);
  };

  const portLost = (gen: number, error?: Error | null) => {
    if (gen !== generation || stopped || !port) return;
    const lost = port;
    port = null;
    generation++;
    discardPort(lost);
    options.onLost();
    logger.warn('serial port lost', { path, reason: error?.message ?? 'closed' });
    setState('closed');
    scheduleReopen();
  };

  const openOnce = (): Promise<void> =>
    new Promise((resolve) => {
      if (stopped) return resolve();
      const gen = ++generation;
      let candidate: SerialPortLike;
      try {
        candidate = options.openPort();
      } catch (error) {
        logger.debug('serial port could not be created', { path, error });
        scheduleReopen();
        return resolve();
      }
      port = candidate;
      candidate.on('data', (chunk) => {
        if (gen === generation) options.onData(chunk);
      });
      candidate.on('error', (error) => portLost(gen, error));
      candidate.on('close', (error) => portLost(gen, error));
      candidate.open((error) => {
        if (gen !== generation || stopped) {
          discardPort(candidate);
          return resolve();
        }
        if (error) {
          port = null;
          discardPort(candidate);
          logger.debug('serial port open failed', { path, error });
          scheduleReopen();
          return resolve();
        }
        reopenDelay = reopen.initial;
        options.onOpen(candidate);
        logger.info('serial port open', { path });
        setState('open');
        resolve();
      });
    });

  return {
    get state() {
      return state;
    },
    get port() {
      return port;
    },
    get stopped() {
      return stopped;
    },
    async start() {
      if (started || stopped) return;
      started = true;
      await openOnce();
    },
    async stop(beforeClose) {
      if (stopped) return;
      stopped = true;
      beforeClose();
      if (reopenTimer) clearTimeout(reopenTimer);
      reopenTimer = null;
      generation++;
      const last = port;
      port = null;
      state = 'closed';
      if (last) {
        detach(last);
        if (last.isOpen) await new Promise<void>((resolve) => last.close(() => resolve()));
      }
    },
  };
}
