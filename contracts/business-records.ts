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

export const BUSINESS_RECORD_SCHEMAS = {
  'cash.deposit': CashDeposit,
  'cash.exchange': CashExchange,
  'session.ended': SessionEnded,
  'device.actionInDoubt': DeviceActionInDoubt,
} as const;
export type BusinessRecordType = keyof typeof BUSINESS_RECORD_SCHEMAS;

/** How durable a commit must be: money and cards are committed with `synchronous=FULL`. */
export type Durability = 'moneyOrCard' | 'normal';
