import type { Migration } from '../../../platform/sqlite.ts';

/** The kiosk's local schema. Released versions never change; add a new one instead. */
export const KIOSK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions and device events',
    sql: `
      CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        language    TEXT,
        -- finished: through goodbye; cancelled: the customer backed out; timedOut: no answer to the prompt
        outcome     TEXT CHECK (outcome IN ('finished', 'cancelled', 'timedOut')),
        receipt     TEXT CHECK (receipt IN ('printed', 'unavailable', 'failed'))
      );
      -- Every change of a device's state, for the technician: when did the printer go offline?
      CREATE TABLE device_events (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        at       TEXT NOT NULL,
        device   TEXT NOT NULL,
        state    TEXT NOT NULL,
        ready    INTEGER NOT NULL,
        message  TEXT
      );
      CREATE INDEX device_events_by_device ON device_events (device, seq);
    `,
  },
];
