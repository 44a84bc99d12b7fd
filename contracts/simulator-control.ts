import { z } from 'zod';
import { DeviceId } from './devices/status.ts';

/**
 * Control API of a device simulator: JSON over HTTP on 127.0.0.1, one server per simulator
 * process. The technician panel reaches it through the kiosk host, never directly.
 *
 *   GET    /state                  → SimulatorState
 *   POST   /faults   {fault}       → SimulatorState   inject
 *   DELETE /faults/:fault          → SimulatorState   clear one
 *   DELETE /faults                 → SimulatorState   clear all
 *   POST   /replenish              → SimulatorState   refill supplies (paper, cards, cash)
 *   GET    /receipts/last          → PrintedReceipt   (receipt printer; 404 when none)
 *   GET    /receipts/last.png      → image/png        (receipt printer; 404 when none)
 *   POST   /insert   {value}       → SimulatorState   (bill validator, coin acceptor)
 *   POST   /take                   → SimulatorState   (card printer: the customer takes the card at the exit; 409 when none)
 *   GET    /cards/last             → PrintedCard      (card printer; 404 when none)
 *   GET    /cards/last.png         → image/png        (card printer: the front as printed; 404 when none)
 *   GET    /documents              → SpecimenDocumentInfo[] (ID scanner: what can be laid on the glass)
 *   POST   /place    {documentId}  → SimulatorState   (ID scanner: the customer lays a document down; 404 unknown)
 *   POST   /remove                 → SimulatorState   (ID scanner: the document is taken away)
 *   GET    /documents/:id.png      → image/png        (ID scanner: the image it would send)
 *   POST   /scan     {text}        → SimulatorState   (QR scanner: a code with this text is shown to it)
 */
export const ReceiptPrinterFault = z.enum([
  /** Paper runs out: status reports paper end, printing stops. */
  'paperOut',
  'paperNearEnd',
  'coverOpen',
  /** The printer reads commands but never answers. */
  'noReply',
  /** The printer answers status queries with random bytes. */
  'garbage',
  /** The USB-serial cable is pulled: the simulator kills its socat; clearing it plugs back in. */
  'unplug',
]);
export type ReceiptPrinterFault = z.infer<typeof ReceiptPrinterFault>;

/** Faults of the ccTalk simulators (bill validator, coin acceptor, hopper). */
export const CashDeviceFault = z.enum([
  /** The next note/coin jams (bill: status 6/7; coin: jam code). */
  'jam',
  /** Bill validator: the stacker is full, notes are refused with status 14. */
  'stackerFull',
  /** The next note is reported as a fraud attempt (bill: opto fraud 17, string fraud 18). */
  'fraud',
  /** Hopper: runs out of coins in the middle of the next payout. */
  'emptyMidPayout',
  /** Hopper: loses power during the next payout; its counters tell what really left. */
  'powerLossMidPayout',
  /** Power cycle now: the event counter restarts at 0, inhibits are reset. */
  'powerCycle',
  'noReply',
  /** Replies carry a wrong checksum. */
  'badChecksum',
  /** The event counter jumps past 255 → 1 (wrap) on the next events. */
  'counterWrap',
  /** More than 5 events happen between two polls (events lost). */
  'eventBurst',
  'unplug',
]);
export type CashDeviceFault = z.infer<typeof CashDeviceFault>;

/** Faults of the card printer simulator (Evolis SDK state names in comments). */
export const CardPrinterFault = z.enum([
  /** ERR_COVER_OPEN / DEF_COVER_OPEN: the cover is open; a job in progress stops. */
  'coverOpen',
  /** RIBBON_ENDED: no K panel left; `ribbonEndsMidJob` ends it during the next print. */
  'ribbonEnded',
  'ribbonEndsMidJob',
  /** FEEDER_EMPTY: no card to pick. */
  'feederEmpty',
  /** ERR_MECHANICAL: the next card jams in the transport (stays inside until cleared). */
  'cardJam',
  /** ERR_WRITE_MAGNETIC: the next stripe write is corrupt, so its read-back fails. */
  'encodingFailure',
  /** ERR_REJECT_BOX_FULL: the reject bin is full. */
  'rejectBinFull',
  /** PRINTER_OFFLINE: the printer reads commands and never answers. */
  'noReply',
  /** Power is lost after the next print, before the eject: silent, card inside, until cleared. */
  'powerLossBeforeEject',
  /** Answers with random bytes. */
  'garbage',
  'unplug',
]);
export type CardPrinterFault = z.infer<typeof CardPrinterFault>;

