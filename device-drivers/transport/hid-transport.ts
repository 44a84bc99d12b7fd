import type { Unsubscribe } from '../../contracts/devices/operation.ts';

/**
 * One HID device as the drivers see it, whatever carries its reports: node-hid on a real USB
 * device, or the simulator's Unix socket. Reports are delivered exactly as node-hid's `data` event
 * gives them (on Linux hidraw: the report id first when the device numbers its reports, none for a
 * boot keyboard). A transport can be opened again after it closed; when to do so is the driver's
 * business (hid-link.ts).
 */
export interface HidTransport {
  /** For logs and status messages: no serial numbers, no data. */
  readonly description: string;
  readonly isOpen: boolean;
  /** Rejects with HidUnavailableError when the device is not there. */
  open(): Promise<void>;
  /** Sends an output report (report id first, 0 when the device has none). */
  write(report: Uint8Array): Promise<void>;
  /** Idempotent; no close listener is called for a close the caller asked for. */
  close(): Promise<void>;
  onReport(listener: (report: Uint8Array) => void): Unsubscribe;
  /** The device went away (unplugged, simulator gone, stream out of step). */
  onClose(listener: (reason: string) => void): Unsubscribe;
  onError(listener: (error: Error) => void): Unsubscribe;
}

/** The device could not be opened: not plugged in, no permission, simulator not listening. */
export class HidUnavailableError extends Error {
  override readonly name = 'HidUnavailableError';
}

/** The transport is not open. */
export class HidClosedError extends Error {
  override readonly name = 'HidClosedError';
}

/** Where a HID device is (the kiosk config's `HidEndpoint`). */
export type HidEndpoint =
  | { transport: 'nodeHid'; vendorId: number; productId: number; path?: string }
  | { transport: 'simulated'; socketPath: string };

/** A set of listeners that a throwing listener cannot break. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(value: T, onListenerError: (error: unknown) => void): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        onListenerError(error);
      }
    }
  }
}
