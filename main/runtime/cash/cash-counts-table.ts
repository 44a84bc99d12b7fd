import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import type { CashCounts, CashLocation } from './types.ts';

/** One change of one count: `delta` pieces of `value` into (positive) or out of `location`. */
export interface CountChange {
  location: CashLocation;
  value: number;
  delta: number;
}

/**
 * Reads and writes of the `cash_counts` table (kiosk migration 4). Writes are meant to run inside
 * the journal transaction of the movement that explains them (see cash-ledger.ts).
 */
export interface CashCountsTable {
  countOf(location: CashLocation, value: number): number;
  read(location: CashLocation): CashCounts;
  apply(change: CountChange): void;
  /** Replaces every count of `location` with `counts`. */
  replace(location: CashLocation, counts: CashCounts): void;
}

export function cashCountsTable(db: SqliteDatabase): CashCountsTable {
  const countStatement = db.prepare<[string, number], { count: number }>(
    'SELECT count FROM cash_counts WHERE location = ? AND value = ?',
  );
  const readStatement = db.prepare<[string], { value: number; count: number }>(
    'SELECT value, count FROM cash_counts WHERE location = ? AND count > 0 ORDER BY value',
  );
  const addStatement = db.prepare(
    `INSERT INTO cash_counts (location, value, count) VALUES (@location, @value, @delta)
     ON CONFLICT (location, value) DO UPDATE SET count = count + excluded.count`,
  );
  // SQLite checks the row an upsert would insert before it finds the conflict, so a removal is
  // an UPDATE; its CHECK (count >= 0) refuses going below zero, which aborts the transaction.
  const removeStatement = db.prepare(
    'UPDATE cash_counts SET count = count + @delta WHERE location = @location AND value = @value',
  );
  const clearStatement = db.prepare('DELETE FROM cash_counts WHERE location = ?');
  const setStatement = db.prepare('INSERT INTO cash_counts (location, value, count) VALUES (?, ?, ?)');

  return {
    countOf: (location, value) => countStatement.get(location, value)?.count ?? 0,
    read: (location) =>
      Object.fromEntries(readStatement.all(location).map((row) => [String(row.value), row.count])),
    apply: (change) => {
      if (change.delta >= 0) {
        addStatement.run(change);
      } else if (removeStatement.run(change).changes === 0) {
        throw new RangeError(`no ${change.value} in ${change.location} to take out`);
      }
    },
    replace: (location, counts) => {
      clearStatement.run(location);
      for (const [value, count] of Object.entries(counts)) {
        if (count > 0) setStatement.run(location, Number(value), count);
      }
    },
  };
}
