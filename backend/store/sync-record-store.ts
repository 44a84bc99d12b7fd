import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** Where a kiosk's sync stands: the highest seq consumed, and how many of those were rejected. */
export interface SyncState {
  highWaterMark: number;
  rejected: number;
}

/** One consumed outbox record as stored. */
export interface ConsumedRecord {
  kioskId: string;
  seq: number;
  /** Null only for a record rejected because its key was already used under another seq. */
  idempotencyKey: string | null;
  type: string;
  occurredAt: string;
  dataJson: string;
  status: 'applied' | 'rejected';
  reason: string | null;
  receivedAt: string;
}

/** What the operator may see of a rejected record: never its data, which may be sensitive. */
export interface RejectedRecordSummary {
  seq: number;
  type: string;
  reason: string;
  receivedAt: string;
}

export interface SyncRecordStore {
  state(kioskId: string): SyncState;
  /** The seq under which this kiosk already used `idempotencyKey`, if it did. */
  seqOfKey(kioskId: string, idempotencyKey: string): number | undefined;
  insert(record: ConsumedRecord): void;
  /** Moves the kiosk's mark to `highWaterMark` and adds `newlyRejected` to its rejected count. */
  advance(kioskId: string, highWaterMark: number, newlyRejected: number): void;
  /** Rejected records, newest first. */
  listRejected(kioskId: string, limit: number): RejectedRecordSummary[];
}

export function createSyncRecordStore(db: SqliteDatabase): SyncRecordStore {
  const stateStatement = db.prepare<[string], { high_water_mark: number; rejected_count: number }>(
    'SELECT high_water_mark, rejected_count FROM kiosk_sync WHERE kiosk_id = ?',
  );
  const seqOfKeyStatement = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM sync_records WHERE kiosk_id = ? AND idempotency_key = ?',
  );
  const insertStatement = db.prepare(
    `INSERT INTO sync_records
       (kiosk_id, seq, idempotency_key, type, occurred_at, data_json, status, reason, received_at)
     VALUES (@kioskId, @seq, @idempotencyKey, @type, @occurredAt, @dataJson, @status, @reason, @receivedAt)`,
  );
  const advanceStatement = db.prepare(
    `INSERT INTO kiosk_sync (kiosk_id, high_water_mark, rejected_count) VALUES (?, ?, ?)
     ON CONFLICT (kiosk_id) DO UPDATE SET
       high_water_mark = excluded.high_water_mark,
       rejected_count = kiosk_sync.rejected_count + excluded.rejected_count`,
  );
  const rejectedStatement = db.prepare<
    [string, number],
    { seq: number; type: string; reason: string | null; received_at: string }
  >(
    `SELECT seq, type, reason, received_at FROM sync_records
     WHERE kiosk_id = ? AND status = 'rejected' ORDER BY seq DESC LIMIT ?`,
  );
  return {
    state: (kioskId) => {
      const row = stateStatement.get(kioskId);
      return { highWaterMark: row?.high_water_mark ?? 0, rejected: row?.rejected_count ?? 0 };
    },
    seqOfKey: (kioskId, idempotencyKey) => seqOfKeyStatement.get(kioskId, idempotencyKey)?.seq,
    insert: (record) => {
      insertStatement.run(record);
    },
    advance: (kioskId, highWaterMark, newlyRejected) => {
      advanceStatement.run(kioskId, highWaterMark, newlyRejected);
    },
    listRejected: (kioskId, limit) =>
      rejectedStatement.all(kioskId, limit).map((row) => ({
        seq: row.seq,
        type: row.type,
        reason: row.reason ?? '',
        receivedAt: row.received_at,
      })),
  };
}
