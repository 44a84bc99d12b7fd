import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** Keys the backend makes for itself when none is configured, kept across restarts. */
export interface SecretStore {
  /** The stored value of `name`; made with `create` and stored the first time it is asked for. */
  getOrCreate(name: string, create: () => string): string;
}

export function createSecretStore(db: SqliteDatabase): SecretStore {
  const getStatement = db.prepare<[string], { value: string }>(
    'SELECT value FROM backend_secrets WHERE name = ?',
  );
  const insertStatement = db.prepare(
    'INSERT INTO backend_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
  );
  return {
    getOrCreate: (name, create) => {
      const stored = getStatement.get(name);
      if (stored) return stored.value;
      insertStatement.run(name, create(), new Date().toISOString());
      return getStatement.get(name)!.value;
    },
  };
}
