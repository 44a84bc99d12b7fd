import type { Migration } from '../../platform/sqlite.ts';

/**
 * Schema of the backend's SQLite database. Released versions never change; a new need is a new
 * version. Times are ISO-8601 strings in UTC, so they sort and compare as text.
 */
export const BACKEND_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'kiosks, presence, device status, service mode',
    sql: `
      CREATE TABLE kiosks (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        -- scrypt hash with its parameters and salt (backend/auth/secret-hash.ts); never the secret.
        secret_hash TEXT NOT NULL,
        enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at  TEXT NOT NULL
      );

      CREATE TABLE kiosk_presence (
        kiosk_id     TEXT PRIMARY KEY REFERENCES kiosks(id) ON DELETE CASCADE,
        online       INTEGER NOT NULL CHECK (online IN (0, 1)),
        connected_at TEXT,
        last_seen    TEXT,
        screen       TEXT
      );

      CREATE TABLE device_status (
        kiosk_id    TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        device      TEXT NOT NULL,
        state       TEXT NOT NULL,
        ready       INTEGER NOT NULL CHECK (ready IN (0, 1)),
        detail_json TEXT NOT NULL,
        action      TEXT NOT NULL,
        message     TEXT,
        since       TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, device)
      );

      CREATE TABLE service_mode (
        kiosk_id   TEXT PRIMARY KEY REFERENCES kiosks(id) ON DELETE CASCADE,
        in_service INTEGER NOT NULL CHECK (in_service IN (0, 1)),
        reason     TEXT,
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL
      );
    `,
  },
];
