import type { SqliteDatabase } from '../../../platform/sqlite.ts';

export interface TellerSessionStore {
  insert(tokenHash: string, tellerId: string, createdAt: string, expiresAt: string): void;
  /** The teller of a session neither revoked nor expired at `now`. */
  activeTeller(tokenHash: string, now: string): string | undefined;
  /** Revokes one session; false when there was no active one. */
  revoke(tokenHash: string, at: string): boolean;
  /** Revokes every session of a teller (password changed). */
  revokeAllOf(tellerId: string, at: string): void;
  /** Forgets sessions that expired before `before`. */
  deleteExpired(before: string): void;
}

export function createTellerSessionStore(db: SqliteDatabase): TellerSessionStore {
  const insert = db.prepare(
    'INSERT INTO teller_sessions (token_hash, teller_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const active = db.prepare<[string, string], { teller_id: string }>(
    `SELECT teller_id FROM teller_sessions
     WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
  );
  const revoke = db.prepare(
    'UPDATE teller_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
  );
  const revokeAll = db.prepare(
    'UPDATE teller_sessions SET revoked_at = ? WHERE teller_id = ? AND revoked_at IS NULL',
  );
  const deleteExpired = db.prepare('DELETE FROM teller_sessions WHERE expires_at < ?');
  return {
    insert: (tokenHash, tellerId, createdAt, expiresAt) => {
      insert.run(tokenHash, tellerId, createdAt, expiresAt);
    },
    activeTeller: (tokenHash, now) => active.get(tokenHash, now)?.teller_id,
    revoke: (tokenHash, at) => revoke.run(at, tokenHash, at).changes === 1,
    revokeAllOf: (tellerId, at) => {
      revokeAll.run(at, tellerId);
    },
    deleteExpired: (before) => {
      deleteExpired.run(before);
    },
  };
}
