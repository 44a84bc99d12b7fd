import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../platform/log.ts';
import { openDatabase, type SqliteDatabase } from '../../platform/sqlite.ts';
import { BACKEND_MIGRATIONS } from '../db/migrations.ts';
import { LOGIN_FAILURE_WINDOW_MS } from './accounts/login-rate-limit.ts';
import { hashPassword, verifyPassword } from './accounts/password-hash.ts';
import {
  createTellerAccounts,
  TELLER_SESSION_TTL_MS,
  type TellerAccounts,
} from './accounts/teller-accounts.ts';
import type { TellerSeed } from './accounts/teller-seed.ts';
import { type AuditLog, createAuditLog } from './audit/audit-log.ts';
import { createCallbackStore } from './callbacks/callback-store.ts';

const ANA: TellerSeed = {
  username: 'ana',
  displayName: 'Ana Torres',
  password: 'ana-password-1',
  role: 'teller',
  languages: ['es', 'en'],
  topics: ['general'],
};
const SOFIA: TellerSeed = {
  username: 'sofia',
  displayName: 'Sofía Ramos',
  password: 'sofia-password-1',
  role: 'supervisor',
  languages: ['es', 'en', 'zh'],
  topics: ['general'],
};

describe('teller password hashes', () => {
  it('round-trips, refuses a wrong password, and keeps the format with its parameters', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
    expect(await verifyPassword('correct horse', 'scrypt$1$1$1$AAAA$AAAA')).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(stored);
  });
});

describe('teller accounts, sessions and audit', () => {
  let db: SqliteDatabase;
  let clock: Date;
  let audit: AuditLog;
  let accounts: TellerAccounts;
  // Seeded once (scrypt is slow on purpose); each test starts from a copy of the accounts.
  let seededRows: Record<string, unknown>[];
  beforeAll(async () => {
    const template = openDatabase(':memory:', BACKEND_MIGRATIONS);
    const templateAudit = createAuditLog(template);
    await createTellerAccounts(template, { audit: templateAudit, logger: createMemoryLogger() }).seed([
      ANA,
      SOFIA,
    ]);
    seededRows = template.prepare('SELECT * FROM teller_accounts').all() as Record<string, unknown>[];
    template.close();
  });
  beforeEach(() => {
    db = openDatabase(':memory:', BACKEND_MIGRATIONS);
    const insert = db.prepare(
      `INSERT INTO teller_accounts VALUES (@teller_id, @username, @display_name, @role, @languages_json,
         @topics_json, @password_hash, @created_at, @updated_at)`,
    );
    for (const row of seededRows) insert.run(row);
    clock = new Date('2030-01-01T09:00:00Z');
    audit = createAuditLog(db, () => clock);
    accounts = createTellerAccounts(db, { audit, logger: createMemoryLogger(), now: () => clock });
  });
  afterEach(() => db.close());

  const login = (username: string, password: string) => accounts.login(username, password, '127.0.0.1');

  it('signs a seeded teller in with a token that verifies to the profile', async () => {
    const result = await login('ana', ANA.password);
    if (!result.ok) throw new Error('login refused');
    expect(result.reply.teller).toEqual({
      tellerId: expect.any(String),
      username: 'ana',
      displayName: 'Ana Torres',
      role: 'teller',
      languages: ['es', 'en'],
      topics: ['general'],
    });
    expect(result.reply.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(result.reply.expiresAt) - clock.getTime()).toBe(TELLER_SESSION_TTL_MS);
    expect(accounts.verify(result.reply.token)).toEqual(result.reply.teller);
    expect(accounts.profile(result.reply.teller.tellerId)).toEqual(result.reply.teller);
    // Only the token's hash is stored.
    const stored = db.prepare('SELECT token_hash FROM teller_sessions').all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(result.reply.token);
    expect(accounts.verify(`${result.reply.token.slice(0, -1)}A`)).toBeNull();
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    expect(await login('ana', 'not-her-password')).toEqual({ ok: false, code: 'invalid' });
    expect(await login('nobody', 'whatever-password')).toEqual({ ok: false, code: 'invalid' });
    const failed = audit.query({ all: true }).filter((e) => e.action === 'loginFailed');
    expect(failed.map((e) => [e.username, e.tellerId === null])).toEqual([
      ['nobody', true],
      ['ana', false],
    ]);
  });

  it('rate-limits a username after 5 failures in 5 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      expect(await login('ana', `wrong-${i}`)).toEqual({ ok: false, code: 'invalid' });
    expect(await login('ana', ANA.password)).toEqual({ ok: false, code: 'rate-limited' });
    expect(await login('ANA', ANA.password)).toEqual({ ok: false, code: 'rate-limited' });
    // Another user is not affected.
    expect((await login('sofia', SOFIA.password)).ok).toBe(true);
    clock = new Date(clock.getTime() + LOGIN_FAILURE_WINDOW_MS + 1);
    expect((await login('ana', ANA.password)).ok).toBe(true);
  });

  it('a token stops verifying when it expires, when logged out, and when the password is changed', async () => {
    const first = await login('ana', ANA.password);
    const second = await login('ana', ANA.password);
    const third = await login('sofia', SOFIA.password);
    if (!first.ok || !second.ok || !third.ok) throw new Error('login refused');

    expect(accounts.logout(first.reply.token)).toBe(true);
    expect(accounts.verify(first.reply.token)).toBeNull();
    expect(accounts.logout(first.reply.token)).toBe(false);
    expect(accounts.verify(second.reply.token)).not.toBeNull();

    // Re-seeding with the same password keeps sessions; a new password revokes them.
    await accounts.seed([ANA]);
    expect(accounts.verify(second.reply.token)).not.toBeNull();
    await accounts.seed([{ ...ANA, password: 'a-new-password', displayName: 'Ana T.' }]);
    expect(accounts.verify(second.reply.token)).toBeNull();
    expect(await login('ana', ANA.password)).toEqual({ ok: false, code: 'invalid' });
    const renewed = await login('ana', 'a-new-password');
    expect(renewed.ok && renewed.reply.teller.displayName).toBe('Ana T.');

    clock = new Date(clock.getTime() + TELLER_SESSION_TTL_MS - 1);
    expect(accounts.verify(third.reply.token)).not.toBeNull();
    clock = new Date(clock.getTime() + 1);
    expect(accounts.verify(third.reply.token)).toBeNull();
  });

  it('audit queries: a teller sees only their own entries, supervisors all, newest first, by call', async () => {
    const ana = await login('ana', ANA.password);
    const sofia = await login('sofia', SOFIA.password);
    if (!ana.ok || !sofia.ok) throw new Error('login refused');
    const anaId = ana.reply.teller.tellerId;
    const callId = '6f1c1a52-5d1c-4b1e-9a1a-2b7e3c4d5e6f';
    audit.record({ tellerId: anaId, username: 'ana', action: 'accept', callId, kioskId: 'kiosk-centro' });
    audit.record({
      tellerId: anaId,
      username: 'ana',
      action: 'message',
      callId,
      detail: 'Un momento, por favor',
    });
    audit.record({
      tellerId: sofia.reply.teller.tellerId,
      username: 'sofia',
      action: 'presence',
      detail: 'away',
    });

    const own = audit.query({ tellerId: anaId });
    expect(own.map((e) => e.action)).toEqual(['message', 'accept', 'login']);
    expect(own.every((e) => e.tellerId === anaId)).toBe(true);
    expect(audit.query({ all: true }).map((e) => e.action)).toEqual([
      'presence',
      'message',
      'accept',
      'login',
      'login',
    ]);
    expect(audit.query({ all: true, callId }).map((e) => e.action)).toEqual(['message', 'accept']);
    expect(audit.query({ all: true, limit: 2 })).toHaveLength(2);
    expect(() => audit.record({ tellerId: anaId, username: 'ana', action: 'nonsense' as 'end' })).toThrow();
  });

  it('the audit log throws when it cannot store, and a login is then refused, not granted', async () => {
    db.exec('DROP TABLE teller_audit');
    await expect(login('ana', ANA.password)).rejects.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM teller_sessions').get()).toEqual({ n: 0 });
  });
});

