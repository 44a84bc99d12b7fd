import {
  type DeviceStatus,
  failed,
  type ReceiptDocument,
  type ReceiptPrinter,
  succeeded,
} from '../../contracts/index.ts';

/** A receipt printer double for runtime tests: its status is set by the test; prints are kept. */
export function createFakeReceiptPrinter() {
  let current: DeviceStatus = {
    device: 'receiptPrinter',
    state: 'online',
    ready: true,
    detail: { paper: 'ok', cover: 'closed' },
    action: 'none',
    message: null,
    since: new Date().toISOString(),
  };
  const listeners = new Set<(s: DeviceStatus) => void>();
  const printed: ReceiptDocument[] = [];
  const printer: ReceiptPrinter & {
    printed: ReceiptDocument[];
    setStatus(patch: Partial<DeviceStatus>): void;
  } = {
    device: 'receiptPrinter',
    printed,
    start: async () => undefined,
    stop: async () => undefined,
    status: () => current,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refreshStatus: async () => succeeded(current),
    print: async (document) => {
      if (!current.ready) return failed('deviceNotReady', 'printer not ready');
      printed.push(document);
      return succeeded({ bytes: 100 });
    },
    setStatus(patch) {
      current = { ...current, ...patch, since: new Date().toISOString() };
      for (const listener of listeners) listener(current);
    },
  };
  return printer;
}
