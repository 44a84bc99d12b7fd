import { afterEach, describe, expect, it } from 'vitest';
import { CashExchange } from '../contracts/index.ts';
import { CASH_ENTRY_TYPES, type CashMovementEntry } from '../main/runtime/cash/cash-ledger.ts';
import { CashExchangeError, type CashLocation } from '../main/runtime/cash/types.ts';
import type { JournalStore } from '../main/runtime/journal/types.ts';
import { openLedger, THRESHOLDS } from './cash-ledger-support.ts';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function setUp(...args: Parameters<typeof openLedger>) {
  const store = openLedger(...args);
  opened.push(store);
  return store;
}

/** The counts rebuilt from the journal alone: movements' changes, and exchanges' resulting counts. */
function countsFromJournal(journal: JournalStore): Record<CashLocation, Record<string, number>> {
  const rebuilt: Record<CashLocation, Record<string, number>> = { escrow: {}, cashbox: {}, hopper: {} };
  const entries = journal.search({ limit: 10_000 }).reverse();
  for (const entry of entries) {
    if (entry.type === CASH_ENTRY_TYPES.movement) {
      for (const { location, value, delta } of (entry.data as CashMovementEntry).changes) {
        const next = (rebuilt[location][value] ?? 0) + delta;
        if (next === 0) delete rebuilt[location][value];
        else rebuilt[location][value] = next;
      }
    } else if (entry.type === CASH_ENTRY_TYPES.exchange) {
      const exchange = CashExchange.parse(entry.data);
      const location = exchange.device === 'coinHopper' ? 'hopper' : 'cashbox';
      rebuilt[location] = exchange.kind === 'empty' ? {} : { ...exchange.counted };
    }
  }
  return rebuilt;
}

function movements(journal: JournalStore): CashMovementEntry[] {
  return journal
    .search({ type: CASH_ENTRY_TYPES.movement, limit: 1000 })
    .reverse()
    .map((entry) => entry.data as CashMovementEntry);
}

describe('cash ledger: movements', () => {
  it('moves notes and coins between places and journals each movement with its changes', () => {
    const { ledger, journal } = setUp();
    ledger.noteEscrowed(2000);
    expect(ledger.counts().escrow).toEqual({ 2000: 1 });
    ledger.noteStacked(2000);
    ledger.noteEscrowed(500);
    ledger.noteReturned(500);
    ledger.coinAccepted(200);
    ledger.coinAccepted(200);

    expect(ledger.counts()).toEqual({ escrow: {}, cashbox: { 200: 2, 2000: 1 }, hopper: {} });
    expect(movements(journal).map((m) => [m.movement, m.value, m.changes])).toEqual([
      ['noteEscrowed', 2000, [{ location: 'escrow', value: 2000, delta: 1 }]],
      [
        'noteStacked',
        2000,
        [
          { location: 'escrow', value: 2000, delta: -1 },
          { location: 'cashbox', value: 2000, delta: 1 },
        ],
      ],
      ['noteEscrowed', 500, [{ location: 'escrow', value: 500, delta: 1 }]],
      ['noteReturned', 500, [{ location: 'escrow', value: 500, delta: -1 }]],
      ['coinAccepted', 200, [{ location: 'cashbox', value: 200, delta: 1 }]],
      ['coinAccepted', 200, [{ location: 'cashbox', value: 200, delta: 1 }]],
    ]);
    expect(movements(journal).every((m) => m.currency === 'EUR' && m.anomaly === undefined)).toBe(true);
    expect(journal.verify()).toEqual({ ok: true, entries: 6 });
  });

  it('keeps counts equal to what the journal says, through movements, anomalies and exchanges', () => {
    const { ledger, journal } = setUp();
    const hopper = ledger.startExchange('coinHopper', 'replenish');
    ledger.endExchange(hopper.exchangeId, { 100: 30 });
    for (let i = 0; i < 25; i++) {
      const value = [500, 1000, 2000, 5000][i % 4]!;
      ledger.noteEscrowed(value);
      if (i % 5 === 0) ledger.noteReturned(value);
      else ledger.noteStacked(value);
      if (i % 3 === 0) ledger.coinAccepted(50);
      if (i % 4 === 0) ledger.coinsPaid(100, 2);
    }
    ledger.noteStacked(1000); // never seen in escrow
    ledger.coinsPaid(100, 50); // more than the hopper holds
    const emptied = ledger.startExchange('billValidator', 'empty');
    ledger.endExchange(emptied.exchangeId, emptied.expected);
    ledger.coinAccepted(10);

    expect(countsFromJournal(journal)).toEqual(ledger.counts());
    expect(ledger.counts()).toEqual({ escrow: {}, cashbox: { 10: 1 }, hopper: {} });
    expect(journal.verify().ok).toBe(true);
  });

  it('counts a stacked note never seen in escrow, and names the anomaly', () => {
    const { ledger, journal } = setUp();
    ledger.noteStacked(5000);
    ledger.noteReturned(1000);
    expect(ledger.counts().cashbox).toEqual({ 5000: 1 });
    expect(ledger.counts().escrow).toEqual({});
    expect(movements(journal).map((m) => m.anomaly)).toEqual(['notSeenInEscrow', 'notSeenInEscrow']);
  });

  it('records coins paid beyond the hopper count as a shortfall and never goes below zero', () => {
    const { ledger, journal } = setUp();
    const started = ledger.startExchange('coinHopper', 'replenish');
    ledger.endExchange(started.exchangeId, { 100: 3 });
    ledger.coinsPaid(100, 5);
    expect(ledger.counts().hopper).toEqual({});
    const [paid] = movements(journal);
    expect(paid).toMatchObject({ movement: 'coinsPaid', count: 5, anomaly: 'hopperShort' });
    expect(paid?.changes).toEqual([{ location: 'hopper', value: 100, delta: -3 }]);
  });

  it('names a second note escrowed while one is held', () => {
    const { ledger, journal } = setUp();
    ledger.noteEscrowed(500);
    ledger.noteEscrowed(1000);
    expect(movements(journal).map((m) => m.anomaly)).toEqual([undefined, 'escrowAlreadyHeld']);
    expect(ledger.counts().escrow).toEqual({ 500: 1, 1000: 1 });
  });

  it('refuses values and counts that are not whole positive numbers, journaling nothing', () => {
    const { ledger, journal } = setUp();
    expect(() => ledger.noteEscrowed(0)).toThrow(RangeError);
    expect(() => ledger.coinAccepted(2.5)).toThrow(RangeError);
    expect(() => ledger.coinsPaid(100, 0)).toThrow(RangeError);
    expect(journal.search({ limit: 10 })).toEqual([]);
  });

  it('keeps the counts across a restart', () => {
    const first = setUp();
    first.ledger.noteEscrowed(2000);
    first.ledger.noteStacked(2000);
    first.ledger.coinAccepted(100);
    first.close();
    const second = setUp(first.path);
    expect(second.ledger.counts()).toEqual({ escrow: {}, cashbox: { 100: 1, 2000: 1 }, hopper: {} });
  });
});

