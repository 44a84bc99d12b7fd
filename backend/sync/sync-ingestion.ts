import type { SyncAck, SyncBatch, SyncRecord } from '../../contracts/sync-protocol.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';
import type { SyncRecordStore } from '../store/sync-record-store.ts';
import { MAX_REASON_LENGTH } from './issue-summary.ts';
import { type ApplyRecordEffect, RecordConflict } from './record-effects.ts';
import { validateRecord } from './record-validation.ts';

type SyncAccepted = Extract<SyncAck, { ok: true }>;

export interface SyncIngestion {
  /** Where the kiosk should resume: its mark, from the database. */
  hello(kioskId: string): SyncAccepted;
  /**
   * Consumes a screened batch (see `screenBatch`) and answers with the new mark. Throws only on a
   * failure of ours (the database); then nothing of the batch is stored.
   */
  ingest(kioskId: string, batch: SyncBatch, now?: Date): SyncAccepted;
}

/**
 * Exactly-once ingestion of a kiosk's outbox (contracts/sync-protocol.ts).
 *
 * One SQLite transaction per batch: the records, their effects and the high-water mark commit
 * together or not at all, so the mark never covers a record that is not stored and a record is
 * never stored twice (a crash mid-batch leaves the old mark, and the kiosk's resend is consumed
 * as new). One transaction, and so one fsync, per batch rather than per record lets a kiosk that
 * was offline catch up hundreds of records quickly; a batch is bounded by SYNC_LIMITS, so the
 * transaction holds the (single-threaded) process for milliseconds, not long enough to keep other
 * kiosks waiting. Each record's effect runs in a savepoint, so a conflict with stored data undoes
 * just that record, which is then stored as rejected and never blocks the queue.
 *
 * Exactly-once relies on the kiosk id coming from the authenticated socket, never the message.
 */
export function createSyncIngestion(
  db: SqliteDatabase,
  records: SyncRecordStore,
  applyEffect: ApplyRecordEffect,
): SyncIngestion {
  const applyInSavepoint = db.transaction((run: () => void) => run());

  const consume = (kioskId: string, record: SyncRecord, receivedAt: string): string | null => {
    const stored = {
      kioskId,
      seq: record.seq,
      type: record.type,
      occurredAt: record.occurredAt,
      // `data` may be absent from the message; the column keeps JSON either way.
      dataJson: JSON.stringify(record.data ?? null),
      receivedAt,
    };
    const reject = (reason: string, idempotencyKey: string | null = record.idempotencyKey) => {
      const trimmed = reason.slice(0, MAX_REASON_LENGTH);
      records.insert({ ...stored, idempotencyKey, status: 'rejected', reason: trimmed });
      return trimmed;
    };

    const earlierSeq = records.seqOfKey(kioskId, record.idempotencyKey);
    if (earlierSeq !== undefined) {
      // The key stays with its first record, so the UNIQUE (kiosk, key) holds: stored without it.
      return reject(`duplicate idempotency key: already used by seq ${earlierSeq}`, null);
    }
    const validated = validateRecord(record.type, record.data);
    if (!validated.ok) return reject(validated.reason);
    try {
      applyInSavepoint(() => {
        records.insert({ ...stored, idempotencyKey: record.idempotencyKey, status: 'applied', reason: null });
        applyEffect(validated, { kioskId, seq: record.seq, occurredAt: record.occurredAt, receivedAt });
      });
      return null;
    } catch (error) {
      if (error instanceof RecordConflict) return reject(error.message);
      if (isConstraintViolation(error))
        return reject(`conflicts with stored data: ${(error as Error).message}`);
      throw error;
    }
  };

  const ingestBatch = db.transaction((kioskId: string, batch: SyncBatch, now: Date): SyncAccepted => {
    const receivedAt = now.toISOString();
    const before = records.state(kioskId).highWaterMark;
    let mark = before;
    let resendFrom: number | null = null;
    const rejected: SyncAccepted['rejected'] = [];
    for (const record of batch.records) {
      if (record.seq <= mark) continue; // already consumed: a resend after a lost ack
      if (record.seq > mark + 1) {
        resendFrom = mark + 1; // a gap: what follows cannot be consumed before the missing seqs
        break;
      }
      const reason = consume(kioskId, record, receivedAt);
      if (reason !== null) rejected.push({ seq: record.seq, reason });
      mark = record.seq;
    }
    if (mark !== before) records.advance(kioskId, mark, rejected.length);
    return { ok: true, highWaterMark: mark, rejected, resendFrom };
  });

  return {
    hello: (kioskId) => ({
      ok: true,
      highWaterMark: records.state(kioskId).highWaterMark,
      rejected: [],
      resendFrom: null,
    }),
    ingest: (kioskId, batch, now = new Date()) => ingestBatch(kioskId, batch, now),
  };
}

function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
