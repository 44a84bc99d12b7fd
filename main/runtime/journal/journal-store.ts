import { randomUUID } from 'node:crypto';
import {
  type Durability,
  SYNC_LIMITS,
  type SyncBacklog,
  type SyncRecord,
  SyncRecordType,
} from '../../../contracts/index.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import { canonicalJson } from './canonical-json.ts';
import { entryHash, GENESIS_HASH } from './entry-hash.ts';
import { assertJournalSchema, createJournalSearch, verifyJournal } from './journal-reader.ts';
import { type DeviceIntent, JOURNAL_ENTRY_TYPES, type JournalStore, type RecordReceipt } from './types.ts';

/**
 * The journal and outbox on the kiosk's SQLite database (schema: migration 2 of
 * main/runtime/store/migrations.ts). The runtime opens the database with
 * `openDatabase(path, KIOSK_MIGRATIONS)` and hands it over; `close()` closes it.
 *
 * Personal data: the journal stores the data its callers pass, as they pass it, and it cannot be
 * changed afterwards. Callers therefore pass ids and codes (session ids, device names, outcome
 * codes, amounts) and never a customer's name, document number or card number in clear.
 * Encryption at rest of the fields that need it arrives with the first flow that handles
 * personal data.
 *
 * Sequences: journal and outbox sequences are computed as max + 1 inside the writing transaction
 * (begun IMMEDIATE, so no other writer can interleave), which keeps them gapless — SQLite's
 * AUTOINCREMENT would leave a gap behind every rolled-back insert.
 */

export interface JournalStoreOptions {
  /** The clock of entry times; tests pass a fake one. */
  now?: () => Date;
}

interface AppendResult {
  seq: number;
  at: string;
}

