import { failed, type OperationResult } from '../../contracts/devices/operation.ts';

/** Identifies one armed read; input that began under another (or none) is not given to it. */
export type ReadToken = object;

interface Pending<T> {
  token: ReadToken;
  settle(result: OperationResult<T>): void;
}

/**
 * The one read a scanner may have armed at a time. A code or document is given only to the read
 * that was armed when its first report came, so nothing typed before (or for another customer)
 * ends up in a later read. The read resolves on its input, its timeout or its signal, never rejects.
 */
export class ArmedRead<T> {
  private pending: Pending<T> | null = null;

  /** The armed read's token, or null when none waits. */
  token(): ReadToken | null {
    return this.pending?.token ?? null;
  }

  arm(timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<OperationResult<T>> {
    if (this.pending) return Promise.resolve(failed('sequenceError', `a ${what} read is already waiting`));
    if (signal?.aborted) return Promise.resolve(failed('canceled', `${what} read canceled`));
    return new Promise((resolve) => {
      const token: ReadToken = {};
      const onAbort = () => settle(failed('canceled', `${what} read canceled`));
      const timer = setTimeout(
        () => settle(failed('timeout', `no ${what} within ${timeoutMs} ms`)),
        Math.max(0, timeoutMs),
      );
      const settle = (result: OperationResult<T>) => {
        if (this.pending?.token !== token) return;
        this.pending = null;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      this.pending = { token, settle };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Gives `result` to the read armed under `token`; ignored when that read is no longer waiting. */
  deliver(token: ReadToken | null, result: OperationResult<T>): boolean {
    if (token === null || this.pending?.token !== token) return false;
    this.pending.settle(result);
    return true;
  }

  /** Ends the waiting read, whoever armed it (device gone, driver stopped). */
  abandon(result: OperationResult<T>): void {
    this.pending?.settle(result);
  }
}
