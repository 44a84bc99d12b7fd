import type { SqliteDatabase } from '../../platform/sqlite.ts';

/**
 * Nonces of the kiosk tokens already used, kept in the database so a restart of the backend does
 * not reopen a window for replaying a captured token. A nonce is kept until its token has expired;
 * older ones are pruned as new ones arrive.
 */
export interface AuthNonceStore {
  /** Records the nonce; false when this kiosk already used it (a replay). */
  claim(kioskId: string, nonce: string, expiresAtMs: number, nowMs: number): boolean;
}

export function createAuthNonceStore(db: SqliteDatabase): AuthNonceStore {
  const pruneStatement = db.prepare('DELETE FROM kiosk_auth_nonces WHERE expires_at < ?');
  const claimStatement = db.prepare(
    `INSERT INTO kiosk_auth_nonces (kiosk_id, nonce, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (kiosk_id, nonce) DO NOTHING`,
  );
  const claim = db.transaction((kioskId: string, nonce: string, expiresAtMs: number, nowMs: number) => {
    pruneStatement.run(nowMs);
    return claimStatement.run(kioskId, nonce, expiresAtMs).changes === 1;
  });
  return { claim: (kioskId, nonce, expiresAtMs, nowMs) => claim(kioskId, nonce, expiresAtMs, nowMs) };
}
