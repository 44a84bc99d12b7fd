import { createHash, randomBytes } from 'node:crypto';
import type { TellerLoginReply, TellerProfile } from '../../../contracts/teller.ts';
import type { Logger } from '../../../platform/log.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { createLoginRateLimit } from './login-rate-limit.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { createTellerAccountStore, type TellerAccount } from './teller-account-store.ts';
import { createTellerSessionStore } from './teller-session-store.ts';
import { type TellerSeed, TellerSeedList } from './teller-seed.ts';

/** A console's session lasts one working day; then the teller signs in again. */
export const TELLER_SESSION_TTL_MS = 8 * 3_600_000;
/** Expired sessions are kept this long (for investigation) before they are deleted. */
const EXPIRED_SESSION_RETENTION_MS = 7 * 86_400_000;

/** What the `/teller` socket.io namespace needs of the accounts: who a bearer token belongs to. */
export interface TellerSessionVerifier {
  /** The teller of a valid token; null when unknown, expired or revoked. */
  verify(token: string): TellerProfile | null;
}

export type TellerLoginResult =
  | { ok: true; reply: TellerLoginReply }
  | { ok: false; code: 'invalid' | 'rate-limited' };

export interface TellerAccounts extends TellerSessionVerifier {
  login(username: string, password: string, remoteAddress: string | null): Promise<TellerLoginResult>;
  /** Revokes the token's session; false when it was not an active one. */
  logout(token: string): boolean;
  /** Adds the seeded tellers or updates them; a changed password signs the teller out everywhere. */
  seed(tellers: readonly TellerSeed[]): Promise<void>;
  profile(tellerId: string): TellerProfile | null;
  /** Every account, by username. */
  list(): TellerProfile[];
}

export interface TellerAccountsOptions {
  audit: AuditLog;
  logger: Logger;
  now?: () => Date;
  sessionTtlMs?: number;
}

/** Tokens are 32 random bytes, base64url (43 characters); only their SHA-256 is stored. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toProfile(account: TellerAccount): TellerProfile {
  const { passwordHash: _hash, ...profile } = account;
  return profile;
}

/**
 * Teller accounts and their console sessions over the backend database: login (scrypt, rate
 * limited, audited), bearer tokens, logout, seeding from the backend config.
 */
export function createTellerAccounts(db: SqliteDatabase, options: TellerAccountsOptions): TellerAccounts {
  const now = options.now ?? (() => new Date());
  const ttl = options.sessionTtlMs ?? TELLER_SESSION_TTL_MS;
  const accounts = createTellerAccountStore(db);
  const sessions = createTellerSessionStore(db);
  const limit = createLoginRateLimit(() => now().getTime());
  const { audit, logger } = options;
  // An unknown username is checked against this hash, so it costs the same scrypt call as a known
  // one and the answer's timing does not tell which usernames exist.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword(randomBytes(16).toString('base64'));
    return dummyHash;
  };

  const login: TellerAccounts['login'] = async (username, password, remoteAddress) => {
    const from = remoteAddress ? `from ${remoteAddress.slice(0, 64)}` : null;
    if (limit.blocked(username)) {
      const account = accounts.findByUsername(username);
      audit.record({
        tellerId: account?.tellerId ?? null,
        username: account?.username ?? username,
        action: 'loginFailed',
        detail: from ? `rate-limited, ${from}` : 'rate-limited',
      });
      return { ok: false, code: 'rate-limited' };
    }
    const found = accounts.findByUsername(username);
    const matches = await verifyPassword(password, found?.passwordHash ?? (await dummy()));
    // Read again after the await: the account may have been re-seeded meanwhile.
    const account = accounts.findByUsername(username);
    if (!found || !matches || !account || account.passwordHash !== found.passwordHash) {
      limit.fail(username);
      audit.record({
        tellerId: found?.tellerId ?? null,
        username: found?.username ?? username,
        action: 'loginFailed',
        detail: from,
      });
      logger.info('teller login refused', { known: found !== undefined });
      return { ok: false, code: 'invalid' };
    }
    limit.clear(username);
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + ttl).toISOString();
    db.transaction(() => {
      sessions.deleteExpired(new Date(at.getTime() - EXPIRED_SESSION_RETENTION_MS).toISOString());
      sessions.insert(tokenHash(token), account.tellerId, at.toISOString(), expiresAt);
      // In the same transaction: no session without its audit entry.
      audit.record({ tellerId: account.tellerId, username: account.username, action: 'login', detail: from });
    })();
    logger.info('teller signed in', { tellerId: account.tellerId, role: account.role });
    return { ok: true, reply: { token, expiresAt, teller: toProfile(account) } };
  };

  const verify = (token: string): TellerProfile | null => {
    if (typeof token !== 'string' || token.length < 32 || token.length > 128) return null;
    const tellerId = sessions.activeTeller(tokenHash(token), now().toISOString());
    const account = tellerId === undefined ? undefined : accounts.findById(tellerId);
    return account ? toProfile(account) : null;
  };

  const logout = (token: string): boolean => {
    const profile = verify(token);
    if (!profile) return false;
    return db.transaction(() => {
      const revoked = sessions.revoke(tokenHash(token), now().toISOString());
      if (revoked) audit.record({ tellerId: profile.tellerId, username: profile.username, action: 'logout' });
      return revoked;
    })();
  };

  const seed = async (tellers: readonly TellerSeed[]): Promise<void> => {
    for (const teller of TellerSeedList.parse(tellers)) {
      const existing = accounts.findByUsername(teller.username);
      const samePassword = existing ? await verifyPassword(teller.password, existing.passwordHash) : false;
      const passwordHash = samePassword ? existing!.passwordHash : await hashPassword(teller.password);
      const at = now().toISOString();
      db.transaction(() => {
        const tellerId = accounts.upsert(
          {
            username: existing?.username ?? teller.username,
            displayName: teller.displayName,
            role: teller.role,
            languages: teller.languages,
            topics: teller.topics,
            passwordHash,
          },
          at,
        );
        if (existing && !samePassword) sessions.revokeAllOf(tellerId, at);
      })();
    }
  };

  return {
    login,
    verify,
    logout,
    seed,
    profile: (tellerId) => {
      const account = accounts.findById(tellerId);
      return account ? toProfile(account) : null;
    },
    list: () => accounts.list().map(toProfile),
  };
}
