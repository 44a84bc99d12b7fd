import type { Logger } from '../../../platform/log.ts';
import type { CaptureStore } from './capture-store.ts';

/**
 * How long identity captures live (docs/security.md "Identity documents"): until the flow or the
 * session that read them ends, and in any case no longer than the store's lifetime (15 minutes),
 * swept when the runtime starts — what a crash left behind — and every minute after.
 */
export interface IdentityRetention {
  /** Sweeps what a previous run left behind and starts the periodic sweep. */
  start(): void;
  /** A flow that identified the customer ended (or no longer needs the document): its captures go. */
  endOfFlow(sessionId: string): void;
  /** The customer session ended: nothing of it stays. */
  endOfSession(sessionId: string): void;
  stop(): void;
}

export const IDENTITY_SWEEP_EVERY_MS = 60_000;

export function createIdentityRetention(options: {
  captures: Pick<CaptureStore, 'deleteForSession' | 'sweepExpired'>;
  log: Logger;
  sweepEveryMs?: number;
}): IdentityRetention {
  const { captures, log } = options;
  let timer: NodeJS.Timeout | null = null;

  const sweep = () => {
    try {
      const removed = captures.sweepExpired();
      if (removed > 0) log.info('expired identity captures deleted', { count: removed });
    } catch (error) {
      log.error('identity capture sweep failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };
  const endFor = (sessionId: string, why: string) => {
    try {
      const removed = captures.deleteForSession(sessionId);
      if (removed > 0) log.info('identity captures deleted', { sessionId, count: removed, why });
    } catch (error) {
      // Left to the sweep: the capture expires within its lifetime anyway.
      log.error('identity captures could not be deleted', {
        sessionId,
        why,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  };

  return {
    start() {
      sweep();
      if (timer) return;
      timer = setInterval(sweep, options.sweepEveryMs ?? IDENTITY_SWEEP_EVERY_MS);
      // The sweep never keeps the process alive on its own.
      timer.unref();
    },
    endOfFlow: (sessionId) => endFor(sessionId, 'flowEnded'),
    endOfSession: (sessionId) => endFor(sessionId, 'sessionEnded'),
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