/** Faults of the ID scanner simulator (both modes; the image ones apply to the serial image mode). */
export const IdScannerFault = z.enum([
  /** The next image chunk is sent with a wrong checksum, every time it is asked for. */
  'badChunkChecksum',
  /** The next image transfer stops half-way: the last chunks never come. */
  'truncatedImage',
  /** The next capture announces a 50 MB image. */
  'hugeImage',
  /** Wedge mode: random keystrokes are typed instead of the next MRZ. */
  'randomText',
  'noReply',
  'garbage',
  'unplug',
]);
export type IdScannerFault = z.infer<typeof IdScannerFault>;

/** Faults of the QR scanner simulator. */
export const QrScannerFault = z.enum([
  /** Random HID reports arrive instead of the next code. */
  'garbage',
  /** The next code is cut off before its terminator. */
  'truncated',
  'unplug',
]);
export type QrScannerFault = z.infer<typeof QrScannerFault>;

export const SimulatorFault = z.union([
  ReceiptPrinterFault,
  CashDeviceFault,
  CardPrinterFault,
  IdScannerFault,
  QrScannerFault,
]);
export type SimulatorFault = z.infer<typeof SimulatorFault>;

/**
 * Customer actions at a cash simulator: `POST /insert {value}` puts a note or coin of that value
 * (minor units) into the device, as a customer would. 400 for a value the device does not know.
 */
export const InsertRequest = z.object({ value: z.number().int().positive() });

export const FaultRequest = z.object({ fault: z.string().max(40) });

export const SimulatorState = z.object({
  device: DeviceId,
  faults: z.array(z.string()),
  /** Device-specific supplies and counters, e.g. `{ paperLines: 120, paperCapacity: 400, receipts: 3 }`. */
  supplies: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  plugged: z.boolean(),
});
export type SimulatorState = z.infer<typeof SimulatorState>;

/**
 * A card as the simulated printer holds it: what was printed and encoded. Tracks are shown only
 * masked (the PAN's first six and last four digits) with whether each passed its parity and LRC.
 */
export const PrintedCard = z.object({
  id: z.number().int(),
  pickedAt: z.string(),
  /** Where the card is now: still inside, at the exit, taken by the customer, in the reject bin. */
  location: z.enum(['inPrinter', 'atExit', 'taken', 'rejectBin']),
  printed: z.boolean(),
  tracks: z.array(
    z.object({
      track: z.number().int().min(1).max(3),
      valid: z.boolean(),
      /** The decoded track with every PAN digit but the first six and last four replaced by `*`. */
      masked: z.string().max(120),
    }),
  ),
  /** Milliseconds the simulated mechanics spent on this card (pick, encode, print, eject). */
  mechanicalMs: z.number().nonnegative(),
});
export type PrintedCard = z.infer<typeof PrintedCard>;

export const PrintedReceipt = z.object({
  id: z.number().int(),
  printedAt: z.string(),
  /** Decoded text lines as they would appear on paper. */
  lines: z.array(z.string()),
  /** False when the paper ran out or the job was cut short. */
  complete: z.boolean(),
  cut: z.boolean(),
});
export type PrintedReceipt = z.infer<typeof PrintedReceipt>;

/**
 * A document the ID scanner simulator can be given: a specimen (fictional person, valid check
 * digits) in a rendering condition, or a non-document (blank page, a photo, half-covered MRZ).
 */
export const SpecimenDocumentInfo = z.object({
  id: z.string().max(64),
  label: z.string().max(120),
  format: z.enum(['TD1', 'TD2', 'TD3']).nullable(),
  /** `clean`, or the degradations applied (`noise`, `blur`, `rotation`, `lowContrast`, `unevenLight`, `jpeg`). */
  condition: z.array(z.string().max(24)),
  /** What a correct reader should conclude: the MRZ lines it should accept, or `reject`. */
  expected: z.union([z.object({ accept: z.array(z.string()) }), z.literal('reject')]),
});
export type SpecimenDocumentInfo = z.infer<typeof SpecimenDocumentInfo>;

export const PlaceDocumentRequest = z.object({ documentId: z.string().min(1).max(64) });
export const ScanCodeRequest = z.object({ text: z.string().min(1).max(4096) });
