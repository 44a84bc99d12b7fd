import type { ExtendedError, Socket } from 'socket.io';
import { type AuthErrorCode, KioskAuth } from '../../contracts/backend-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import { verifySecret } from './secret-hash.ts';

const REFUSAL_MESSAGES: Record<AuthErrorCode, string> = {
  'malformed-auth': 'the handshake auth is not { kioskId, secret, softwareVersion }',
  'unknown-kiosk': 'this kiosk id is not registered with the backend',
  'bad-credential': 'the secret does not match this kiosk',
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

/**
 * Decides whether a handshake's `auth` belongs to a registered, enabled kiosk. The secret is checked
 * before the enabled flag, so only the holder of a kiosk's secret learns that it is disabled.
 */
export async function checkKioskAuth(kiosks: KioskStore, auth: unknown): Promise<KioskAuthOutcome> {
  const parsed = KioskAuth.safeParse(auth);
  if (!parsed.success) return { ok: false, code: 'malformed-auth' };
  const { kioskId, secret, softwareVersion } = parsed.data;
  const kiosk = kiosks.find(kioskId);
  if (!kiosk) return { ok: false, code: 'unknown-kiosk' };
  if (!(await verifySecret(secret, kiosk.secretHash))) return { ok: false, code: 'bad-credential' };
  if (!kiosk.enabled) return { ok: false, code: 'kiosk-disabled' };
  return { ok: true, data: { kioskId, softwareVersion } };
}

/** socket.io middleware of the `/kiosk` namespace. */
export function kioskAuthMiddleware(kiosks: KioskStore, logger: Logger) {
  return (socket: Socket, next: (error?: ExtendedError) => void): void => {
    checkKioskAuth(kiosks, socket.handshake.auth).then(
      (outcome) => {
        if (outcome.ok) {
          socket.data = outcome.data;
          next();
          return;
        }
        // Only an id that passed the schema is logged: a malformed one could be anything, even a secret.
        const claimed = KioskAuth.shape.kioskId.safeParse(
          (socket.handshake.auth as { kioskId?: unknown })?.kioskId,
        );
        logger.warn('kiosk connection refused', {
          kioskId: claimed.success ? claimed.data : null,
          code: outcome.code,
        });
        next(authRefusal(outcome.code));
      },
      (error: unknown) => {
        // A failure of ours (the database, say), not the kiosk's: no AuthErrorCode fits, and the
        // kiosk retries as it would after any connection error.
        logger.error('kiosk authentication failed', { error: error as Error });
        next(new Error('internal'));
      },
    );
  };
}