describe('callback requests', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ventanilla-callbacks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the phone number sealed: its digits never appear in the database file', () => {
    const path = join(dir, 'backend.sqlite');
    const db = openDatabase(path, BACKEND_MIGRATIONS);
    db.prepare(
      "INSERT INTO kiosks (id, name, enabled, created_at) VALUES ('kiosk-centro', 'Centro', 1, '2030')",
    ).run();
    const key = Buffer.alloc(32, 7);
    const callbacks = createCallbackStore(db, key);
    const callId = '0b5f2a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b';
    const phone = '+34600123456';
    const id = callbacks.record({ kioskId: 'kiosk-centro', language: 'es', topic: 'cards', phone, callId });
    // A retried request of the same call is the same callback.
    expect(callbacks.record({ kioskId: 'kiosk-centro', language: 'es', topic: 'cards', phone, callId })).toBe(
      id,
    );
    callbacks.record({
      kioskId: 'kiosk-centro',
      language: 'en',
      topic: 'general',
      phone: '612987654',
      callId: '1c6f3b4d-2e3f-4a61-9b7c-8d9e0f1a2b3c',
    });
    expect(callbacks.count()).toBe(2);
    const listed = callbacks.list(10);
    expect(listed.map((c) => [c.phone, c.topic, c.status])).toEqual([
      ['612987654', 'general', 'open'],
      [phone, 'cards', 'open'],
    ]);
    expect(callbacks.markDone(id)).toBe(true);
    expect(callbacks.count()).toBe(1);

    // A sealed value moved to another row does not open there (the id is bound in).
    const wrongKey = createCallbackStore(db, Buffer.alloc(32, 8));
    expect(() => wrongKey.list(10)).toThrow();

    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('600123456'))).toBe(false);
    expect(bytes.includes(Buffer.from('612987654'))).toBe(false);
    // The test can fail: the kiosk id is there in clear.
    expect(bytes.includes(Buffer.from('kiosk-centro'))).toBe(true);
  });
});
