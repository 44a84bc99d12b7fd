import type { SqliteDatabase } from '../../platform/sqlite.ts';

/**
 * A registered kiosk as the backend knows it: only its public key, never anything that could sign
 * a token. `publicKey` is null for a kiosk registered before keys existed, which cannot connect.
 */
export interface KioskRecord {
  kioskId: string;
  name: string;
  /** Ed25519 public key, SPKI PEM. */
  publicKey: string | null;
  enabled: boolean;
  createdAt: string;
}

interface KioskRow {
  id: string;
  name: string;
  public_key: string | null;
  enabled: number;
  created_at: string;
}

function toRecord(row: KioskRow): KioskRecord {
  return {
    kioskId: row.id,
    name: row.name,
    publicKey: row.public_key,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}

export interface KioskStore {
  find(kioskId: string): KioskRecord | undefined;
  list(): KioskRecord[];
  /** Adds a kiosk; false when the id is taken. */
  insert(kiosk: Omit<KioskRecord, 'createdAt'>, now?: Date): boolean;
  /** Adds a kiosk or replaces its name, public key and enabled flag, keeping its creation time. */
  upsert(kiosk: Omit<KioskRecord, 'createdAt'>, now?: Date): void;
  /** Replaces a kiosk's public key; false when there is no such kiosk. */
  setPublicKey(kioskId: string, publicKey: string): boolean;
}

export function createKioskStore(db: SqliteDatabase): KioskStore {
  const findStatement = db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE id = ?');
  const listStatement = db.prepare<[], KioskRow>('SELECT * FROM kiosks ORDER BY name, id');
  const insertStatement = db.prepare(
    `INSERT INTO kiosks (id, name, public_key, enabled, created_at)
     VALUES (@id, @name, @publicKey, @enabled, @createdAt)
     ON CONFLICT (id) DO NOTHING`,
  );
  const upsertStatement = db.prepare(
    `INSERT INTO kiosks (id, name, public_key, enabled, created_at)
     VALUES (@id, @name, @publicKey, @enabled, @createdAt)
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, public_key = excluded.public_key, enabled = excluded.enabled`,
  );
  const setPublicKeyStatement = db.prepare('UPDATE kiosks SET public_key = ? WHERE id = ?');
  const params = (kiosk: Omit<KioskRecord, 'createdAt'>, now: Date) => ({
    id: kiosk.kioskId,
    name: kiosk.name,
    publicKey: kiosk.publicKey,
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
    setPublicKey: (kioskId, publicKey) => setPublicKeyStatement.run(publicKey, kioskId).changes === 1,
  };
}