export function openJournalStore(db: SqliteDatabase, options: JournalStoreOptions = {}): JournalStore {
  assertJournalSchema(db);
  const now = options.now ?? (() => new Date());

  const lastEntry = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const insertEntry = db.prepare(
    'INSERT INTO journal (seq, at, type, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const lastOutboxSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox');
  const insertOutbox = db.prepare(
    'INSERT INTO outbox (seq, journal_seq, idempotency_key, type, occurred_at, data_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertOpenIntent = db.prepare('INSERT INTO journal_open_intents (intent_seq) VALUES (?)');
  const deleteOpenIntent = db.prepare('DELETE FROM journal_open_intents WHERE intent_seq = ?');
  const selectOpenIntents = db.prepare(
    'SELECT j.seq, j.at, j.data_json FROM journal_open_intents o JOIN journal j ON j.seq = o.intent_seq ORDER BY j.seq',
  );
  const selectPending = db.prepare(
    'SELECT seq, idempotency_key, type, occurred_at, data_json FROM outbox WHERE seq > ? AND synced_at IS NULL ORDER BY seq LIMIT ?',
  );
  const markRowsSynced = db.prepare('UPDATE outbox SET synced_at = ? WHERE seq <= ? AND synced_at IS NULL');
  // The mark only moves forward: an old ack arriving late must not make synced rows look pending.
  const storeMark = db.prepare(
    'UPDATE sync_state SET high_water_mark = max(high_water_mark, ?) WHERE id = 1',
  );
  const selectMark = db.prepare('SELECT high_water_mark AS mark FROM sync_state WHERE id = 1');
  const countPending = db.prepare('SELECT count(*) AS pending FROM outbox WHERE synced_at IS NULL');
  const oldestPending = db.prepare(
    'SELECT occurred_at FROM outbox WHERE synced_at IS NULL ORDER BY seq LIMIT 1',
  );
  const search = createJournalSearch(db);

  /** Appends one chained entry; call inside a transaction. */
  const append = (type: string, dataJson: string): AppendResult => {
    const last = lastEntry.get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const at = now().toISOString();
    // Hashed from the stored text, exactly as verify() will read it back.
    const hash = entryHash({ seq, at, type, data: JSON.parse(dataJson), prevHash });
    insertEntry.run(seq, at, type, dataJson, prevHash, hash);
    return { seq, at };
  };

  const recordTransaction = db.transaction(
    (
      type: string,
      dataJson: string,
      idempotencyKey: string | null,
      alongside: (() => void) | undefined,
    ): RecordReceipt => {
      // First, so a write of the caller's that fails leaves no entry behind to roll back.
      alongside?.();
      const entry = append(type, dataJson);
      if (idempotencyKey === null) return { journalSeq: entry.seq, outboxSeq: null, idempotencyKey: null };
      const outboxSeq = (lastOutboxSeq.get() as { seq: number }).seq + 1;
      insertOutbox.run(outboxSeq, entry.seq, idempotencyKey, type, entry.at, dataJson);
      return { journalSeq: entry.seq, outboxSeq, idempotencyKey };
    },
  );

  const intentTransaction = db.transaction((dataJson: string): AppendResult => {
    const entry = append(JOURNAL_ENTRY_TYPES.deviceIntent, dataJson);
    insertOpenIntent.run(entry.seq);
    return entry;
  });

  const outcomeTransaction = db.transaction((intentSeq: number, dataJson: string): void => {
    // Checked first: a second outcome for the same intent is a bug, and must leave no entry.
    if (deleteOpenIntent.run(intentSeq).changes === 0) {
      throw new Error(`device intent ${intentSeq} is not open: it has an outcome already or does not exist`);
    }
    append(JOURNAL_ENTRY_TYPES.deviceOutcome, dataJson);
  });

  const markTransaction = db.transaction((highWaterMark: number, at: string): void => {
    markRowsSynced.run(at, highWaterMark);
    storeMark.run(highWaterMark);
  });

  /**
   * Runs a write transaction with the durability asked for. `synchronous` is a per-connection
   * setting that SQLite ignores inside a transaction, so FULL is set before BEGIN and the
   * previous level restored after COMMIT (or ROLLBACK). IMMEDIATE takes the write lock at BEGIN,
   * so the max + 1 sequences read inside cannot be raced by another connection.
   */
  function commit<T>(durability: Durability, run: { immediate: () => T }): T {
    if (durability !== 'moneyOrCard') return run.immediate();
    if (db.inTransaction) {
      throw new Error('a moneyOrCard record cannot join an open transaction: its commit would not be FULL');
    }
    const previous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = FULL');
    try {
      return run.immediate();
    } finally {
      db.pragma(`synchronous = ${Number(previous)}`);
    }
  }

  const bind = <A extends unknown[], T>(fn: { immediate: (...args: A) => T }, ...args: A) => ({
    immediate: () => fn.immediate(...args),
  });

  return {
    record(request, alongside) {
      const type = journalType(request.type);
      const dataJson = canonicalJson(request.data);
      const idempotencyKey = request.sync ? randomUUID() : null;
      if (request.sync) assertRecordFits(type, dataJson);
      return commit(request.durability, bind(recordTransaction, type, dataJson, idempotencyKey, alongside));
    },

    recordIntent({ device, action, context }) {
      const dataJson = canonicalJson({ device, action, context });
      const entry = commit('moneyOrCard', bind(intentTransaction, dataJson));
      return { journalSeq: entry.seq, at: entry.at, ...intentData(dataJson) };
    },

    recordOutcome(intent, outcome, details) {
      const dataJson = canonicalJson({
        intentSeq: intent.journalSeq,
        device: intent.device,
        action: intent.action,
        outcome,
        ...(details === undefined ? {} : { details }),
      });
      // FULL as well: a lost outcome would send an action that finished through recovery again.
      commit('moneyOrCard', bind(outcomeTransaction, intent.journalSeq, dataJson));
    },

    openIntents() {
      const rows = selectOpenIntents.all() as Array<{ seq: number; at: string; data_json: string }>;
      return rows.map((row) => ({ journalSeq: row.seq, at: row.at, ...intentData(row.data_json) }));
    },

    pendingRecords(afterSeq, { maxRecords, maxBytes }) {
      if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new RangeError('maxRecords must be ≥ 1');
      const records: SyncRecord[] = [];
      let bytes = 0;
      const rows = selectPending.iterate(afterSeq, maxRecords) as IterableIterator<OutboxRow>;
      for (const row of rows) {
        const record = syncRecordFrom(row);
        const size = Buffer.byteLength(JSON.stringify(record), 'utf8');
        // At least one record, or a record bigger than the batch budget would block the queue.
        if (records.length > 0 && bytes + size > maxBytes) break;
        records.push(record);
        bytes += size;
      }
      return records;
    },

    markSynced(highWaterMark) {
      if (!Number.isInteger(highWaterMark) || highWaterMark < 0) {
        throw new RangeError('the high-water mark must be a non-negative integer');
      }
      markTransaction.immediate(highWaterMark, now().toISOString());
    },

    backlog(at = now()): SyncBacklog {
      const { pending } = countPending.get() as { pending: number };
      const oldest = oldestPending.get() as { occurred_at: string } | undefined;
      const { mark } = selectMark.get() as { mark: number };
      return {
        pending,
        oldestPendingSeconds:
          oldest === undefined ? null : Math.max(0, (at.getTime() - Date.parse(oldest.occurred_at)) / 1000),
        highWaterMark: mark,
      };
    },

    verify: () => verifyJournal(db),
    search: (query) => search(query),
    close: () => {
      if (db.open) db.close();
    },
  };
}

interface OutboxRow {
  seq: number;
  idempotency_key: string;
  type: string;
  occurred_at: string;
  data_json: string;
}

function syncRecordFrom(row: OutboxRow): SyncRecord {
  return {
    seq: row.seq,
    idempotencyKey: row.idempotency_key,
    type: row.type,
    occurredAt: row.occurred_at,
    data: JSON.parse(row.data_json) as unknown,
  };
}

/**
 * Every entry type follows the sync protocol's form (`session.ended`): an outbox record the
 * backend would refuse as a malformed batch would block the queue, and one naming rule for both
 * keeps the journal searchable by the same names.
 */
function journalType(type: string): string {
  const parsed = SyncRecordType.safeParse(type);
  if (!parsed.success) throw new RangeError(`journal entry type must be dotted lower camel case: ${type}`);
  return parsed.data;
}

/** Refused before the commit: a record the backend cannot take would sit at the head of the queue. */
function assertRecordFits(type: string, dataJson: string): void {
  const sample: SyncRecord = {
    seq: Number.MAX_SAFE_INTEGER,
    idempotencyKey: randomUUID(),
    type,
    occurredAt: new Date(0).toISOString(),
    data: JSON.parse(dataJson),
  };
  if (Buffer.byteLength(JSON.stringify(sample), 'utf8') > SYNC_LIMITS.maxRecordBytes) {
    throw new RangeError(`a ${type} record is over ${SYNC_LIMITS.maxRecordBytes} bytes`);
  }
}

function intentData(dataJson: string): Pick<DeviceIntent, 'device' | 'action' | 'context'> {
  const data = JSON.parse(dataJson) as { device: string; action: string; context: Record<string, unknown> };
  return { device: data.device, action: data.action, context: data.context ?? {} };
}
