import { verify } from 'node:crypto';
import {
  KIOSK_TOKEN_LIFETIME_MS,
  type KioskAuth,
  kioskTokenPayload,
} from '../../contracts/backend-protocol.ts';
import { readKioskPublicKey } from './kiosk-public-key.ts';

/** Length of every Ed25519 signature; anything else cannot verify and is not worth trying. */
const ED25519_SIGNATURE_BYTES = 64;

export type TokenCheck = 'valid' | 'bad-credential' | 'expired-token';

/**
 * Checks a token's signature against the kiosk's public key, then its age. The signature comes
 * first so a stranger learns nothing (not even "expired") about a token they could not have made.
 * A token is accepted within `KIOSK_TOKEN_LIFETIME_MS` on either side of `issuedAt`, which
 * tolerates a kiosk clock that runs a little ahead or behind.
 */
export function checkKioskToken(auth: KioskAuth, publicKeyPem: string | null, now: number): TokenCheck {
  const publicKey = publicKeyPem === null ? undefined : readKioskPublicKey(publicKeyPem);
  if (!publicKey) return 'bad-credential';
  const signature = Buffer.from(auth.signature, 'base64url');
  if (signature.length !== ED25519_SIGNATURE_BYTES) return 'bad-credential';
  const payload = Buffer.from(kioskTokenPayload(auth.kioskId, auth.issuedAt, auth.nonce), 'utf8');
  let signed: boolean;
  try {
    signed = verify(null, payload, publicKey, signature);
  } catch {
    signed = false;
  }
  if (!signed) return 'bad-credential';
  if (Math.abs(now - auth.issuedAt) > KIOSK_TOKEN_LIFETIME_MS) return 'expired-token';
  return 'valid';
}

/**
 * Until when a token's nonce must be remembered: past this instant the token is refused as expired
 * anyway. The backend's own clock is included so a token issued in the past is still covered for a
 * whole lifetime if the backend's clock later steps back.
 */
export function nonceExpiry(issuedAt: number, now: number): number {
  return Math.max(issuedAt, now) + KIOSK_TOKEN_LIFETIME_MS;
}
