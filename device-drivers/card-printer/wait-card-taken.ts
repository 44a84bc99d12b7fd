import type { CardPosition } from '../../contracts/devices/card-printer.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';

/**
 * Asks where the card is every `intervalMs` until it is gone (`none`): `success`; `timeout` when
 * `timeoutMs` passes first, `canceled` as soon as the signal fires. A read that fails ends the
 * wait with its completion (the caller sees a silent printer at once, not after the whole wait).
 */
export async function waitCardTaken(
  readPosition: () => Promise<OperationResult<CardPosition>>,
  options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal },
): Promise<OperationResult<void>> {
  const { timeoutMs, intervalMs, signal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) return failed('canceled', 'stopped waiting for the card to be taken');
    const position = await readPosition();
    if (position.code !== 'success') return position;
    if (position.value === 'none') return succeeded(undefined);
    const left = deadline - Date.now();
    if (left <= 0) return failed('timeout', `card not taken within ${timeoutMs} ms`, 'cardNotTaken');
    if (!(await pause(Math.min(intervalMs, left), signal))) {
      return failed('canceled', 'stopped waiting for the card to be taken');
    }
  }
}

/** Resolves true after `ms`, or false as soon as the signal fires. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
