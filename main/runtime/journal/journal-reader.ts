import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import { entryHash, GENESIS_HASH } from './entry-hash.ts';
import type { JournalEntry, JournalVerification } from './types.ts';

/**
 * Reading the journal: verifying its chain and searching it. These only read, so the journal
 * CLI runs them on a read-only connection while the kiosk keeps writing.
 */

export interface JournalRow {
  seq: number;
  at: string;
  type: string;
  data_json: string;
  prev_hash: string;
  hash: string;
}

export interface JournalSearch {
  type?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  /** Only entries older than this sequence (the paging cursor). */
  beforeSeq?: number;
}

/** Upper bound of one search page, whatever the caller asks. */
export const MAX_SEARCH_LIMIT = 1000;

export const JOURNAL_COLUMNS = 'seq, at, type, data_json, prev_hash, hash';

/** Journal schema is migration 2 of the kiosk store; older databases have no journal. */
export function assertJournalSchema(db: SqliteDatabase): void {
  const found = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('journal', 'outbox', 'sync_state', 'journal_open_intents')",
    )
    .get() as { n: number };
  if (found.n !== 4) {
    const version = db.pragma('user_version', { simple: true }) as number;
    throw new Error(
      `this database has no journal (schema version ${version}; the journal arrives with version 2)`,
    );
  }
}

export function entryFromRow(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    data: JSON.parse(row.data_json) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Walks the chain in sequence order and stops at the first broken link. It iterates the rows
 * one at a time (a journal grows for years; it must never be loaded whole), holding only the
 * previous entry's sequence and hash.
 */
export function verifyJournal(db: SqliteDatabase): JournalVerification {
  const rows = db
    .prepare(`SELECT ${JOURNAL_COLUMNS} FROM journal ORDER BY seq`)
    .iterate() as IterableIterator<JournalRow>;
  let verified = 0;
  let previousHash = GENESIS_HASH;
  for (const row of rows) {
    const reason = brokenLink(row, verified + 1, previousHash);
    // Returning from the loop closes the iterator (and its statement).
    if (reason !== null) {
      return { ok: false, entries: verified, brokenAt: row.seq, reason };
    }
    verified += 1;
    previousHash = row.hash;
  }
  return { ok: true, entries: verified };
}

/** Why this row does not continue the chain, or null when it does. */
function brokenLink(row: JournalRow, expectedSeq: number, previousHash: string): string | null {
  if (row.seq !== expectedSeq) {
    return row.seq > expectedSeq
      ? `sequence gap: entry ${expectedSeq} is missing`
      : `sequence out of order: expected ${expectedSeq}`;
  }
  if (row.prev_hash !== previousHash) {
    return `previous hash does not match entry ${expectedSeq - 1}`;
  }
  let data: unknown;
  try {
    data = JSON.parse(row.data_json);
  } catch {
    return 'data is not valid JSON';
  }
  const expected = entryHash({ seq: row.seq, at: row.at, type: row.type, data, prevHash: row.prev_hash });
  if (row.hash !== expected) return 'hash does not match the entry (its content was changed)';
  return null;
}

/** ISO time in the stored form (`toISOString`), so that range filters compare like with like. */
function normalisedTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${name} is not an ISO time: ${value}`);
  return time.toISOString();
}

/**
 * Newest first. Each combination of filters gets its own prepared statement, so SQLite can pick
 * the type index or the time index instead of one catch-all plan with `? IS NULL OR …`.
 */
export function createJournalSearch(db: SqliteDatabase): (query: JournalSearch) => JournalEntry[] {
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  return (query) => {
    if (!Number.isInteger(query.limit) || query.limit < 1)
      throw new RangeError('limit must be a positive integer');
    const conditions: string[] = [];
    const params: Array<string | number> = [];
    if (query.type !== undefined) {
      conditions.push('type = ?');
      params.push(query.type);
    }
    if (query.from !== undefined) {
      conditions.push('at >= ?');
      params.push(normalisedTime(query.from, 'from'));
    }
    if (query.to !== undefined) {
      conditions.push('at <= ?');
      params.push(normalisedTime(query.to, 'to'));
    }
    if (query.beforeSeq !== undefined) {
      conditions.push('seq < ?');
      params.push(query.beforeSeq);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const sql = `SELECT ${JOURNAL_COLUMNS} FROM journal ${where} ORDER BY seq DESC LIMIT ?`;
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    const rows = statement.all([...params, Math.min(query.limit, MAX_SEARCH_LIMIT)]) as JournalRow[];
    return rows.map(entryFromRow);
  };
}
