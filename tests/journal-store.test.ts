import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import type { JournalStore } from '../main/runtime/journal/types.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { openDatabase, type SqliteDatabase } from '../platform/sqlite.ts';

const ZEROS = '0'.repeat(64);
const opened: Array<{ close(): void }> = [];

afterEach(() => {
  for (const handle of opened.splice(0)) {
    try {
      handle.close();
    } catch {
      // already closed by the test
    }
  }
});

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'ventanilla-journal-')), 'kiosk.sqlite');
}

/** A clock the test moves by hand; every read is one millisecond later than the previous one. */
function fakeClock(start = Date.parse('2025-03-01T09:00:00.000Z')) {
  let time = start;
  return {
    now: () => new Date(time++),
    advance: (ms: number) => {
      time += ms;
    },
    current: () => new Date(time),
  };
}

function openStore(path = tempDbPath(), clock = fakeClock()) {
  const db = openDatabase(path, KIOSK_MIGRATIONS);
  const store = openJournalStore(db, { now: clock.now });
  opened.push(store);
  return { db, store, path, clock };
}

/** A second connection, as an attacker with file access (or a careless script) would have. */
function rawConnection(path: string): SqliteDatabase {
  const db = new Database(path);
  opened.push(db);
  return db;
}

function fill(store: JournalStore, count: number, sync = false) {
  for (let i = 1; i <= count; i++) {
    store.record({
      type: i % 3 === 0 ? 'session.ended' : 'test.entry',
      data: { n: i, z: 'last', a: { y: [i, 'x'], b: null } },
      durability: 'normal',
      sync,
    });
  }
}

