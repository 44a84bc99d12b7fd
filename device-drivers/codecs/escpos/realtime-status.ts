/**
 * Real-time status bytes sent in answer to `DLE EOT n` (0x10 0x04 n).
 *
 * Source: Epson, "ESC/POS Command Reference", DLE EOT
 * (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html), as reproduced in
 * Epson's TM-U220 and TM-L60II manuals and followed by Bixolon (SRP-350) and Citizen (CT-S2000):
 * in every status byte bit 0 is fixed 0, bit 1 fixed 1, bit 4 fixed 1, bit 7 fixed 0.
 *   n=1 printer:        bit 2 drawer pin 3 high, bit 3 offline, bit 5 waiting for online
 *                       recovery, bit 6 paper being fed by the FEED button
 *   n=2 offline cause:  bit 2 cover open, bit 3 FEED button feeding, bit 5 printing stopped by
 *                       paper end, bit 6 error occurred
 *   n=3 error cause:    bit 2 recoverable error (model-dependent), bit 3 autocutter error,
 *                       bit 5 unrecoverable error, bit 6 automatically recoverable error
 *                       (e.g. head overheat)
 *   n=4 roll paper:     bits 2–3 near end detected, bits 5–6 paper end detected
 * A byte whose fixed bits differ is not a status byte (noise, wrong baud rate, another device).
 */
const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** True when `byte` has the fixed bits of an ESC/POS real-time status byte. */
export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

export interface PrinterStatusByte {
  drawerPin3High: boolean;
  offline: boolean;
  waitingForOnlineRecovery: boolean;
  feedButtonPressed: boolean;
}

export interface OfflineCauseByte {
  coverOpen: boolean;
  feedingByButton: boolean;
  paperEndStop: boolean;
  error: boolean;
}

export interface ErrorCauseByte {
  recoverableError: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

export interface RollPaperSensorByte {
  paperNearEnd: boolean;
  paperEnd: boolean;
}

/** Each parser returns null for a byte that fails the fixed-bit check. */
export function parsePrinterStatus(byte: number): PrinterStatusByte | null {
  if (!isStatusByte(byte)) return null;
  return {
    drawerPin3High: bit(byte, 2),
    offline: bit(byte, 3),
    waitingForOnlineRecovery: bit(byte, 5),
    feedButtonPressed: bit(byte, 6),
  };
}

export function parseOfflineCause(byte: number): OfflineCauseByte | null {
  if (!isStatusByte(byte)) return null;
  return {
    coverOpen: bit(byte, 2),
    feedingByButton: bit(byte, 3),
    paperEndStop: bit(byte, 5),
    error: bit(byte, 6),
  };
}

export function parseErrorCause(byte: number): ErrorCauseByte | null {
  if (!isStatusByte(byte)) return null;
  return {
    recoverableError: bit(byte, 2),
    cutterError: bit(byte, 3),
    unrecoverable: bit(byte, 5),
    autoRecoverable: bit(byte, 6),
  };
}

export function parseRollPaperSensor(byte: number): RollPaperSensorByte | null {
  if (!isStatusByte(byte)) return null;
  // Printers with two near-end sensors report each on its own bit, so either one counts.
  return { paperNearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) || bit(byte, 6) };
}

/** The printer's condition combined from the replies to DLE EOT 1, 2, 4 and (when needed) 3. */
export interface RealtimeStatus {
  offline: boolean;
  coverOpen: boolean;
  paperEndStop: boolean;
  error: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
}

export type RealtimeStatusReading =
  | { valid: true; status: RealtimeStatus }
  | { valid: false; reason: string; bytes: number[] };

/**
 * Combines the status bytes. `errorCause` is only read when the offline-cause byte reports an
 * error, so it may be absent; the error-cause flags are then false.
 */
export function interpretRealtimeStatus(bytes: {
  printer: number;
  offlineCause: number;
  rollPaperSensor: number;
  errorCause?: number;
}): RealtimeStatusReading {
  const raw = [
    bytes.printer,
    bytes.offlineCause,
    bytes.rollPaperSensor,
    ...(bytes.errorCause === undefined ? [] : [bytes.errorCause]),
  ];
  const printer = parsePrinterStatus(bytes.printer);
  const offline = parseOfflineCause(bytes.offlineCause);
  const paper = parseRollPaperSensor(bytes.rollPaperSensor);
  const errorCause = bytes.errorCause === undefined ? undefined : parseErrorCause(bytes.errorCause);
  if (!printer || !offline || !paper || errorCause === null) {
    return { valid: false, reason: 'a status byte fails the fixed-bit check', bytes: raw };
  }
  return {
    valid: true,
    status: {
      offline: printer.offline,
      coverOpen: offline.coverOpen,
      paperEndStop: offline.paperEndStop,
      error: offline.error,
      cutterError: errorCause?.cutterError ?? false,
      unrecoverable: errorCause?.unrecoverable ?? false,
      autoRecoverable: errorCause?.autoRecoverable ?? false,
      paperNearEnd: paper.paperNearEnd,
      paperEnd: paper.paperEnd,
    },
  };
}

/** Builders for a device (or simulator) answering DLE EOT: the same bit layout, fixed bits set. */
export function printerStatusByte(flags: Partial<PrinterStatusByte>): number {
  return (
    FIXED_VALUE |
    (flags.drawerPin3High ? 1 << 2 : 0) |
    (flags.offline ? 1 << 3 : 0) |
    (flags.waitingForOnlineRecovery ? 1 << 5 : 0) |
    (flags.feedButtonPressed ? 1 << 6 : 0)
  );
}

export function offlineCauseByte(flags: Partial<OfflineCauseByte>): number {
  return (
    FIXED_VALUE |
    (flags.coverOpen ? 1 << 2 : 0) |
    (flags.feedingByButton ? 1 << 3 : 0) |
    (flags.paperEndStop ? 1 << 5 : 0) |
    (flags.error ? 1 << 6 : 0)
  );
}

export function errorCauseByte(flags: Partial<ErrorCauseByte>): number {
  return (
    FIXED_VALUE |
    (flags.recoverableError ? 1 << 2 : 0) |
    (flags.cutterError ? 1 << 3 : 0) |
    (flags.unrecoverable ? 1 << 5 : 0) |
    (flags.autoRecoverable ? 1 << 6 : 0)
  );
}

/** Near end sets bits 2 and 3, paper end bits 5 and 6, as a single-sensor Epson printer does. */
export function rollPaperSensorByte(flags: Partial<RollPaperSensorByte>): number {
  return FIXED_VALUE | (flags.paperNearEnd ? 0b0000_1100 : 0) | (flags.paperEnd ? 0b0110_0000 : 0);
}
