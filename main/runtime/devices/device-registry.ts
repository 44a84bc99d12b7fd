import type { DeviceId, DeviceStatus, Unsubscribe } from '../../../contracts/index.ts';

/** What the registry needs of any driver: its id, its status, and a lifetime. */
export interface ManagedDevice {
  readonly device: DeviceId;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

export interface DeviceRegistry {
  statuses(): DeviceStatus[];
  onChange(listener: (status: DeviceStatus) => void): Unsubscribe;
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** Resolves once no device is still `starting`, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
}

/** The kiosk's installed devices, started and stopped together, with one stream of status changes. */
export function createDeviceRegistry(devices: readonly ManagedDevice[]): DeviceRegistry {
  const listeners = new Set<(status: DeviceStatus) => void>();
  const unsubscribes = devices.map((d) =>
    d.onStatus((status) => {
      for (const listener of listeners) listener(status);
    }),
  );
  const statuses = () => devices.map((d) => d.status());
  return {
    statuses,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startAll: async () => {
      await Promise.all(devices.map((d) => d.start()));
    },
    stopAll: async () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await Promise.allSettled(devices.map((d) => d.stop()));
    },
    settled: (timeoutMs) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          off();
          resolve();
        };
        const check = () => {
          if (statuses().every((s) => s.state !== 'starting')) done();
        };
        const off = (() => {
          const listener = () => check();
          listeners.add(listener);
          return () => listeners.delete(listener);
        })();
        const timer = setTimeout(done, timeoutMs);
        check();
      }),
  };
}