describe('cash ledger: atomicity', () => {
  it('leaves the counts unchanged when the journal entry cannot be written', () => {
    const { ledger, db, journal } = setUp();
    ledger.coinAccepted(100);
    db.exec(
      "CREATE TRIGGER fail_journal BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => ledger.coinAccepted(100)).toThrow('disk full');
    expect(() => ledger.noteStacked(500)).toThrow('disk full');
    expect(ledger.counts().cashbox).toEqual({ 100: 1 });
    db.exec('DROP TRIGGER fail_journal');
    expect(countsFromJournal(journal)).toEqual(ledger.counts());
  });

  it('leaves the counts and the outbox unchanged when an exchange end cannot be journaled', () => {
    const { ledger, db, journal } = setUp();
    const started = ledger.startExchange('coinHopper', 'replenish');
    db.exec(
      "CREATE TRIGGER fail_journal BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => ledger.endExchange(started.exchangeId, { 100: 40 })).toThrow('disk full');
    expect(ledger.counts().hopper).toEqual({});
    expect(journal.pendingRecords(0, { maxRecords: 10, maxBytes: 100_000 })).toEqual([]);
    db.exec('DROP TRIGGER fail_journal');
    // Still open: the technician can end it once the journal works again.
    expect(ledger.endExchange(started.exchangeId, { 100: 40 }).levels.hopper).toEqual({ 100: 40 });
  });

  it('refuses to join an open transaction, whose commit would not be FULL', () => {
    const { ledger, db } = setUp();
    expect(() => db.transaction(() => ledger.coinAccepted(100))()).toThrow(/moneyOrCard/);
    expect(ledger.counts().cashbox).toEqual({});
  });
});

describe('cash ledger: levels and alerts', () => {
  it('raises cashbox near full and full by the pieces it holds', () => {
    const { ledger } = setUp();
    const fillHopper = ledger.startExchange('coinHopper', 'replenish');
    ledger.endExchange(fillHopper.exchangeId, { 100: 10 });
    const alertsAfter = (pieces: number) => {
      for (let i = 0; i < pieces; i++) {
        ledger.noteEscrowed(1000);
        ledger.noteStacked(1000);
      }
      return ledger.levels().alerts;
    };
    expect(alertsAfter(THRESHOLDS.cashboxNearFull - 1)).toEqual([]);
    expect(alertsAfter(1)).toEqual(['cashboxNearFull']);
    expect(alertsAfter(THRESHOLDS.cashboxFull - THRESHOLDS.cashboxNearFull)).toEqual(['cashboxFull']);
    expect(ledger.levels()).toEqual({
      currency: 'EUR',
      cashbox: { 1000: THRESHOLDS.cashboxFull },
      hopper: { 100: 10 },
      alerts: ['cashboxFull'],
    });
  });

  it('raises hopper low at or below its threshold, and empty at zero', () => {
    const { ledger } = setUp();
    expect(ledger.levels().alerts).toEqual(['hopperEmpty']);
    const started = ledger.startExchange('coinHopper', 'replenish');
    ledger.endExchange(started.exchangeId, { 100: THRESHOLDS.hopperLow! + 1 });
    expect(ledger.levels().alerts).toEqual([]);
    ledger.coinsPaid(100, 1);
    expect(ledger.levels().alerts).toEqual(['hopperLow']);
    ledger.coinsPaid(100, THRESHOLDS.hopperLow!);
    expect(ledger.levels().alerts).toEqual(['hopperEmpty']);
  });

  it('raises no hopper alert on a kiosk without a hopper', () => {
    const { ledger } = setUp(undefined, { ...THRESHOLDS, hopperLow: null });
    expect(ledger.levels().alerts).toEqual([]);
  });

  it('refuses thresholds out of order', () => {
    expect(() => setUp(undefined, { cashboxNearFull: 10, cashboxFull: 5, hopperLow: 1 })).toThrow(RangeError);
  });
});

describe('cash ledger: exchange', () => {
  it('replenishes the hopper: expected from the ledger, counts set to what was counted, a synced record', () => {
    const { ledger, journal } = setUp();
    const first = ledger.startExchange('coinHopper', 'replenish');
    ledger.endExchange(first.exchangeId, { 100: 20 });
    ledger.coinsPaid(100, 4);

    const started = ledger.startExchange('coinHopper', 'replenish');
    expect(started).toMatchObject({
      device: 'coinHopper',
      kind: 'replenish',
      location: 'hopper',
      expected: { 100: 16 },
    });
    expect(ledger.openExchanges()).toEqual([started]);
    const ended = ledger.endExchange(started.exchangeId, { 100: 50 });
    expect(ended.difference).toBe((50 - 16) * 100);
    expect(ended.levels.hopper).toEqual({ 100: 50 });
    expect(ledger.openExchanges()).toEqual([]);

    const records = journal.pendingRecords(0, { maxRecords: 10, maxBytes: 100_000 });
    expect(records.map((r) => r.type)).toEqual(['cash.exchange', 'cash.exchange']);
    const record = CashExchange.parse(records[1]?.data);
    expect(record).toEqual(ended.exchange);
    expect(record).toMatchObject({
      expected: { 100: 16 },
      counted: { 100: 50 },
      startedAt: started.startedAt,
    });
    const startEntries = journal.search({ type: CASH_ENTRY_TYPES.exchangeStarted, limit: 10 });
    expect(startEntries[0]?.data).toMatchObject({ exchangeId: started.exchangeId, expected: { 100: 16 } });
  });

  it('empties the cashbox, keeping a shortfall against the ledger visible in the record', () => {
    const { ledger, journal } = setUp();
    for (const value of [5000, 2000, 2000]) {
      ledger.noteEscrowed(value);
      ledger.noteStacked(value);
    }
    ledger.coinAccepted(200);
    const started = ledger.startExchange('billValidator', 'empty');
    expect(started.expected).toEqual({ 200: 1, 2000: 2, 5000: 1 });
    // The technician finds one 20.00 note fewer than the ledger says.
    const ended = ledger.endExchange(started.exchangeId, { 200: 1, 2000: 1, 5000: 1, 10000: 0 });
    expect(ended.difference).toBe(-2000);
    expect(ended.exchange.counted).toEqual({ 200: 1, 2000: 1, 5000: 1 });
    expect(ended.exchange.expected).toEqual({ 200: 1, 2000: 2, 5000: 1 });
    expect(ended.levels.cashbox).toEqual({});
    const [record] = journal.pendingRecords(0, { maxRecords: 10, maxBytes: 100_000 });
    expect(CashExchange.parse(record?.data)).toMatchObject({ kind: 'empty', device: 'billValidator' });
  });

  it('refuses to replenish a cashbox, an unknown exchange, and counts that are not counts', () => {
    const { ledger } = setUp();
    expect(() => ledger.startExchange('billValidator', 'replenish')).toThrow(CashExchangeError);
    expect(() => ledger.endExchange('0b9b7d55-5f43-4c8e-9d55-1a1bd1f1e6a4', {})).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    const started = ledger.startExchange('coinHopper', 'empty');
    expect(() => ledger.endExchange(started.exchangeId, { '0100': 1 })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => ledger.endExchange(started.exchangeId, { 100: -1 })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(ledger.openExchanges()).toHaveLength(1);
  });

  it('a new start for the same container replaces the open one, which can no longer end', () => {
    const { ledger, journal } = setUp();
    const first = ledger.startExchange('billValidator', 'empty');
    const second = ledger.startExchange('coinAcceptor', 'empty');
    expect(ledger.openExchanges()).toEqual([second]);
    expect(journal.search({ type: CASH_ENTRY_TYPES.exchangeStarted, limit: 1 })[0]?.data).toMatchObject({
      supersedes: first.exchangeId,
    });
    expect(() => ledger.endExchange(first.exchangeId, {})).toThrow(expect.objectContaining({ status: 404 }));
  });
});
