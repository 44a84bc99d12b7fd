import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './cash-ledger-support.ts';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function setUp() {
  const store = openLedger();
  opened.push(store);
  return store;
}

const countRows = (db: ReturnType<typeof setUp>['db'], table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('journal store: a caller write alongside the entry', () => {
  it('commits the caller write and the entry together', () => {
    const { db, journal } = setUp();
    journal.record({ type: 'test.entry', data: { n: 1 }, durability: 'moneyOrCard', sync: true }, () => {
      db.prepare("INSERT INTO cash_counts (location, value, count) VALUES ('cashbox', 500, 1)").run();
    });
    expect(countRows(db, 'cash_counts')).toBe(1);
    expect(countRows(db, 'journal')).toBe(1);
    expect(countRows(db, 'outbox')).toBe(1);
  });

  it('writes no entry when the caller write fails', () => {
    const { db, journal } = setUp();
    expect(() =>
      journal.record({ type: 'test.entry', data: {}, durability: 'moneyOrCard', sync: true }, () => {
        db.prepare("INSERT INTO cash_counts (location, value, count) VALUES ('cashbox', 500, -1)").run();
      }),
    ).toThrow(/CHECK/);
    expect(countRows(db, 'journal')).toBe(0);
    expect(countRows(db, 'outbox')).toBe(0);
  });

  it('undoes the caller write when the entry cannot be written', () => {
    const { db, journal } = setUp();
    db.exec(
      "CREATE TRIGGER fail_journal BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() =>
      journal.record({ type: 'test.entry', data: {}, durability: 'normal', sync: false }, () => {
        db.prepare("INSERT INTO cash_counts (location, value, count) VALUES ('cashbox', 500, 1)").run();
      }),
    ).toThrow('disk full');
    expect(countRows(db, 'cash_counts')).toBe(0);
  });

  it('restores the connection’s synchronous level after a moneyOrCard commit with a caller write', () => {
    const { db, journal } = setUp();
    const before = db.pragma('synchronous', { simple: true });
    journal.record({ type: 'test.entry', data: {}, durability: 'moneyOrCard', sync: false }, () => {
      // Inside the commit: FULL (2) is set before BEGIN and holds for the whole transaction.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    });
    expect(db.pragma('synchronous', { simple: true })).toBe(before);
  });
});
