import type { Unsubscribe } from '../../contracts/devices/operation.ts';
import { type DeviceId, type DeviceStatus, startingStatus } from '../../contracts/devices/status.ts';
import type { Logger } from '../../platform/log.ts';

/** A status without its `since`, which the publisher stamps when state, ready or detail change. */
export type StatusCore = Omit<DeviceStatus, 'since' | 'device'>;

function sameDetail(a: DeviceStatus['detail'], b: DeviceStatus['detail']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

export interface StatusPublisher {
  current(): DeviceStatus;
  /** Publishes `next` when a listener would learn something new from it; `since` alone does not count. */
  publish(next: StatusCore): void;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  /** After this nothing is published and no listener is called. */
  close(): void;
}

/**
 * Holds a device's status and tells listeners when it changes. `since` moves on a change of
 * state, ready or detail (contracts/devices/status.ts); action and message alone do not move it.
 */
export function createStatusPublisher(device: DeviceId, logger: Logger): StatusPublisher {
  let current: DeviceStatus = startingStatus(device);
  const listeners = new Set<(status: DeviceStatus) => void>();
  let closed = false;

  return {
    current: () => current,
    publish(next) {
      if (closed) return;
      const sinceMoves =
        current.state !== next.state ||
        current.ready !== next.ready ||
        !sameDetail(current.detail, next.detail);
      const changed = sinceMoves || current.action !== next.action || current.message !== next.message;
      if (!changed) return;
      current = { device, ...next, since: sinceMoves ? new Date().toISOString() : current.since };
      const level = next.state === 'online' || next.state === 'starting' ? 'info' : 'warn';
      logger[level]('device status changed', {
        state: next.state,
        ready: next.ready,
        action: next.action,
        message: next.message,
      });
      for (const listener of [...listeners]) {
        try {
          listener(current);
        } catch (error) {
          logger.error('status listener failed', { error });
        }
      }
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
