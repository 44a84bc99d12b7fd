import type { BillEvent } from '../../contracts/devices/cash.ts';
import {
  failed,
  type OperationResult,
  succeeded,
  type Unsubscribe,
} from '../../contracts/devices/operation.ts';

export interface RouteWatch {
  /** Subscribes to the validator's decoded events. */
  subscribe(listener: (event: BillEvent) => void): Unsubscribe;
  decision: 'stack' | 'return';
  timeoutMs: number;
  /** The caller gave up. */
  signal?: AbortSignal;
  /** The driver stopped. */
  stopped: AbortSignal;
}

/**
 * Waits for the event that closes a routed note: stacked or returned. The device decides in the
 * end: a note told to stack may still come back (returned or rejected), and that is reported as
 * `returned`, since the customer has it. Anything else that ends the note — jam, fraud, power-up,
 * lost events — leaves it in doubt and is reported with a completion code, never guessed.
 */
export function waitForRouteOutcome(watch: RouteWatch): Promise<OperationResult<'stacked' | 'returned'>> {
  return new Promise((resolve) => {
    let unsubscribe: Unsubscribe = () => {};
    const finish = (result: OperationResult<'stacked' | 'returned'>) => {
      clearTimeout(timer);
      unsubscribe();
      watch.signal?.removeEventListener('abort', onAbort);
      watch.stopped.removeEventListener('abort', onStop);
      resolve(result);
    };
    const onAbort = () => finish(failed('canceled', `stopped waiting for the note to ${watch.decision}`));
    const onStop = () => finish(failed('deviceNotReady', 'driver stopped before the note was routed'));
    const timer = setTimeout(
      () =>
        finish(
          failed(
            'timeout',
            `no stacked or returned event within ${watch.timeoutMs} ms`,
            'noRouteConfirmation',
          ),
        ),
      watch.timeoutMs,
    );
    if (watch.signal?.aborted) return onAbort();
    if (watch.stopped.aborted) return onStop();
    watch.signal?.addEventListener('abort', onAbort, { once: true });
    watch.stopped.addEventListener('abort', onStop, { once: true });
    unsubscribe = watch.subscribe((event) => {
      switch (event.kind) {
        case 'stacked':
          return finish(succeeded('stacked'));
        case 'returned':
        case 'rejected':
          return finish(succeeded('returned'));
        case 'jam':
          return finish(failed('hardwareError', `note jammed: ${event.reason}`, 'jam'));
        case 'fraud':
          return finish(failed('fraudAttempt', `fraud reported: ${event.reason}`, 'fraud'));
        case 'powerUp':
          return finish(failed('hardwareError', 'device lost power; the note is in doubt', 'powerUp'));
        case 'eventsLost':
          return finish(
            failed('hardwareError', `${event.count} event(s) lost; the note is in doubt`, 'eventsLost'),
          );
        default:
          return undefined;
      }
    });
  });
}
