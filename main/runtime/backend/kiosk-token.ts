import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { type KioskAuth, kioskTokenPayload } from '../../../contracts/index.ts';

/**
 * A short-lived token proving this kiosk's identity: its id, the time and a random nonce, signed
 * with its Ed25519 private key. The backend accepts it once, within a minute of `issuedAt`.
 */
export function signKioskToken(
  kioskId: string,
  privateKey: KeyObject,
  softwareVersion: string,
  now: number = Date.now(),
): KioskAuth {
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(null, Buffer.from(kioskTokenPayload(kioskId, now, nonce), 'utf8'), privateKey);
  return { kioskId, issuedAt: now, nonce, signature: signature.toString('base64url'), softwareVersion };
}
