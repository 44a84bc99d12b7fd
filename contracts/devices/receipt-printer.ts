import { z } from 'zod';
import type { DeviceStatus } from './status.ts';
import type { OperationResult, Unsubscribe } from './operation.ts';

/** Paper and cover as read with ESC/POS `DLE EOT` (real-time status). */
export const PaperLevel = z.enum(['ok', 'nearEnd', 'out', 'unknown']);
export type PaperLevel = z.infer<typeof PaperLevel>;
export const CoverState = z.enum(['closed', 'open', 'unknown']);
export type CoverState = z.infer<typeof CoverState>;

/** `DeviceStatus.detail` of the receipt printer. */
export interface ReceiptPrinterDetail {
  paper: PaperLevel;
  cover: CoverState;
  [key: string]: string | number | boolean | null;
}

export const ReceiptLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string().max(200),
    align: z.enum(['left', 'center', 'right']).default('left'),
    bold: z.boolean().default(false),
    size: z.enum(['normal', 'double']).default('normal'),
  }),
  /** A full-width line of dashes. */
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(10) }),
]);
export type ReceiptLine = z.input<typeof ReceiptLine>;

export const ReceiptDocument = z.object({
  /** Chooses the printer's character encoding: `zh` prints in GB18030, others in code page 858. */
  language: z.enum(['es', 'en', 'zh']),
  lines: z.array(ReceiptLine).min(1).max(200),
  cut: z.boolean().default(true),
});
export type ReceiptDocument = z.input<typeof ReceiptDocument>;

export interface PrintOutcome {
  /** Bytes written to the printer. */
  bytes: number;
}

/**
 * The receipt printer as the runtime sees it (ESC/POS over serial, or a test double).
 *
 * Duties of an implementation:
 * - `start()` opens the link and keeps it open: a closed or lost port is reopened by the
 *   driver itself, with the status `offline` while it is gone. `start()` resolves once the first
 *   attempt is made, whether or not the printer answered.
 * - `status()` answers at once from the last reading; `onStatus` fires on every change.
 * - `print()` checks the printer is ready before sending and resolves with a completion code;
 *   it never rejects for a device failure. Paper out or cover open → `deviceNotReady`; no
 *   reply → `timeout`; garbage in reply → `hardwareError`.
 * - One command is in flight on the port at a time; each has its own timeout.
 * - `stop()` closes the port and ends every timer; after it nothing is called back.
 */
export interface ReceiptPrinter {
  readonly device: 'receiptPrinter';
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  refreshStatus(options?: { signal?: AbortSignal }): Promise<OperationResult<DeviceStatus>>;
  print(
    document: ReceiptDocument,
    options?: { signal?: AbortSignal },
  ): Promise<OperationResult<PrintOutcome>>;
}
