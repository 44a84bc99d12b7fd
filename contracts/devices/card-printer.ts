import { z } from 'zod';
import type { OperationResult, Unsubscribe } from './operation.ts';
import type { DeviceStatus } from './status.ts';

/**
 * The card printer with magnetic stripe encoder (instant issuance), as the runtime sees it.
 * Wire protocol: docs/card-printer-protocol.md (escape commands modelled on Evolis).
 *
 * Cards are pre-printed with the bank's design (the card stock); the printer personalises the
 * front with its black resin panel (K) and encodes the stripe. One card at a time.
 */

/** Where the card of the current job is. `none`: no card in the transport. */
export const CardPosition = z.enum(['none', 'inPrinter', 'atExit']);
export type CardPosition = z.infer<typeof CardPosition>;

/** Lifetime counters the printer keeps across power cycles: the evidence for crash recovery. */
export const CardPrinterCounters = z.object({
  /** Cards taken from the feeder. */
  picked: z.number().int().nonnegative(),
  /** Cards pushed out of the exit slot to the customer. */
  ejected: z.number().int().nonnegative(),
  /** Cards dropped into the reject bin. */
  rejected: z.number().int().nonnegative(),
});
export type CardPrinterCounters = z.infer<typeof CardPrinterCounters>;

export const CardPrinterSupplies = z.object({
  feederCards: z.number().int().nonnegative(),
  feederNearEmpty: z.boolean(),
  /** K panels left on the ribbon (one per card front). */
  ribbonPanels: z.number().int().nonnegative(),
  ribbonLow: z.boolean(),
  rejectBinCards: z.number().int().nonnegative(),
  rejectBinCapacity: z.number().int().positive(),
});
export type CardPrinterSupplies = z.infer<typeof CardPrinterSupplies>;

/** Everything `readState` returns: read from the printer now, not from a cache. */
export const CardPrinterState = z.object({
  position: CardPosition,
  counters: CardPrinterCounters,
  supplies: CardPrinterSupplies,
});
export type CardPrinterState = z.infer<typeof CardPrinterState>;

/**
 * `DeviceStatus.detail` of the card printer (scalars only): the supplies, the card position, and
 * the printer's own minor state names (Evolis SDK words, e.g. `RIBBON_ENDED`), comma-separated.
 */
export interface CardPrinterDetail {
  feederCards: number;
  feederNearEmpty: boolean;
  ribbonPanels: number;
  ribbonLow: boolean;
  rejectBinCards: number;
  rejectBinCapacity: number;
  position: CardPosition;
  minorStates: string;
  [key: string]: string | number | boolean | null;
}

/**
 * A 1-bit image for the K panel: `width` × `height` pixels, rows top to bottom, each row
 * `ceil(width / 8)` bytes, most significant bit first, bit set = ink. The printer's panel is
 * 1016 × 648 (CR80 at 300 dpi, landscape).
 */
export interface MonoBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export const CARD_PANEL_WIDTH = 1016;
export const CARD_PANEL_HEIGHT = 648;

/**
 * Magnetic stripe content per ISO/IEC 7811, each track complete as it goes on the stripe: start
 * sentinel, data, end sentinel and the LRC character (built by the personalisation).
 */
export interface MagstripeTracks {
  track1?: string;
  track2?: string;
  track3?: string;
}

/**
 * Card printer driver duties:
 * - `start()` opens the link and polls status and supplies while idle; a lost port is reopened,
 *   `offline` while gone. Commands go one at a time, each with its own timeout.
 * - Status maps the printer's major/minor states to the status vocabulary: ribbon ended, feeder
 *   empty, cover open, reject bin full → `userError` + action `clear`; mechanical jam, encoding
 *   failure → `hardwareError` (+ `maintenance` or `reset`); no reply → `offline`.
 * - Every operation resolves to a completion code and never rejects for a device failure. The
 *   printer's error word is the result's `errorCode` (e.g. `RIBBON_ENDED`, `ERR_WRITE_MAGNETIC`).
 * - A job is: `pickCard` → `encodeMagstripe` (write, then read back and compare) → `printFront`
 *   → `ejectCard` → `waitCardTaken`; or `rejectCard` from any point after the pick. The caller
 *   journals between the steps. The driver never repeats a step on its own.
 */
export interface CardPrinter {
  readonly device: 'cardPrinter';
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  refreshStatus(options?: { signal?: AbortSignal }): Promise<OperationResult<DeviceStatus>>;
  /** Position, counters and supplies, asked of the printer now. */
  readState(options?: { signal?: AbortSignal }): Promise<OperationResult<CardPrinterState>>;
  /** Takes one card from the feeder into the printer. `deviceNotReady` when it cannot start. */
  pickCard(options?: { signal?: AbortSignal }): Promise<OperationResult<CardPrinterState>>;
  /** Writes the tracks, reads them back and compares; a mismatch is `hardwareError` `ERR_WRITE_MAGNETIC`. */
  encodeMagstripe(
    tracks: MagstripeTracks,
    options?: { signal?: AbortSignal },
  ): Promise<OperationResult<void>>;
  /** Downloads the K panel and prints it on the card front. */
  printFront(panel: MonoBitmap, options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  /** Pushes the card to the exit slot, where the customer takes it. */
  ejectCard(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  /** Drops the card in the printer (or at the exit: retracted first) into the reject bin. */
  rejectCard(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  /** Resolves `success` once the card at the exit is gone, `timeout` after `timeoutMs`. */
  waitCardTaken(timeoutMs: number, options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
}
