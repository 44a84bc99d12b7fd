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
  {
    version: 2,
    name: 'electronic journal, outbox and sync state',
    sql: `
      -- The electronic journal (main/runtime/journal): append-only and hash-chained. seq is the
      -- rowid, so "the last entry" and "entries before seq N" are B-tree seeks.
      CREATE TABLE journal (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        type       TEXT NOT NULL,
        data_json  TEXT NOT NULL,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
      );
      -- An index on (type) holds (type, seq): a type search walks it newest first and stops at
      -- the limit. A time range without a type uses (at).
      CREATE INDEX journal_by_type ON journal (type);
      CREATE INDEX journal_by_at ON journal (at);
      -- Append-only is enforced by the database, not by convention: no code path can rewrite or
      -- remove an entry through SQL without first dropping these triggers.
      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
      BEGIN
        SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be updated');
      END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
      BEGIN
        SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be deleted');
      END;

      -- Transactional outbox: the business records for the backend, written in the journal
      -- entry's transaction. seq is the per-kiosk sync sequence (1, 2, 3 … without gaps).
      CREATE TABLE outbox (
        seq              INTEGER PRIMARY KEY,
        journal_seq      INTEGER NOT NULL REFERENCES journal (seq),
        idempotency_key  TEXT NOT NULL UNIQUE,
        type             TEXT NOT NULL,
        occurred_at      TEXT NOT NULL,
        data_json        TEXT NOT NULL,
        synced_at        TEXT NULL
      );
      -- Only the unsynced rows: small however long the kiosk has been running.
      CREATE INDEX outbox_unsynced ON outbox (seq) WHERE synced_at IS NULL;

      -- The backend's high-water mark for this kiosk, as last acknowledged.
      CREATE TABLE sync_state (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        high_water_mark  INTEGER NOT NULL
      );
      INSERT INTO sync_state (id, high_water_mark) VALUES (1, 0);

      -- Device intents without an outcome, maintained in the intent's and the outcome's
      -- transactions, so start-up recovery does not scan the journal.
      CREATE TABLE journal_open_intents (
        intent_seq  INTEGER PRIMARY KEY REFERENCES journal (seq)
      );
    `,
  },
  {
    version: 3,
    name: 'flow snapshots; sessions and device events move to the journal',
    sql: `
      -- The last persisted snapshot of each long-lived machine, with the machine version it was
      -- taken from: a restart resumes where the kiosk was, and an older version is closed out.
      CREATE TABLE flow_snapshots (
        machine        TEXT PRIMARY KEY,
        version        INTEGER NOT NULL,
        snapshot_json  TEXT NOT NULL,
        saved_at       TEXT NOT NULL
      );
      -- Sessions (session.ended) and device changes (device.status) are journal entries now.
      DROP TABLE sessions;
      DROP TABLE device_events;
    `,
  },
  {
    version: 4,
    name: 'cash counts',
    sql: `
      -- What the kiosk holds, per place and value (minor units): the note in escrow, the cashbox
      -- (notes stacked and coins accepted), the hopper (coins to pay out). Changed only by the cash
      -- ledger (main/runtime/cash), in the transaction of the journal entry that explains the change.
      CREATE TABLE cash_counts (
        location TEXT NOT NULL CHECK (location IN ('escrow', 'cashbox', 'hopper')),
        value    INTEGER NOT NULL CHECK (value > 0),
        count    INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (location, value)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'identity captures',
    sql: `
      -- A read identity document (MRZ fields and lines, the image for image reads), AES-256-GCM
      -- encrypted by main/runtime/identity/capture-store.ts: nothing of the document is in clear
      -- here. Kept only until the flow or session that read it ends, at most expires_at (epoch
      -- milliseconds); rows past it are swept. docs/security.md "Identity documents".
      CREATE TABLE identity_captures (
        id          TEXT PRIMARY KEY,
        session_id  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        ciphertext  BLOB NOT NULL,
        iv          BLOB NOT NULL,
        tag         BLOB NOT NULL,
        -- Fingerprint of the data key the row was sealed with: a row of another key is dropped.
        key_id      TEXT NOT NULL
      );
      CREATE INDEX identity_captures_by_session ON identity_captures (session_id);
      CREATE INDEX identity_captures_by_expiry ON identity_captures (expires_at);
    `,
  },
];
