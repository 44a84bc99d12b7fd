import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MrzDocument } from '../contracts/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openDatabase, type SqliteDatabase } from '../platform/sqlite.ts';
import {
  type CaptureStore,
  cardOrderLookupRequest,
  openCaptureStore,
} from '../main/runtime/identity/capture-store.ts';
import { identityKeyPath, loadOrCreateIdentityKey } from '../main/runtime/identity/identity-key.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';

// The demo passport of the brief (fictional).
const PASSPORT: MrzDocument = {
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'ESP',
  documentNumber: 'PAB123456',
  surname: 'GARCIA LOPEZ',
  givenNames: 'MARIA JOSE',
  nationality: 'ESP',
  birthDate: '850315',
  sex: 'female',
  expiryDate: '330921',
  optionalData: '',
};
const LINES = [
  'P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<',
  'PAB1234562ESP8503150F3309214<<<<<<<<<<<<<<04',
];
// A PNG signature followed by bytes that spell the surname: the image must not be stored in clear either.
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...Buffer.from('IMAGE-GARCIA-LOPEZ-PIXELS')]);

const NOW = Date.parse('2025-06-01T10:00:00Z');

interface Kit {
  dir: string;
  path: string;
  db: SqliteDatabase;
  store: CaptureStore;
  log: ReturnType<typeof createMemoryLogger>;
  clock: { now: number };
}

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function setUp(dir = mkdtempSync(join(tmpdir(), 'identity-store-'))): Kit {
  const path = join(dir, 'kiosk.sqlite');
  const db = openDatabase(path, KIOSK_MIGRATIONS);
  opened.push(db);
  const log = createMemoryLogger('identity');
  const clock = { now: NOW };
  const key = loadOrCreateIdentityKey(identityKeyPath(path), log);
  const store = openCaptureStore({ db, key, log, now: () => clock.now });
  return { dir, path, db, store, log, clock };
}

