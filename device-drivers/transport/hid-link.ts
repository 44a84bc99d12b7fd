import type { Unsubscribe } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import { type HidTransport, Listeners } from './hid-transport.ts';

export type HidLinkState = 'starting' | 'open' | 'closed';

export interface HidLinkOptions {
  transport: HidTransport;
  logger: Logger;
  /** Delay before reopening a lost device: starts at `initial`, doubles up to `max`. */
  reopenDelayMs?: { initial: number; max: number };
}

export interface HidLink {
  readonly state: HidLinkState;
  /** Why the device is closed (for the status message), null while open. */
  readonly closedReason: string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  onReport(listener: (report: Uint8Array) => void): Unsubscribe;
  onStateChange(listener: (state: HidLinkState) => void): Unsubscribe;
}

const DEFAULT_REOPEN = { initial: 250, max: 5_000 };

/**
 * Keeps a HID device open: opens it on start, and after it closes (unplugged, simulator gone) or
 * fails to open, tries again with a doubling delay, back to the shortest once it is open.
 */
export function createHidLink(options: HidLinkOptions): HidLink {
  const { transport, logger } = options;
  const reopen = options.reopenDelayMs ?? DEFAULT_REOPEN;
  const states = new Listeners<HidLinkState>();
  let state: HidLinkState = 'starting';
  let closedReason: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = reopen.initial;

  const setState = (next: HidLinkState, reason: string | null) => {
    closedReason = reason;
    if (state === next) return;
    state = next;
    states.emit(next, (error) => logger.error('HID state listener failed', { error }));
  };

  const tryOpen = async () => {
    try {
      await transport.open();
    } catch (error) {
      if (stopped) return;
      if (state !== 'closed')
        logger.warn('HID device unavailable', { transport: transport.description, error });
      setState('closed', (error as Error).message);
      scheduleReopen();
      return;
    }
    if (stopped) {
      await transport.close();
      return;
    }
    delay = reopen.initial;
    logger.info('HID device open', { transport: transport.description });
    setState('open', null);
  };

  const scheduleReopen = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void tryOpen();
    }, delay);
    delay = Math.min(delay * 2, reopen.max);
  };

  transport.onClose((reason) => {
    if (stopped) return;
    logger.warn('HID device lost', { transport: transport.description, reason });
    setState('closed', reason);
    scheduleReopen();
  });
  transport.onError((error) => logger.debug('HID transport error', { error }));

  return {
    get state() {
      return state;
    },
    get closedReason() {
      return closedReason;
    },
    start: () => tryOpen(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await transport.close();
    },
    onReport: (listener) => transport.onReport(listener),
    onStateChange: (listener) => states.add(listener),
  };
}
