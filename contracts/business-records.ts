import { z } from 'zod';

/**
 * Business records: what the kiosk reports to the backend through the outbox, one schema per
 * record type. The backend applies a record only if its data passes its type's schema; otherwise
 * it stores it as rejected (it never blocks the queue). No record carries personal data in clear.
 */
export const SessionEnded = z.object({
  sessionId: z.string().uuid(),
  startedAt: z.string().max(40),
  endedAt: z.string().max(40),
  language: z.enum(['es', 'en', 'zh']).nullable(),
  outcome: z.enum(['finished', 'cancelled', 'timedOut']),
  receipt: z.enum(['printed', 'unavailable', 'failed']).nullable(),
});
export type SessionEnded = z.infer<typeof SessionEnded>;

/** A device action left without an outcome by a crash, and what the device said at recovery. */
export const DeviceActionInDoubt = z.object({
  intentSeq: z.number().int().positive(),
  device: z.string().max(32),
  action: z.string().max(64),
  /** What recovery concluded, e.g. `notPrinted`, `printedUnknown`. */
  resolution: z.string().max(64),
  deviceState: z.string().max(32),
});
export type DeviceActionInDoubt = z.infer<typeof DeviceActionInDoubt>;

/** A completed cash deposit: what was counted and kept, to be credited to the account. */
export const CashDeposit = z.object({
  depositId: z.string().uuid(),
  currency: z.enum(['EUR', 'USD', 'MXN', 'CNY']),
  /** The backend's reference when the account was confirmed online; else null. */
  accountRef: z.string().max(64).nullable(),
  /** Only for a deposit captured offline (no reference yet): the number the customer typed. */
  accountNumber: z
    .string()
    .regex(/^\d{6,20}$/)
    .nullable(),
  notes: z.record(z.string(), z.number().int().nonnegative()),
  coins: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  capturedOffline: z.boolean(),
  /** `completed`: confirmed by the customer; `interrupted`: a fault or time-out ended it. */
  ending: z.enum(['completed', 'interrupted', 'timedOut', 'cancelled']),
  completedAt: z.string().max(40),
});
export type CashDeposit = z.infer<typeof CashDeposit>;

/** A technician's replenishment or emptying, after XFS4IoT's exchange: counts before and after. */
export const CashExchange = z.object({
  exchangeId: z.string().uuid(),
  device: z.enum(['billValidator', 'coinAcceptor', 'coinHopper']),
  kind: z.enum(['replenish', 'empty']),
  /** Value (minor units, string key) → count, as counted by the technician. */
  counted: z.record(z.string(), z.number().int().nonnegative()),
  /** What the kiosk's ledger said before the exchange. */
  expected: z.record(z.string(), z.number().int().nonnegative()),
  startedAt: z.string().max(40),
  endedAt: z.string().max(40),
});
export type CashExchange = z.infer<typeof CashExchange>;

const PanMasked = z.string().regex(/^\d{6}\*{2,9}\d{4}$/);

/**
 * A card taken from the feeder that reached the customer. `taken`: true when the exit sensor saw
 * it taken; null when recovery found it gone from the printer after a crash (presumed taken).
 */
export const CardIssued = z.object({
  attemptId: z.string().uuid(),
  orderRef: z.string().min(8).max(64),
  cardId: z.string().uuid(),
  /** First six and last four digits only. */
  panMasked: PanMasked,
  attempt: z.number().int().min(1).max(3),
  taken: z.boolean().nullable(),
  detectedBy: z.enum(['flow', 'recovery']),
  issuedAt: z.string().max(40),
});
export type CardIssued = z.infer<typeof CardIssued>;

/** Why a card taken from the feeder was not issued. */
export const CardSpoilReason = z.enum([
  'encodingFailed',
  'ribbonEnded',
  'coverOpen',
  'jam',
  'printFailed',
  /** Presented, not taken in time, retracted. */
  'notTaken',
  /** The printer stopped answering mid-job. */
  'printerLost',
  /** The kiosk stopped (crash, power loss) mid-job; found at recovery. */
  'interrupted',
  'other',
]);
export type CardSpoilReason = z.infer<typeof CardSpoilReason>;

/** A card taken from the feeder and not issued: where it ended up, and why. */
export const CardSpoiled = z.object({
  attemptId: z.string().uuid(),
  orderRef: z.string().min(8).max(64),
  cardId: z.string().uuid(),
  panMasked: PanMasked,
  attempt: z.number().int().min(1).max(3),
  reason: CardSpoilReason,
  /** `rejectBin`: destroyed by staff when they empty it; `inPrinter`: stuck, staff must remove it. */
  disposition: z.enum(['rejectBin', 'inPrinter']),
  detectedBy: z.enum(['flow', 'recovery']),
  spoiledAt: z.string().max(40),
});
export type CardSpoiled = z.infer<typeof CardSpoiled>;

/**
 * A card number the bank issued that will never be on a card: no card was taken from the feeder
 * for it (the printer could not start, the customer left, the answer came too late). The backend
 * closes the number; every issued number ends as issued, spoiled or voided.
 */
export const CardVoided = z.object({
  attemptId: z.string().uuid(),
  orderRef: z.string().min(8).max(64),
  cardId: z.string().uuid(),
  reason: z.enum(['printerUnavailable', 'flowEnded', 'cardDataLost']),
  voidedAt: z.string().max(40),
});
export type CardVoided = z.infer<typeof CardVoided>;

/**
 * The customer asked for the card by mail instead. Online the order is known by its reference;
 * offline only by the code the customer typed, which the backend checks at sync.
 */
export const CardMailRequested = z.object({
  requestId: z.string().uuid(),
  orderRef: z.string().min(8).max(64).nullable(),
  orderCode: z
    .string()
    .regex(/^[2-9A-HJKMNP-Z]{8}$/)
    .nullable(),
  reason: z.enum(['offline', 'printerUnavailable', 'cardFailed']),
  requestedAt: z.string().max(40),
});
export type CardMailRequested = z.infer<typeof CardMailRequested>;

export const BUSINESS_RECORD_SCHEMAS = {
  'card.issued': CardIssued,
  'card.spoiled': CardSpoiled,
  'card.voided': CardVoided,
  'card.mailRequested': CardMailRequested,
  'cash.deposit': CashDeposit,
  'cash.exchange': CashExchange,
  'session.ended': SessionEnded,
  'device.actionInDoubt': DeviceActionInDoubt,
} as const;
export type BusinessRecordType = keyof typeof BUSINESS_RECORD_SCHEMAS;

/** How durable a commit must be: money and cards are committed with `synchronous=FULL`. */
export type Durability = 'moneyOrCard' | 'normal';
