import type { ReceiptPrinterDetail } from '../../contracts/devices/receipt-printer.ts';
import type { DeviceStatus } from '../../contracts/devices/status.ts';
import type { RealtimeStatus } from '../codecs/escpos/realtime-status.ts';

/** A status without its `since`, which the driver stamps when state, ready or detail change. */
export type PrinterStatusCore = Omit<DeviceStatus, 'since'>;

const UNKNOWN: ReceiptPrinterDetail = { paper: 'unknown', cover: 'unknown' };

function core(fields: Omit<PrinterStatusCore, 'device'>): PrinterStatusCore {
  return { device: 'receiptPrinter', ...fields };
}

/** The port is closed: the driver is reopening it by itself. */
export function linkLostStatus(): PrinterStatusCore {
  return core({
    state: 'offline',
    ready: false,
    detail: { ...UNKNOWN },
    action: 'none',
    message: 'link lost',
  });
}

/** The port is open but the printer did not answer DLE EOT within the command timeout. */
export function noReplyStatus(): PrinterStatusCore {
  return core({
    state: 'offline',
    ready: false,
    detail: { ...UNKNOWN },
    action: 'none',
    message: 'no reply',
  });
}

/** Something answered, but not with status bytes (wrong baud rate, another device, a fault). */
export function invalidReplyStatus(): PrinterStatusCore {
  return core({
    state: 'hardwareError',
    ready: false,
    detail: { ...UNKNOWN },
    action: 'maintenance',
    message: 'invalid status bytes from printer',
  });
}

/**
 * Maps the DLE EOT reading onto the shared status vocabulary. Paper out and cover open are things
 * staff fix (`clear`) on a printer that is otherwise working, so the state stays `online` with
 * `ready: false`; an unrecoverable error needs an engineer.
 */
export function statusFromRealtime(s: RealtimeStatus): PrinterStatusCore {
  const paperOut = s.paperEnd || s.paperEndStop;
  const detail: ReceiptPrinterDetail = {
    paper: paperOut ? 'out' : s.paperNearEnd ? 'nearEnd' : 'ok',
    cover: s.coverOpen ? 'open' : 'closed',
  };
  if (s.unrecoverable) {
    return core({
      state: 'hardwareError',
      ready: false,
      detail,
      action: 'maintenance',
      message: 'unrecoverable printer error',
    });
  }
  if (s.cutterError) {
    // ESC/POS: an autocutter error (e.g. a paper jam) clears once its cause is removed.
    return core({
      state: 'hardwareError',
      ready: false,
      detail,
      action: 'clear',
      message: 'autocutter error',
    });
  }
  if (paperOut || s.coverOpen) {
    const causes = [paperOut ? 'paper out' : null, s.coverOpen ? 'cover open' : null]
      .filter(Boolean)
      .join(', ');
    return core({ state: 'online', ready: false, detail, action: 'clear', message: causes });
  }
  if (s.autoRecoverable) {
    return core({
      state: 'online',
      ready: false,
      detail,
      action: 'none',
      message: 'printer recovering by itself (e.g. print head too hot)',
    });
  }
  if (s.offline) {
    return core({ state: 'online', ready: false, detail, action: 'none', message: 'printer offline' });
  }
  return core({
    state: 'online',
    ready: true,
    detail,
    action: 'none',
    message: s.paperNearEnd ? 'paper near end' : null,
  });
}

function sameDetail(a: DeviceStatus['detail'], b: DeviceStatus['detail']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** True when a listener would learn something new: `since` alone does not count. */
export function statusChanged(previous: DeviceStatus, next: PrinterStatusCore): boolean {
  return (
    previous.state !== next.state ||
    previous.ready !== next.ready ||
    previous.action !== next.action ||
    previous.message !== next.message ||
    !sameDetail(previous.detail, next.detail)
  );
}

/** `since` moves on a change of state, ready or detail (contracts/devices/status.ts). */
export function sinceMoves(previous: DeviceStatus, next: PrinterStatusCore): boolean {
  return (
    previous.state !== next.state ||
    previous.ready !== next.ready ||
    !sameDetail(previous.detail, next.detail)
  );
}
