import type { SyncBacklog, Unsubscribe } from '../../../contracts/index.ts';

/**
 * Tells listeners the outbox backlog when it changes, and settles `drained` waiters. The age of the
 * oldest record grows every second by itself; it counts as a change only in whole seconds, so a
 * technician panel is not repainted on every poll.
 */
export class BacklogFeed {
  private last: SyncBacklog | null = null;
  private readonly listeners = new Set<(backlog: SyncBacklog) => void>();
  private readonly waiters = new Set<(drained: boolean) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  publish(backlog: SyncBacklog): void {
    if (backlog.pending === 0) for (const settle of [...this.waiters]) settle(true);
    if (this.last && sameBacklog(this.last, backlog)) return;
    this.last = backlog;
    for (const listener of [...this.listeners]) {
      try {
        listener(backlog);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: (backlog: SyncBacklog) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves true at the first published backlog with nothing pending, false after `timeoutMs`. */
  waitDrained(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (drained: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(settle);
        resolve(drained);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.waiters.add(settle);
    });
  }

  close(): void {
    this.listeners.clear();
    for (const settle of [...this.waiters]) settle(false);
  }
}

function sameBacklog(a: SyncBacklog, b: SyncBacklog): boolean {
  const seconds = (value: number | null) => (value === null ? null : Math.floor(value));
  return (
    a.pending === b.pending &&
    a.highWaterMark === b.highWaterMark &&
    seconds(a.oldestPendingSeconds) === seconds(b.oldestPendingSeconds)
  );
}
