import type { Unsubscribe } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';

export interface EventEmitter<E> {
  emit(event: E): void;
  on(listener: (event: E) => void): Unsubscribe;
  clear(): void;
}

/** A listener set where one failing listener neither stops the others nor the poller that emits. */
export function createEventEmitter<E>(logger: Logger): EventEmitter<E> {
  const listeners = new Set<(event: E) => void>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          logger.error('event listener failed', { error });
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    clear: () => listeners.clear(),
  };
}
