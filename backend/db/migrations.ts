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
  {
    version: 2,
    name: 'kiosk public keys and used token nonces',
    // A kiosk now proves itself with a token signed by its own Ed25519 key. Secret hashes cannot be
    // turned into public keys: a kiosk registered before this version has none and is refused
    // until it is given a key pair (`backend/cli.ts rekey-kiosk`, or the --kiosks file).
    sql: `
      ALTER TABLE kiosks ADD COLUMN public_key TEXT;
      ALTER TABLE kiosks DROP COLUMN secret_hash;

      -- Nonces of accepted tokens, kept until the token expires, so none is accepted twice.
      CREATE TABLE kiosk_auth_nonces (
        kiosk_id   TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        nonce      TEXT NOT NULL,
        expires_at INTEGER NOT NULL, -- epoch ms
        PRIMARY KEY (kiosk_id, nonce)
      ) WITHOUT ROWID;
      CREATE INDEX kiosk_auth_nonces_by_expiry ON kiosk_auth_nonces (expires_at);
    `,
  },
  {
    version: 3,
    name: 'sync ingestion: records, high-water marks, backlog, sessions, incidents',
    sql: `
      -- Every record consumed from a kiosk's outbox, applied or rejected, once per (kiosk, seq).
      CREATE TABLE sync_records (
        kiosk_id        TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL CHECK (seq > 0),
        -- NULL only on a record rejected because its key was already used under another seq.
        idempotency_key TEXT,
        type            TEXT NOT NULL,
        occurred_at     TEXT NOT NULL,
        data_json       TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
        reason          TEXT,
        received_at     TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, seq),
        UNIQUE (kiosk_id, idempotency_key)
      );
      CREATE INDEX sync_records_rejected ON sync_records (kiosk_id, seq) WHERE status = 'rejected';

      -- The highest seq consumed per kiosk; moves only in the transaction that stores the records.
      CREATE TABLE kiosk_sync (
        kiosk_id        TEXT PRIMARY KEY REFERENCES kiosks(id) ON DELETE CASCADE,
        high_water_mark INTEGER NOT NULL DEFAULT 0 CHECK (high_water_mark >= 0),
        rejected_count  INTEGER NOT NULL DEFAULT 0 CHECK (rejected_count >= 0)
      );

      -- The outbox backlog the kiosk reported in its last heartbeat.
      CREATE TABLE sync_backlog (
        kiosk_id               TEXT PRIMARY KEY REFERENCES kiosks(id) ON DELETE CASCADE,
        pending                INTEGER NOT NULL,
        oldest_pending_seconds REAL,
        high_water_mark        INTEGER NOT NULL,
        reported_at            TEXT NOT NULL
      );

      -- Effect of a 'session.ended' record.
      CREATE TABLE sessions (
        kiosk_id   TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at   TEXT NOT NULL,
        language   TEXT,
        outcome    TEXT NOT NULL,
        receipt    TEXT,
        PRIMARY KEY (kiosk_id, session_id),
        FOREIGN KEY (kiosk_id, seq) REFERENCES sync_records (kiosk_id, seq)
      );

      -- Effect of a 'device.actionInDoubt' record: something for a technician to look at.
      CREATE TABLE incidents (
        kiosk_id     TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        occurred_at  TEXT NOT NULL,
        intent_seq   INTEGER NOT NULL,
        device       TEXT NOT NULL,
        action       TEXT NOT NULL,
        resolution   TEXT NOT NULL,
        device_state TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, seq),
        FOREIGN KEY (kiosk_id, seq) REFERENCES sync_records (kiosk_id, seq)
      );
    `,
  },
  {
    version: 4,
    name: 'cash: accounts, deposits, exchanges, cash levels',
    sql: `
      -- The bank's accounts a kiosk may deposit into. account_ref is the opaque reference kiosks
      -- carry instead of the number; it is made once, when the account is first seeded.
      CREATE TABLE accounts (
        account_ref    TEXT PRIMARY KEY,
        account_number TEXT NOT NULL UNIQUE,
        holder_name    TEXT NOT NULL,
        -- Minor units of the account's currency.
        balance        INTEGER NOT NULL DEFAULT 0,
        currency       TEXT NOT NULL
      );

      -- Effect of a 'cash.deposit' record. A deposit that cannot be credited (no account with that
      -- number, another currency, a total that does not add up) is kept as 'unmatched' with the
      -- reason, for the back office: the money is in the kiosk and must never vanish from the record.
      CREATE TABLE deposits (
        kiosk_id         TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        deposit_id       TEXT NOT NULL,
        seq              INTEGER NOT NULL,
        currency         TEXT NOT NULL,
        -- The account credited; NULL while unmatched.
        account_ref      TEXT REFERENCES accounts (account_ref),
        -- The number typed at the kiosk, for a deposit captured offline; else NULL.
        account_number   TEXT,
        notes_json       TEXT NOT NULL,
        coins_json       TEXT NOT NULL,
        total            INTEGER NOT NULL CHECK (total >= 0),
        captured_offline INTEGER NOT NULL CHECK (captured_offline IN (0, 1)),
        ending           TEXT NOT NULL,
        completed_at     TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('credited', 'unmatched')),
        unmatched_reason TEXT,
        received_at      TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, deposit_id),
        FOREIGN KEY (kiosk_id, seq) REFERENCES sync_records (kiosk_id, seq)
      );
      CREATE INDEX deposits_by_kiosk_time ON deposits (kiosk_id, completed_at);
      CREATE INDEX deposits_unmatched ON deposits (kiosk_id, seq) WHERE status = 'unmatched';

      -- Effect of a 'cash.exchange' record: a technician's replenishment or emptying, with what
      -- the kiosk expected and what was counted, so a difference stays visible.
      CREATE TABLE cash_exchanges (
        kiosk_id      TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
        exchange_id   TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        device        TEXT NOT NULL,
        kind          TEXT NOT NULL,
        expected_json TEXT NOT NULL,
        counted_json  TEXT NOT NULL,
        -- Counted minus expected, in minor units; 0 when the count matched the ledger.
        difference    INTEGER NOT NULL,
        started_at    TEXT NOT NULL,
        ended_at      TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, exchange_id),
        FOREIGN KEY (kiosk_id, seq) REFERENCES sync_records (kiosk_id, seq)
      );

      -- The cash a kiosk reported in its last heartbeat (CashLevels as JSON).
      CREATE TABLE cash_levels (
        kiosk_id    TEXT PRIMARY KEY REFERENCES kiosks(id) ON DELETE CASCADE,
        levels_json TEXT NOT NULL,
        reported_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'cards: orders, issued card numbers, mail requests, backend secrets',
    sql: `
      -- Card orders made in the bank's app (or seeded, or POST /api/card-orders). order_code is what
      -- the customer types at the kiosk; order_ref is the opaque reference kiosks and records carry.
      -- The status the kiosk sees is derived (backend/cards/card-order-status.ts): issued or issuing
      -- from the cards below, else this stored status, expired once past expires_at.
      CREATE TABLE card_orders (
        order_ref         TEXT PRIMARY KEY,
        order_code        TEXT NOT NULL UNIQUE CHECK (length(order_code) = 8),
        account_ref       TEXT NOT NULL REFERENCES accounts (account_ref),
        -- Names as the card carries them: upper-case Latin letters, spaces, hyphens, apostrophes.
        surname           TEXT NOT NULL,
        given_names       TEXT NOT NULL,
        product           TEXT NOT NULL CHECK (product IN ('debit')),
        -- Where a card asked for by mail goes; NULL: the address the bank holds for the account.
        delivery_address  TEXT,
        status            TEXT NOT NULL CHECK (status IN ('open', 'mailRequested', 'cancelled', 'expired')),
        expires_at        TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        mail_requested_at TEXT
      );

      -- Every card number issued to a kiosk: one per physical card. Never the full number: the
      -- masked form, the last four digits, and a keyed hash (HMAC-SHA256) that keeps numbers unique.
      CREATE TABLE cards (
        card_id        TEXT PRIMARY KEY,
        order_ref      TEXT NOT NULL REFERENCES card_orders (order_ref),
        kiosk_id       TEXT NOT NULL REFERENCES kiosks (id),
        attempt_id     TEXT NOT NULL,
        attempt        INTEGER NOT NULL CHECK (attempt BETWEEN 1 AND 3),
        -- pending: sent to the kiosk, no outcome yet; then issued, spoiled or voided, once.
        status         TEXT NOT NULL CHECK (status IN ('pending', 'issued', 'spoiled', 'voided')),
        pan_masked     TEXT NOT NULL,
        last4          TEXT NOT NULL CHECK (length(last4) = 4),
        pan_hash       TEXT NOT NULL UNIQUE,
        -- YYMM, as on the stripe.
        expiry         TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        -- The outcome: the sync record that reported it (NULL when the backend voided the number
        -- itself), the kiosk's time, and what the record said.
        outcome_seq    INTEGER,
        outcome_at     TEXT,
        detected_by    TEXT,
        taken          INTEGER CHECK (taken IN (0, 1)),
        spoil_reason   TEXT,
        disposition    TEXT,
        void_reason    TEXT
      );
      CREATE INDEX cards_by_order ON cards (order_ref);
      CREATE INDEX cards_by_attempt ON cards (attempt_id);
      CREATE INDEX cards_by_time ON cards (created_at);

      -- Effect of a 'card.mailRequested' record. A request that matches no order that can still be
      -- mailed is kept as 'unmatched' with the reason, for the back office.
      CREATE TABLE card_mail_requests (
        kiosk_id         TEXT NOT NULL REFERENCES kiosks (id) ON DELETE CASCADE,
        request_id       TEXT NOT NULL,
        seq              INTEGER NOT NULL,
        -- The order the request was applied to; NULL while unmatched.
        order_ref        TEXT REFERENCES card_orders (order_ref),
        -- The code the customer typed, for a request made offline; else NULL.
        order_code       TEXT,
        reason           TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('matched', 'unmatched')),
        unmatched_reason TEXT,
        requested_at     TEXT NOT NULL,
        received_at      TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, request_id),
        FOREIGN KEY (kiosk_id, seq) REFERENCES sync_records (kiosk_id, seq)
      );
      CREATE INDEX card_mail_requests_unmatched ON card_mail_requests (kiosk_id, seq)
        WHERE status = 'unmatched';

      -- Keys the backend made for itself when none was configured (e.g. the card number key).
      CREATE TABLE backend_secrets (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'identity: card orders by document, account applications',
    sql: `
      -- HMAC-SHA256 (identity key) of the customer's document, issuingState|documentNumber|birthDate,
      -- so a kiosk that read the document finds the order; never the document itself. NULL: the
      -- order was made without one and is found by its code only.
      ALTER TABLE card_orders ADD COLUMN document_hash TEXT;
      CREATE INDEX card_orders_by_document ON card_orders (document_hash, created_at)
        WHERE document_hash IS NOT NULL;

      -- Applications pre-filled in the bank's app; the data is sealed (AES-256-GCM, identity key).
      CREATE TABLE account_applications (
        application_ref TEXT PRIMARY KEY,
        prefill_sealed  TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'video teller: teller accounts, sessions, audit log, callback requests; card order approval flag',
    sql: `
      -- People who answer kiosk video calls. The password is kept as an scrypt hash with its
      -- parameters and salt (backend/teller/accounts/password-hash.ts); never the password.
      CREATE TABLE teller_accounts (
        teller_id      TEXT PRIMARY KEY,
        username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('teller', 'supervisor')),
        -- JSON arrays of Language and CallTopic.
        languages_json TEXT NOT NULL,
        topics_json    TEXT NOT NULL,
        password_hash  TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );

      -- Signed-in consoles. Only the SHA-256 of the bearer token is kept, so a copy of the
      -- database does not sign anyone in.
      CREATE TABLE teller_sessions (
        token_hash TEXT PRIMARY KEY,
        teller_id  TEXT NOT NULL REFERENCES teller_accounts (teller_id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      ) WITHOUT ROWID;
      CREATE INDEX teller_sessions_by_teller ON teller_sessions (teller_id);
      CREATE INDEX teller_sessions_by_expiry ON teller_sessions (expires_at);

      -- Every teller action. No foreign key to teller_accounts: the record must outlive the
      -- account, and a failed login may name no account at all (teller_id NULL).
      CREATE TABLE teller_audit (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        teller_id TEXT,
        username  TEXT NOT NULL,
        action    TEXT NOT NULL,
        call_id   TEXT,
        kiosk_id  TEXT,
        -- The teller's own words or a short reason; never customer data.
        detail    TEXT
      );
      CREATE INDEX teller_audit_by_teller ON teller_audit (teller_id, id);
      CREATE INDEX teller_audit_by_call ON teller_audit (call_id, id) WHERE call_id IS NOT NULL;

      -- Customers who left the queue to be called back. The phone number is sealed (AES-256-GCM,
      -- key derived from the identity key; backend/db/sealed-value.ts).
      CREATE TABLE teller_callbacks (
        callback_id  TEXT PRIMARY KEY,
        kiosk_id     TEXT NOT NULL REFERENCES kiosks (id) ON DELETE CASCADE,
        call_id      TEXT NOT NULL UNIQUE,
        language     TEXT NOT NULL,
        topic        TEXT NOT NULL,
        phone_sealed TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        requested_at TEXT NOT NULL
      );
      CREATE INDEX teller_callbacks_open ON teller_callbacks (requested_at) WHERE status = 'open';

      -- The bank wants a teller to approve the card before a kiosk makes it.
      ALTER TABLE card_orders ADD COLUMN teller_approval INTEGER NOT NULL DEFAULT 0
        CHECK (teller_approval IN (0, 1));
    `,
  },
];
