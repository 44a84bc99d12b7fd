import type { OperationResult, Unsubscribe } from './operation.ts';
import type { DeviceStatus } from './status.ts';

/**
 * The ID document scanner and the QR/barcode scanner, as the runtime sees them.
 *
 * The ID scanner has two modes behind this one contract:
 * - `serialImage`: the scanner detects a document on its glass, captures it, and sends the image
 *   in checksummed chunks over a serial (USB CDC) link; the kiosk reads the MRZ with its own OCR.
 *   Wire protocol: docs/id-scanner-protocol.md.
 * - `hidWedge`: the scanner reads the MRZ itself and types it as a USB HID keyboard would.
 *
 * The QR scanner is a USB HID device in keyboard-wedge or HID POS (usage page 0x8C) mode.
 */

/** What the ID scanner delivers for one document. */
export type ScannedDocument =
  | {
      kind: 'image';
      /** PNG or JPEG bytes as the scanner sent them, checksums verified. */
      image: Uint8Array;
      mime: 'image/png' | 'image/jpeg';
      /** Milliseconds from "document detected" to the last chunk received. */
      transferMs: number;
    }
  | {
      kind: 'mrzText';
      /** The MRZ lines as the scanner typed them, prefix/suffix removed, not yet validated. */
      lines: string[];
    };

export type IdScannerMode = 'serialImage' | 'hidWedge';

/**
 * ID scanner driver duties:
 * - `start()` opens the link and keeps status current; a lost link is reopened, `offline` while gone.
 * - `scanDocument` waits for a document to be placed (or typed, in wedge mode), then returns it.
 *   It resolves `timeout` when none comes in `timeoutMs`, `canceled` on the signal, `invalidData`
 *   for a transfer that fails its checksums after retries or is too large, `deviceNotReady` when
 *   the scanner is not there. Every wait inside has its own timeout; it never rejects.
 * - `onDocumentPresent` tells the flow a document was laid down, so it can say "reading…" while
 *   the image travels. Wedge mode has no such signal.
 * - Input arriving while no scan is waiting is discarded: a code or document is never kept for a
 *   later customer.
 */
export interface IdScanner {
  readonly device: 'idScanner';
  readonly mode: IdScannerMode;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  onDocumentPresent(listener: () => void): Unsubscribe;
  scanDocument(options: {
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<OperationResult<ScannedDocument>>;
}

export type QrScannerMode = 'hidWedge' | 'hidPos';

export interface ScannedCode {
  /** The decoded text, terminator removed. At most 4096 characters; longer input is `invalidData`. */
  text: string;
  /** AIM symbology identifier when the scanner reports one (HID POS), e.g. `]Q1`; else null. */
  symbology: string | null;
}

/** Same duties as the ID scanner's: one armed read at a time, everything else discarded. */
export interface QrScanner {
  readonly device: 'qrScanner';
  readonly mode: QrScannerMode;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  readCode(options: { timeoutMs: number; signal?: AbortSignal }): Promise<OperationResult<ScannedCode>>;
}
