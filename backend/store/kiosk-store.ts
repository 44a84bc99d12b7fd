import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** A registered kiosk as the backend knows it. The secret exists here only as its hash. */
export interface KioskRecord {
  kioskId: string;
  name: string;
  secretHash: string;
  enabled: boolean;
  createdAt: string;
}

interface KioskRow {
  id: string;
  name: string;
  secret_hash: string;
  enabled: number;
  created_at: string;
}

function toRecord(row: KioskRow): KioskRecord {
  return {
    kioskId: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}

export interface KioskStore {
  find(kioskId: string): KioskRecord | undefined;
  list(): KioskRecord[];
  /** Adds a kiosk; false when the id is taken. */
  insert(kiosk: Omit<KioskRecord, 'createdAt'>, now?: Date): boolean;
  /** Adds a kiosk or replaces its name, secret hash and enabled flag, keeping its creation time. */
  upsert(kiosk: Omit<KioskRecord, 'createdAt'>, now?: Date): void;
}

export function createKioskStore(db: SqliteDatabase): KioskStore {
  const findStatement = db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE id = ?');
  const listStatement = db.prepare<[], KioskRow>('SELECT * FROM kiosks ORDER BY name, id');
  const insertStatement = db.prepare(
    `INSERT INTO kiosks (id, name, secret_hash, enabled, created_at)
     VALUES (@id, @name, @secretHash, @enabled, @createdAt)
     ON CONFLICT (id) DO NOTHING`,
  );
  const upsertStatement = db.prepare(
    `INSERT INTO kiosks (id, name, secret_hash, enabled, created_at)
     VALUES (@id, @name, @secretHash, @enabled, @createdAt)
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, secret_hash = excluded.secret_hash, enabled = excluded.enabled`,
  );
  const params = (kiosk: Omit<KioskRecord, 'createdAt'>, now: Date) => ({
    id: kiosk.kioskId,
    name: kiosk.name,
    secretHash: kiosk.secretHash,
    enabled: kiosk.enabled ? 1 : 0,
    createdAt: now.toISOString(),
  });
  return {
    find: (kioskId) => {
      const row = findStatement.get(kioskId);
      return row ? toRecord(row) : undefined;
    },
    list: () => listStatement.all().map(toRecord),
    insert: (kiosk, now = new Date()) => insertStatement.run(params(kiosk, now)).changes === 1,
    upsert: (kiosk, now = new Date()) => {
      upsertStatement.run(params(kiosk, now));
    },
  };
}
