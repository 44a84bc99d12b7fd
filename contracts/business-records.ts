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

export const BUSINESS_RECORD_SCHEMAS = {
  'session.ended': SessionEnded,
  'device.actionInDoubt': DeviceActionInDoubt,
} as const;
export type BusinessRecordType = keyof typeof BUSINESS_RECORD_SCHEMAS;

/** How durable a commit must be: money and cards are committed with `synchronous=FULL`. */
export type Durability = 'moneyOrCard' | 'normal';
