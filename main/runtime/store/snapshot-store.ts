import type { SqliteDatabase } from '../../../platform/sqlite.ts';

/**
 * The last persisted snapshot of each long-lived machine (the session), with the machine version
 * it was taken from. Written at every transition, so a restart resumes where the kiosk was.
 */
export interface SnapshotStore {
  save(machine: string, version: number, snapshot: unknown): void;
  load(machine: string): { version: number; snapshot: unknown; savedAt: string } | null;
  clear(machine: string): void;
}

export function openSnapshotStore(db: SqliteDatabase): SnapshotStore {
  const upsert = db.prepare(
    `INSERT INTO flow_snapshots (machine, version, snapshot_json, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (machine) DO UPDATE SET version = excluded.version,
       snapshot_json = excluded.snapshot_json, saved_at = excluded.saved_at`,
  );
  const select = db.prepare('SELECT version, snapshot_json, saved_at FROM flow_snapshots WHERE machine = ?');
  const remove = db.prepare('DELETE FROM flow_snapshots WHERE machine = ?');
  return {
    save: (machine, version, snapshot) => {
      upsert.run(machine, version, JSON.stringify(snapshot), new Date().toISOString());
    },
    load: (machine) => {
      const row = select.get(machine) as
        | { version: number; snapshot_json: string; saved_at: string }
        | undefined;
      if (!row) return null;
      try {
        return { version: row.version, snapshot: JSON.parse(row.snapshot_json), savedAt: row.saved_at };
      } catch {
        return { version: -1, snapshot: null, savedAt: row.saved_at };
      }
    },
    clear: (machine) => {
      remove.run(machine);
    },
  };
}
