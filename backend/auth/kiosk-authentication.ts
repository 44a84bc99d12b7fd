import type { ExtendedError, Socket } from 'socket.io';
import { type AuthErrorCode, KioskAuth } from '../../contracts/backend-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import type { AuthNonceStore } from '../store/auth-nonce-store.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import { checkKioskToken, nonceExpiry } from './kiosk-token.ts';

const REFUSAL_MESSAGES: Record<AuthErrorCode, string> = {
  'malformed-auth': 'the handshake auth is not { kioskId, issuedAt, nonce, signature, softwareVersion }',
  'unknown-kiosk': 'this kiosk id is not registered with the backend',
  'bad-credential': "the token is not signed with this kiosk's registered key",
  'expired-token': 'the token was issued too long ago (or too far ahead): check the kiosk clock',
  'replayed-token': 'this token was already used; sign a new one for every connection',
  'kiosk-disabled': 'this kiosk is disabled on the backend',
};

/**
 * The error socket.io hands the kiosk as `connect_error`: its message is the code, and `data`
 * carries the code and a sentence for the kiosk's log.
 */
export function authRefusal(code: AuthErrorCode): ExtendedError {
  const error = new Error(code) as ExtendedError;
  error.data = { code, message: REFUSAL_MESSAGES[code] };
  return error;
}

/** What a socket of the `/kiosk` namespace carries once authenticated. */
export interface KioskSocketData {
  kioskId: string;
  softwareVersion: string;
}

export type KioskAuthOutcome = { ok: true; data: KioskSocketData } | { ok: false; code: AuthErrorCode };

export interface KioskAuthStores {
  kiosks: KioskStore;
  authNonces: AuthNonceStore;
}

/**
 * Decides whether a handshake's `auth` is a fresh token of a registered, enabled kiosk, in this
 * order: shape, kiosk, signature, age, nonce, enabled flag. Only a correctly signed token reaches
 * the nonce store (strangers cannot fill it) and only the key's holder learns that a kiosk is
 * disabled. The nonce is claimed even when the kiosk turns out disabled: the token is used up.
 */
export function checkKioskAuth(stores: KioskAuthStores, auth: unknown, now = Date.now()): KioskAuthOutcome {
  const parsed = KioskAuth.safeParse(auth);
  if (!parsed.success) return { ok: false, code: 'malformed-auth' };
  const { kioskId, issuedAt, nonce, softwareVersion } = parsed.data;
  const kiosk = stores.kiosks.find(kioskId);
  if (!kiosk) return { ok: false, code: 'unknown-kiosk' };
  const token = checkKioskToken(parsed.data, kiosk.publicKey, now);
  if (token !== 'valid') return { ok: false, code: token };
  if (!stores.authNonces.claim(kioskId, nonce, nonceExpiry(issuedAt, now), now)) {
    return { ok: false, code: 'replayed-token' };
  }
  if (!kiosk.enabled) return { ok: false, code: 'kiosk-disabled' };
  return { ok: true, data: { kioskId, softwareVersion } };
}

/** socket.io middleware of the `/kiosk` namespace. */
export function kioskAuthMiddleware(stores: KioskAuthStores, logger: Logger) {
  return (socket: Socket, next: (error?: ExtendedError) => void): void => {
    let outcome: KioskAuthOutcome;
    try {
      outcome = checkKioskAuth(stores, socket.handshake.auth);
    } catch (error) {
      // A failure of ours (the database, say), not the kiosk's: no AuthErrorCode fits, and the
      // kiosk retries as it would after any connection error.
      logger.error('kiosk authentication failed', { error: error as Error });
      next(new Error('internal'));
      return;
    }
    if (outcome.ok) {
      socket.data = outcome.data;
      next();
      return;
    }
    // Only an id that passed the schema is logged: a malformed one could be anything, even a key.
    const claimed = KioskAuth.shape.kioskId.safeParse(
      (socket.handshake.auth as { kioskId?: unknown })?.kioskId,
    );
    logger.warn('kiosk connection refused', {
      kioskId: claimed.success ? claimed.data : null,
      code: outcome.code,
    });
    next(authRefusal(outcome.code));
  };
}
