import { CashLevels } from '../../contracts/backend-protocol.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** The cash each kiosk reported in its last heartbeat. */
export interface CashLevelsStore {
  /** Stores the levels of a heartbeat; a heartbeat without them (no cash devices) clears them. */
  record(kioskId: string, levels: CashLevels | undefined, now?: Date): void;
  find(kioskId: string): CashLevels | null;
}

export function createCashLevelsStore(db: SqliteDatabase): CashLevelsStore {
  const upsertStatement = db.prepare(
    `INSERT INTO cash_levels (kiosk_id, levels_json, reported_at) VALUES (?, ?, ?)
     ON CONFLICT (kiosk_id) DO UPDATE SET levels_json = excluded.levels_json, reported_at = excluded.reported_at`,
  );
  const clearStatement = db.prepare('DELETE FROM cash_levels WHERE kiosk_id = ?');
  const findStatement = db.prepare<[string], { levels_json: string }>(
    'SELECT levels_json FROM cash_levels WHERE kiosk_id = ?',
  );
  return {
    record: (kioskId, levels, now = new Date()) => {
      if (!levels) {
        clearStatement.run(kioskId);
        return;
      }
      upsertStatement.run(kioskId, JSON.stringify(levels), now.toISOString());
    },
    find: (kioskId) => {
      const row = findStatement.get(kioskId);
      if (!row) return null;
      // Stored from a validated heartbeat; parsed again so a hand-edited row cannot reach the page.
      const parsed = CashLevels.safeParse(JSON.parse(row.levels_json));
      return parsed.success ? parsed.data : null;
    },
  };
}