describe('journal hash chain', () => {
  it('hashes the canonical JSON array [seq, at, type, data with sorted keys, prevHash]', () => {
    const { store } = openStore();
    store.record({
      type: 'test.entry',
      data: { b: 1, a: { d: 2, c: [1, 'x'] }, 10: 'n', 9: 'm' },
      durability: 'normal',
      sync: false,
    });
    const [entry] = store.search({ limit: 1 });
    const text = `[1,${JSON.stringify(entry!.at)},"test.entry",{"10":"n","9":"m","a":{"c":[1,"x"],"d":2},"b":1},"${ZEROS}"]`;
    expect(entry!.prevHash).toBe(ZEROS);
    expect(entry!.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('chains many entries and verifies them', () => {
    const { store } = openStore();
    fill(store, 500);
    const entries = store.search({ limit: 1000 }).reverse();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    entries.forEach((entry, i) => {
      expect(entry.prevHash).toBe(i === 0 ? ZEROS : entries[i - 1]!.hash);
    });
    expect(store.verify()).toEqual({ ok: true, entries: 500 });
  });

  it('verifies an empty journal', () => {
    expect(openStore().store.verify()).toEqual({ ok: true, entries: 0 });
  });

  it('detects rewritten data at the rewritten entry', () => {
    const { store, path } = openStore();
    fill(store, 60);
    const raw = rawConnection(path);
    raw.exec('DROP TRIGGER journal_no_update');
    raw.prepare('UPDATE journal SET data_json = ? WHERE seq = 37').run('{"n":370}');
    expect(store.verify()).toEqual({
      ok: false,
      entries: 36,
      brokenAt: 37,
      reason: expect.stringMatching(/hash does not match/),
    });
  });

  it('detects a rewrite whose hash was recomputed at the next entry', () => {
    const { store, path } = openStore();
    fill(store, 60);
    const raw = rawConnection(path);
    raw.exec('DROP TRIGGER journal_no_update');
    const row = raw.prepare('SELECT at, type, prev_hash FROM journal WHERE seq = 20').get() as {
      at: string;
      type: string;
      prev_hash: string;
    };
    const forged = createHash('sha256')
      .update(`[20,${JSON.stringify(row.at)},${JSON.stringify(row.type)},{"n":0},"${row.prev_hash}"]`)
      .digest('hex');
    raw.prepare('UPDATE journal SET data_json = ?, hash = ? WHERE seq = 20').run('{"n":0}', forged);
    expect(store.verify()).toMatchObject({
      ok: false,
      entries: 20,
      brokenAt: 21,
      reason: expect.stringMatching(/previous hash/),
    });
  });

  it('detects a deleted entry as a gap', () => {
    const { store, path } = openStore();
    fill(store, 30);
    const raw = rawConnection(path);
    raw.exec('DROP TRIGGER journal_no_delete');
    raw.prepare('DELETE FROM journal WHERE seq = 12').run();
    expect(store.verify()).toMatchObject({
      ok: false,
      brokenAt: 13,
      reason: 'sequence gap: entry 12 is missing',
    });
  });

  it('detects an inserted entry', () => {
    const { store, path } = openStore();
    fill(store, 10);
    const last = store.search({ limit: 1 })[0]!;
    rawConnection(path)
      .prepare('INSERT INTO journal (seq, at, type, data_json, prev_hash, hash) VALUES (11, ?, ?, ?, ?, ?)')
      .run(last.at, 'test.entry', '{"n":11}', last.hash, 'f'.repeat(64));
    expect(store.verify()).toMatchObject({
      ok: false,
      entries: 10,
      brokenAt: 11,
      reason: expect.stringMatching(/hash/),
    });
  });

  it('refuses UPDATE and DELETE of journal rows in the database itself', () => {
    const { store, path } = openStore();
    fill(store, 3);
    const raw = rawConnection(path);
    expect(() => raw.prepare("UPDATE journal SET type = 'x.y' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM journal WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
    expect(store.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('streams the verification of 20,000 entries (iterates, never loads them all)', () => {
    const { store, db } = openStore();
    fill(store, 20_000);
    // Record which statement methods verify() uses: a whole-table .all() is the path it must not take.
    const used: string[] = [];
    const prepare = db.prepare.bind(db);
    vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      const statement = prepare(sql);
      for (const method of ['all', 'get', 'iterate'] as const) {
        const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        Object.assign(statement, {
          [method]: (...args: unknown[]) => {
            used.push(method);
            return original(...args);
          },
        });
      }
      return statement;
    }) as typeof db.prepare);
    const started = performance.now();
    expect(store.verify()).toEqual({ ok: true, entries: 20_000 });
    const elapsedMs = performance.now() - started;
    expect(used).toEqual(['iterate']);
    expect(elapsedMs).toBeLessThan(10_000);
  });
});

describe('record and outbox', () => {
  it('writes the journal entry and its outbox row together, with an idempotency key', () => {
    const { store, db } = openStore();
    const receipt = store.record({
      type: 'session.ended',
      data: { sessionId: 's-1' },
      durability: 'normal',
      sync: true,
    });
    expect(receipt).toEqual({
      journalSeq: 1,
      outboxSeq: 1,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const row = db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
    expect(row).toMatchObject({ seq: 1, journal_seq: 1, type: 'session.ended', synced_at: null });
    expect(store.record({ type: 'test.entry', data: {}, durability: 'normal', sync: false })).toEqual({
      journalSeq: 2,
      outboxSeq: null,
      idempotencyKey: null,
    });
  });

  it('leaves neither row when the transaction fails half-way', () => {
    const { store, db } = openStore();
    fill(store, 2, true);
    db.exec(
      "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk said no'); END",
    );
    expect(() =>
      store.record({ type: 'session.ended', data: { n: 3 }, durability: 'normal', sync: true }),
    ).toThrow(/disk said no/);
    expect(() =>
      store.record({ type: 'session.ended', data: { n: 3 }, durability: 'moneyOrCard', sync: true }),
    ).toThrow(/disk said no/);
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('journal'), count('outbox')]).toEqual([2, 2]);
    db.exec('DROP TRIGGER fail_outbox');
    expect(
      store.record({ type: 'session.ended', data: { n: 3 }, durability: 'normal', sync: true }),
    ).toMatchObject({
      journalSeq: 3,
      outboxSeq: 3,
    });
    expect(store.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('keeps both sequences gapless across a reopen', () => {
    const first = openStore();
    fill(first.store, 5, true);
    first.store.record({ type: 'test.entry', data: {}, durability: 'normal', sync: false });
    first.store.close();
    const second = openStore(first.path);
    const receipt = second.store.record({
      type: 'session.ended',
      data: {},
      durability: 'normal',
      sync: true,
    });
    expect(receipt).toMatchObject({ journalSeq: 7, outboxSeq: 6 });
    const outboxSeqs = second.store.pendingRecords(0, { maxRecords: 100, maxBytes: 1e6 }).map((r) => r.seq);
    expect(outboxSeqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(second.store.verify()).toEqual({ ok: true, entries: 7 });
  });

  it('refuses a malformed type and a record the backend could not take', () => {
    const { store } = openStore();
    expect(() => store.record({ type: 'Bad Type', data: {}, durability: 'normal', sync: false })).toThrow(
      /type/,
    );
    expect(() =>
      store.record({
        type: 'test.entry',
        data: { blob: 'x'.repeat(20_000) },
        durability: 'normal',
        sync: true,
      }),
    ).toThrow(/bytes/);
    expect(store.verify()).toEqual({ ok: true, entries: 0 });
  });

  it('commits moneyOrCard with synchronous=FULL and restores the previous setting', () => {
    const { store, db } = openStore();
    const levels: unknown[] = [];
    const pragma = db.pragma.bind(db);
    vi.spyOn(db, 'pragma').mockImplementation(((source: string, options?: Database.PragmaOptions) => {
      levels.push(source);
      return pragma(source, options);
    }) as typeof db.pragma);
    for (const previous of [1, 0, 3]) {
      pragma(`synchronous = ${previous}`);
      store.record({ type: 'session.ended', data: {}, durability: 'moneyOrCard', sync: true });
      expect(pragma('synchronous', { simple: true })).toBe(previous);
    }
    expect(levels).toContain('synchronous = FULL');
    levels.length = 0;
    store.record({ type: 'test.entry', data: {}, durability: 'normal', sync: false });
    expect(levels).toEqual([]);
    expect(() =>
      db.transaction(() =>
        store.record({ type: 'test.entry', data: {}, durability: 'moneyOrCard', sync: false }),
      )(),
    ).toThrow(/open transaction/);
  });
});

describe('sync side of the outbox', () => {
  it('returns pending records in order within the record and byte limits', () => {
    const { store } = openStore();
    for (let i = 1; i <= 10; i++) {
      store.record({ type: 'session.ended', data: { n: i }, durability: 'normal', sync: true });
      store.record({ type: 'test.entry', data: { n: i }, durability: 'normal', sync: false });
    }
    expect(store.pendingRecords(0, { maxRecords: 3, maxBytes: 1e6 }).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(store.pendingRecords(3, { maxRecords: 3, maxBytes: 1e6 }).map((r) => r.seq)).toEqual([4, 5, 6]);
    const [one] = store.pendingRecords(0, { maxRecords: 1, maxBytes: 1e6 });
    expect(one).toMatchObject({
      seq: 1,
      type: 'session.ended',
      data: { n: 1 },
      occurredAt: expect.any(String),
    });
    const size = Buffer.byteLength(JSON.stringify(one));
    expect(store.pendingRecords(0, { maxRecords: 10, maxBytes: 1 }).map((r) => r.seq)).toEqual([1]);
    expect(store.pendingRecords(0, { maxRecords: 10, maxBytes: size * 2 }).map((r) => r.seq)).toEqual([1, 2]);
    expect(store.pendingRecords(0, { maxRecords: 10, maxBytes: size * 2 - 1 }).map((r) => r.seq)).toEqual([
      1,
    ]);
    expect(store.pendingRecords(10, { maxRecords: 10, maxBytes: 1e6 })).toEqual([]);
  });

  it('marks rows synced up to the high-water mark, which never moves back', () => {
    const { store, db } = openStore();
    fill(store, 10, true);
    store.markSynced(4);
    expect(store.pendingRecords(0, { maxRecords: 100, maxBytes: 1e6 }).map((r) => r.seq)).toEqual([
      5, 6, 7, 8, 9, 10,
    ]);
    expect(store.backlog()).toMatchObject({ pending: 6, highWaterMark: 4 });
    store.markSynced(2);
    expect(store.backlog()).toMatchObject({ pending: 6, highWaterMark: 4 });
    const synced = db.prepare('SELECT count(*) AS n FROM outbox WHERE synced_at IS NOT NULL').get() as {
      n: number;
    };
    expect(synced.n).toBe(4);
    expect(() => store.markSynced(-1)).toThrow(RangeError);
  });

  it('reports the backlog: count, age of the oldest pending record, mark', () => {
    const clock = fakeClock();
    const { store } = openStore(tempDbPath(), clock);
    expect(store.backlog()).toEqual({ pending: 0, oldestPendingSeconds: null, highWaterMark: 0 });
    store.record({ type: 'session.ended', data: { n: 1 }, durability: 'normal', sync: true });
    clock.advance(60_000);
    store.record({ type: 'session.ended', data: { n: 2 }, durability: 'normal', sync: true });
    clock.advance(30_000);
    const backlog = store.backlog(clock.current());
    expect(backlog.pending).toBe(2);
    expect(backlog.oldestPendingSeconds).toBeCloseTo(90, 1);
    store.markSynced(1);
    expect(store.backlog(clock.current()).oldestPendingSeconds).toBeCloseTo(30, 1);
    store.markSynced(2);
    expect(store.backlog(clock.current())).toEqual({
      pending: 0,
      oldestPendingSeconds: null,
      highWaterMark: 2,
    });
  });
});

describe('device intents', () => {
  it('keeps an intent open until its outcome, across a reopen', () => {
    const first = openStore();
    const print = first.store.recordIntent({
      device: 'receiptPrinter',
      action: 'print',
      context: { sessionId: 's-1' },
    });
    const cut = first.store.recordIntent({
      device: 'receiptPrinter',
      action: 'cut',
      context: { sessionId: 's-1' },
    });
    expect(print).toMatchObject({
      journalSeq: 1,
      device: 'receiptPrinter',
      action: 'print',
      context: { sessionId: 's-1' },
    });
    first.store.recordOutcome(print, 'printed', { lines: 12 });
    expect(first.store.openIntents().map((i) => i.journalSeq)).toEqual([cut.journalSeq]);
    first.store.close();

    const second = openStore(first.path);
    expect(second.store.openIntents()).toEqual([cut]);
    const entries = second.store.search({ limit: 10 }).reverse();
    expect(entries.map((e) => e.type)).toEqual(['device.intent', 'device.intent', 'device.outcome']);
    expect(entries[2]!.data).toEqual({
      intentSeq: 1,
      device: 'receiptPrinter',
      action: 'print',
      outcome: 'printed',
      details: { lines: 12 },
    });
    expect(() => second.store.recordOutcome(print, 'printed')).toThrow(/not open/);
    expect(second.store.verify()).toEqual({ ok: true, entries: 3 });
    second.store.recordOutcome(cut, 'failed');
    expect(second.store.openIntents()).toEqual([]);
  });
});

describe('journal search', () => {
  it('filters by type and time range, newest first, with paging before a sequence', () => {
    const clock = fakeClock(Date.parse('2025-03-01T09:00:00.000Z'));
    const { store } = openStore(tempDbPath(), clock);
    for (let i = 1; i <= 12; i++) {
      store.record({
        type: i % 2 === 0 ? 'session.ended' : 'test.entry',
        data: { n: i },
        durability: 'normal',
        sync: false,
      });
      clock.advance(60_000);
    }
    expect(store.search({ limit: 3 }).map((e) => e.seq)).toEqual([12, 11, 10]);
    expect(store.search({ limit: 3, beforeSeq: 10 }).map((e) => e.seq)).toEqual([9, 8, 7]);
    expect(store.search({ type: 'session.ended', limit: 100 }).map((e) => e.seq)).toEqual([
      12, 10, 8, 6, 4, 2,
    ]);
    const range = store.search({ from: '2025-03-01T09:02:00Z', to: '2025-03-01T10:05:00+01:00', limit: 100 });
    expect(range.map((e) => e.seq)).toEqual([5, 4, 3]);
    expect(
      store
        .search({ type: 'test.entry', from: '2025-03-01T09:02:00Z', limit: 2, beforeSeq: 9 })
        .map((e) => e.seq),
    ).toEqual([7, 5]);
    expect(store.search({ type: 'nothing.here', limit: 5 })).toEqual([]);
    expect(() => store.search({ from: 'yesterday', limit: 5 })).toThrow(/ISO/);
  });
});
