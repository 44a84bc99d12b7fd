import type { SyncBacklog } from '../../contracts/sync-protocol.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** The outbox backlog each kiosk reported in its last heartbeat. */
export interface SyncBacklogStore {
  /** Stores the backlog of a heartbeat; a heartbeat without one (a kiosk without sync) clears it. */
  record(kioskId: string, backlog: SyncBacklog | undefined, now?: Date): void;
  find(kioskId: string): SyncBacklog | null;
}

interface BacklogRow {
  pending: number;
  oldest_pending_seconds: number | null;
  high_water_mark: number;
}

export function createSyncBacklogStore(db: SqliteDatabase): SyncBacklogStore {
  const upsertStatement = db.prepare(
    `INSERT INTO sync_backlog (kiosk_id, pending, oldest_pending_seconds, high_water_mark, reported_at)
     VALUES (@kioskId, @pending, @oldestPendingSeconds, @highWaterMark, @reportedAt)
     ON CONFLICT (kiosk_id) DO UPDATE SET pending = excluded.pending,
       oldest_pending_seconds = excluded.oldest_pending_seconds,
       high_water_mark = excluded.high_water_mark, reported_at = excluded.reported_at`,
  );
  const clearStatement = db.prepare('DELETE FROM sync_backlog WHERE kiosk_id = ?');
  const findStatement = db.prepare<[string], BacklogRow>(
    'SELECT pending, oldest_pending_seconds, high_water_mark FROM sync_backlog WHERE kiosk_id = ?',
  );
  return {
    record: (kioskId, backlog, now = new Date()) => {
      if (!backlog) {
        clearStatement.run(kioskId);
        return;
      }
      upsertStatement.run({ kioskId, ...backlog, reportedAt: now.toISOString() });
    },
    find: (kioskId) => {
      const row = findStatement.get(kioskId);
      if (!row) return null;
      return {
        pending: row.pending,
        oldestPendingSeconds: row.oldest_pending_seconds,
        highWaterMark: row.high_water_mark,
      };
    },
  };
}
