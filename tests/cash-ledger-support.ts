import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCashLedger } from '../main/runtime/cash/cash-ledger.ts';
import type { CashThresholds } from '../main/runtime/cash/types.ts';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { openDatabase } from '../platform/sqlite.ts';

/** Shared set-up of the cash ledger tests: a kiosk database in a temporary directory. */

export const THRESHOLDS: CashThresholds = { cashboxNearFull: 4, cashboxFull: 6, hopperLow: 2 };

export function tempKioskDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'ventanilla-cash-')), 'kiosk.sqlite');
}

/** A clock that moves one second per read, so exchange times differ. */
export function steppingClock(start = Date.parse('2025-06-02T08:00:00.000Z')) {
  let time = start;
  return () => {
    time += 1000;
    return new Date(time);
  };
}

export function openLedger(path = tempKioskDbPath(), thresholds = THRESHOLDS) {
  const db = openDatabase(path, KIOSK_MIGRATIONS);
  const journal = openJournalStore(db);
  const ledger = openCashLedger(db, journal, { currency: 'EUR', thresholds, now: steppingClock() });
  return { db, journal, ledger, path, close: () => journal.close() };
}
