import { randomUUID } from 'node:crypto';
import type { CashExchange, CashLevels, Currency } from '../../../contracts/index.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import type { JournalStore } from '../journal/types.ts';
import { assertThresholds, cashAlerts } from './cash-alerts.ts';
import { type CountChange, cashCountsTable } from './cash-counts-table.ts';
import { amountOf, normaliseCounts } from './cash-values.ts';
import { exchangeLocation } from './exchange-locations.ts';
import {
  CashExchangeError,
  type CashLedger,
  type CashLocation,
  type CashThresholds,
  type ExchangeStarted,
} from './types.ts';

/** Journal entry types the ledger writes. `cash.exchange` is also the business record synced. */
export const CASH_ENTRY_TYPES = {
  movement: 'cash.movement',
  exchangeStarted: 'cash.exchangeStarted',
  exchange: 'cash.exchange',
} as const;

export type CashMovement = 'noteEscrowed' | 'noteStacked' | 'noteReturned' | 'coinAccepted' | 'coinsPaid';

/**
 * Data of a `cash.movement` entry. `changes` are exactly the count changes committed with it, so
 * the counts can be rebuilt from the journal; `anomaly` names a movement the counts did not expect.
 */
export interface CashMovementEntry {
  movement: CashMovement;
  currency: Currency;
  value: number;
  count: number;
  changes: CountChange[];
  anomaly?: 'notSeenInEscrow' | 'escrowAlreadyHeld' | 'hopperShort';
}

export interface CashLedgerOptions {
  currency: Currency;
  thresholds: CashThresholds;
  /** The clock of exchange times; tests pass a fake one. */
  now?: () => Date;
}

/**
 * Opens the ledger on the kiosk database (migration 4) and its journal (see `CashLedger`).
 *
 * Atomicity: each movement hands its count changes to `journal.record` as the `alongside` write,
 * so they run inside the entry's own transaction and commit with it under `synchronous=FULL`.
 * The changes are planned from the counts just before, in the same synchronous call: the runtime
 * is the database's only writer and nothing else runs in between.
 */
export function openCashLedger(
  db: SqliteDatabase,
  journal: JournalStore,
  options: CashLedgerOptions,
): CashLedger {
  assertThresholds(options.thresholds);
  const { currency, thresholds } = options;
  const now = options.now ?? (() => new Date());
  const counts = cashCountsTable(db);
  /** Open exchanges by location: one procedure at a time per cash container. */
  const open = new Map<CashLocation, ExchangeStarted>();

  const move = (entry: Omit<CashMovementEntry, 'currency'>): void => {
    const data: CashMovementEntry = { ...entry, currency };
    journal.record({ type: CASH_ENTRY_TYPES.movement, data, durability: 'moneyOrCard', sync: false }, () => {
      for (const change of entry.changes) counts.apply(change);
    });
  };

  /** Takes `count` pieces of `value` out of `location`, as far as the counts have them. */
  const takeOut = (location: CashLocation, value: number, count: number) => {
    const held = counts.countOf(location, value);
    const taken = Math.min(held, count);
    return { changes: taken > 0 ? [{ location, value, delta: -taken }] : [], short: taken < count };
  };

  const levels = (): CashLevels => {
    const cashbox = counts.read('cashbox');
    const hopper = counts.read('hopper');
    return { currency, cashbox, hopper, alerts: cashAlerts(cashbox, hopper, thresholds) };
  };

  return {
    currency,

    noteEscrowed(value) {
      assertValue(value);
      const held = Object.keys(counts.read('escrow')).length > 0;
      move({
        movement: 'noteEscrowed',
        value,
        count: 1,
        changes: [{ location: 'escrow', value, delta: 1 }],
        ...(held ? { anomaly: 'escrowAlreadyHeld' as const } : {}),
      });
    },

    noteStacked(value) {
      assertValue(value);
      // A note the validator stacked is in the cashbox, seen in escrow or not.
      const out = takeOut('escrow', value, 1);
      move({
        movement: 'noteStacked',
        value,
        count: 1,
        changes: [...out.changes, { location: 'cashbox', value, delta: 1 }],
        ...(out.short ? { anomaly: 'notSeenInEscrow' as const } : {}),
      });
    },

    noteReturned(value) {
      assertValue(value);
      const out = takeOut('escrow', value, 1);
      move({
        movement: 'noteReturned',
        value,
        count: 1,
        changes: out.changes,
        ...(out.short ? { anomaly: 'notSeenInEscrow' as const } : {}),
      });
    },

    coinAccepted(value) {
      assertValue(value);
      move({
        movement: 'coinAccepted',
        value,
        count: 1,
        changes: [{ location: 'cashbox', value, delta: 1 }],
      });
    },

    coinsPaid(value, count) {
      assertValue(value);
      if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('coins paid must be a count ≥ 1');
      // The coins are gone whatever the counts said: the shortfall is named, never refused.
      const out = takeOut('hopper', value, count);
      move({
        movement: 'coinsPaid',
        value,
        count,
        changes: out.changes,
        ...(out.short ? { anomaly: 'hopperShort' as const } : {}),
      });
    },

    levels,
    counts: () => ({
      escrow: counts.read('escrow'),
      cashbox: counts.read('cashbox'),
      hopper: counts.read('hopper'),
    }),

    startExchange(device, kind) {
      const location = exchangeLocation(device, kind);
      const started: ExchangeStarted = {
        exchangeId: randomUUID(),
        device,
        kind,
        location,
        expected: counts.read(location),
        startedAt: now().toISOString(),
      };
      const superseded = open.get(location);
      journal.record({
        type: CASH_ENTRY_TYPES.exchangeStarted,
        data: { ...started, supersedes: superseded?.exchangeId ?? null },
        durability: 'moneyOrCard',
        sync: false,
      });
      open.set(location, started);
      return started;
    },

    endExchange(exchangeId, counted) {
      const started = [...open.values()].find((exchange) => exchange.exchangeId === exchangeId);
      if (!started) throw new CashExchangeError(404, 'no open exchange has this id; start one again');
      const countedNow = normaliseCounts(counted);
      if (countedNow === null) {
        throw new CashExchangeError(400, 'counts must map positive whole values to whole counts ≥ 0');
      }
      const exchange: CashExchange = {
        exchangeId,
        device: started.device,
        kind: started.kind,
        counted: countedNow,
        expected: started.expected,
        startedAt: started.startedAt,
        endedAt: now().toISOString(),
      };
      // Emptied, the container holds nothing; replenished, it holds what was counted in it.
      const after = started.kind === 'empty' ? {} : countedNow;
      journal.record(
        { type: CASH_ENTRY_TYPES.exchange, data: exchange, durability: 'moneyOrCard', sync: true },
        () => counts.replace(started.location, after),
      );
      open.delete(started.location);
      return { exchange, difference: amountOf(countedNow) - amountOf(started.expected), levels: levels() };
    },

    openExchanges: () => [...open.values()],
  };
}

function assertValue(value: number): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError('a cash value is a whole number of minor units ≥ 1');
}