/** Every byte SQLite has on disk for this database, as latin1 text to search. */
function rawDatabaseBytes(path: string): string {
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

function expectNoDocumentText(text: string) {
  for (const secret of ['GARCIA', 'PAB123456', 'MARIA', '850315', 'P<ESP', 'IMAGE-GARCIA']) {
    expect(text).not.toContain(secret);
  }
  // Nor as base64 of the JSON (as a careless "encoding" would store it).
  expect(text).not.toContain(Buffer.from('"surname":"GARCIA LOPEZ"').toString('base64').slice(0, 20));
}

describe('identity capture store', () => {
  it('round-trips a capture with its image, and summarises it for the confirmation screen', () => {
    const { store } = setUp();
    const id = store.put('session-1', {
      document: PASSPORT,
      lines: LINES,
      image: IMAGE,
      imageMime: 'image/png',
    });
    const capture = store.get(id);
    expect(capture).not.toBeNull();
    expect(capture?.document).toEqual(PASSPORT);
    expect(capture?.lines).toEqual(LINES);
    expect(capture?.imageMime).toBe('image/png');
    expect(Buffer.from(capture?.image ?? []).equals(Buffer.from(IMAGE))).toBe(true);
    expect(capture?.sessionId).toBe('session-1');
    expect(store.summary(id)).toEqual({
      kind: 'passport',
      surname: 'GARCIA LOPEZ',
      givenNames: 'MARIA JOSE',
      documentNumber: 'PAB123456',
      nationality: 'ESP',
      issuingState: 'ESP',
      birthDate: '1985-03-15',
      expiryDate: '2033-09-21',
      sex: 'female',
    });
    expect(cardOrderLookupRequest(store, id)).toEqual({
      issuingState: 'ESP',
      documentNumber: 'PAB123456',
      birthDate: '850315',
    });
    expect(store.count()).toBe(1);
  });

  it('keeps no image for a read from typed MRZ text', () => {
    const { store } = setUp();
    const id = store.put('s', { document: PASSPORT, lines: LINES });
    const capture = store.get(id);
    expect(capture?.image).toBeUndefined();
    expect(capture?.imageMime).toBeUndefined();
  });

  it('writes no document text to the database file, its WAL or its shared memory, before or after a checkpoint', () => {
    const { store, db, path } = setUp();
    const id = store.put('session-1', {
      document: PASSPORT,
      lines: LINES,
      image: IMAGE,
      imageMime: 'image/png',
    });
    expect(store.summary(id)?.surname).toBe('GARCIA LOPEZ');
    const beforeCheckpoint = rawDatabaseBytes(path);
    // The search must be able to fail: the row's id is in clear in the same files.
    expect(beforeCheckpoint).toContain(id);
    expectNoDocumentText(beforeCheckpoint);

    db.pragma('wal_checkpoint(PASSIVE)');
    const afterCheckpoint = rawDatabaseBytes(path);
    expect(readFileSync(path).toString('latin1')).toContain(id);
    expectNoDocumentText(afterCheckpoint);

    store.deleteCapture(id);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expectNoDocumentText(rawDatabaseBytes(path));
  });

  it('detects a tampered ciphertext, tag or id, answers null, drops the row and logs no data', () => {
    const { store, db, log } = setUp();
    const flip = (column: 'ciphertext' | 'tag' | 'iv', id: string) => {
      const row = db.prepare(`SELECT ${column} AS value FROM identity_captures WHERE id = ?`).get(id) as {
        value: Buffer;
      };
      const changed = Buffer.from(row.value);
      changed[0] = (changed[0] ?? 0) ^ 0x01;
      db.prepare(`UPDATE identity_captures SET ${column} = ? WHERE id = ?`).run(changed, id);
    };
    for (const column of ['ciphertext', 'tag', 'iv'] as const) {
      const id = store.put('s', { document: PASSPORT, lines: LINES });
      flip(column, id);
      expect(store.get(id)).toBeNull();
      expect(store.summary(id)).toBeNull();
    }
    // A sealed row moved under another id does not open either (the id is authenticated).
    const original = store.put('s', { document: PASSPORT, lines: LINES });
    db.prepare("UPDATE identity_captures SET id = 'moved' WHERE id = ?").run(original);
    expect(store.get('moved')).toBeNull();

    expect(store.count()).toBe(0);
    const lines = log.lines.join('\n');
    expect(lines).toContain('failed authentication');
    expectNoDocumentText(lines);
  });

  it('answers null for a capture sealed with another key (a database moved to another kiosk)', () => {
    const first = setUp();
    const id = first.store.put('s', { document: PASSPORT, lines: LINES });
    first.db.close();
    // Same database, a key file that was lost and made anew.
    writeFileSync(identityKeyPath(first.path), Buffer.alloc(5));
    const second = setUp(first.dir);
    expect(second.store.get(id)).toBeNull();
    expect(second.store.count()).toBe(0);
  });

  it('expires captures after 15 minutes and sweeps them', () => {
    const { store, clock } = setUp();
    const old = store.put('s1', { document: PASSPORT, lines: LINES });
    clock.now += 10 * 60_000;
    const recent = store.put('s2', { document: PASSPORT, lines: LINES });
    expect(store.summary(old)).not.toBeNull();
    clock.now += 5 * 60_000;
    // `old` is 15 minutes old: gone, even from the summary kept for the screen.
    expect(store.get(old)).toBeNull();
    expect(store.summary(old)).toBeNull();
    expect(store.get(recent)).not.toBeNull();
    expect(store.sweepExpired()).toBe(0);
    expect(store.sweepExpired(clock.now + 10 * 60_000)).toBe(1);
    expect(store.count()).toBe(0);
  });

  it('sweeps what a previous run left behind when the store opens again', () => {
    const first = setUp();
    first.store.put('s', { document: PASSPORT, lines: LINES });
    first.store.put('s', { document: PASSPORT, lines: LINES });
    first.db.close();
    const second = setUp(first.dir);
    second.clock.now = NOW + 16 * 60_000;
    expect(second.store.sweepExpired()).toBe(2);
    expect(second.store.count()).toBe(0);
  });

  it('deletes a session’s captures and only those; the cached summary goes with them', () => {
    const { store } = setUp();
    const mine = store.put('mine', { document: PASSPORT, lines: LINES });
    const mine2 = store.put('mine', { document: { ...PASSPORT, documentNumber: 'X1' }, lines: LINES });
    const theirs = store.put('theirs', { document: PASSPORT, lines: LINES });
    expect(store.summary(mine)).not.toBeNull();
    expect(store.deleteForSession('mine')).toBe(2);
    expect(store.summary(mine)).toBeNull();
    expect(store.get(mine2)).toBeNull();
    expect(store.get(theirs)).not.toBeNull();
    expect(store.deleteCapture(theirs)).toBe(true);
    expect(store.deleteCapture(theirs)).toBe(false);
    expect(store.count()).toBe(0);
  });

  it('makes the key file on first use with mode 0600 and reuses it', () => {
    const kit = setUp();
    const keyFile = identityKeyPath(kit.path);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile).length).toBe(32);
    const id = kit.store.put('s', { document: PASSPORT, lines: LINES });
    kit.db.close();
    const again = setUp(kit.dir);
    expect(again.store.get(id)?.document.surname).toBe('GARCIA LOPEZ');
    // The key is not in the database.
    expect(rawDatabaseBytes(kit.path)).not.toContain(readFileSync(keyFile).toString('latin1'));
  });
});
