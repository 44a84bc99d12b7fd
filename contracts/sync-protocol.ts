import { z } from 'zod';

/**
 * Exactly-once sync of the kiosk's outbox to the O2O backend, over the `/kiosk` socket.
 *
 * The kiosk numbers its records 1, 2, 3 … (per-kiosk sequence, no gaps) and sends them in batches
 * in order. The backend keeps a high-water mark per kiosk — the highest sequence it has consumed —
 * and for each record:
 *   seq ≤ mark       → a duplicate: acknowledged and skipped;
 *   seq = mark + 1   → validated and applied with its effects in one transaction, or, when it fails
 *                      validation, stored as rejected; either way consumed (mark = seq), so a bad
 *                      record never blocks the queue;
 *   seq > mark + 1   → a gap: processing stops and the ack asks for a resend from mark + 1.
 * The kiosk marks a record synced only when an ack's mark covers it, and resumes from the backend's
 * mark after every reconnect.
 */

export const SYNC_EVENTS = {
  /** kiosk → backend, with ack `SyncAck`: where should I resume? */
  hello: 'kiosk:sync-hello',
  /** kiosk → backend, with ack `SyncAck`. */
  batch: 'kiosk:sync-batch',
} as const;

/** Bounds of one batch; the backend refuses larger ones. */
export const SYNC_LIMITS = {
  maxRecords: 500,
  maxBytes: 256 * 1024,
  maxRecordBytes: 16 * 1024,
} as const;

export const SyncRecordType = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/, 'dotted lower camel case, e.g. session.ended');

export const SyncRecord = z.object({
  seq: z.number().int().positive(),
  /** Stable across resends; the backend also refuses the same key under another sequence. */
  idempotencyKey: z.string().min(8).max(64),
  type: SyncRecordType,
  occurredAt: z.string().max(40),
  /** Validated by the backend per `type`. */
  data: z.unknown(),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

export const SyncHello = z.object({});
export const SyncBatch = z.object({
  records: z.array(SyncRecord).min(1).max(SYNC_LIMITS.maxRecords),
});
export type SyncBatch = z.infer<typeof SyncBatch>;

export const SyncErrorCode = z.enum(['invalid-message', 'batch-too-large', 'not-in-order', 'internal']);

export const SyncAck = z.union([
  z.object({
    ok: z.literal(true),
    /** Highest sequence the backend has consumed for this kiosk (0 when none). */
    highWaterMark: z.number().int().nonnegative(),
    /** Sequences of this batch consumed but stored as rejected, with why. */
    rejected: z.array(z.object({ seq: z.number().int().positive(), reason: z.string().max(300) })),
    /** Set when the batch started past the mark: send again from this sequence. */
    resendFrom: z.number().int().positive().nullable(),
  }),
  z.object({ ok: z.literal(false), error: z.object({ code: SyncErrorCode, message: z.string().max(300) }) }),
]);
export type SyncAck = z.infer<typeof SyncAck>;

/** How far behind the kiosk is; sent in heartbeats, shown in the fleet page and technician panel. */
export const SyncBacklog = z.object({
  /** Records committed locally and not yet acknowledged by the backend. */
  pending: z.number().int().nonnegative(),
  /** Age in seconds of the oldest unsynced record; null when none is pending. */
  oldestPendingSeconds: z.number().nonnegative().nullable(),
  /** Last sequence the backend acknowledged. */
  highWaterMark: z.number().int().nonnegative(),
});
export type SyncBacklog = z.infer<typeof SyncBacklog>;
