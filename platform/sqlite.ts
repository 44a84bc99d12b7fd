import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** A numbered schema step. Versions start at 1 and never change once released. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Opens a SQLite database the way every Ventanilla store uses it: WAL (readers never block the
 * writer, a crash loses no committed transaction), foreign keys on, a busy timeout instead of
 * immediate SQLITE_BUSY, then applies the pending migrations.
 */
export function openDatabase(path: string, migrations: readonly Migration[]): SqliteDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, migrations);
  return db;
}

/**
 * Applies migrations above `PRAGMA user_version`, each in its own transaction with the version
 * bump, so a crash leaves the schema at a whole version. A database newer than this software
 * is refused rather than used with a schema it does not know.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = sorted.length;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this software knows (${latest})`);
  }
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
