import { createPrivateKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { APP_CODE_MAX_LENGTH, APP_CODE_PREFIX, AppCodePayload } from '../../contracts/identity.ts';

/** The Ed25519 private key of app codes (PKCS8 PEM); refuses any other kind of key. */
export function appCodeSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the app code key must be an Ed25519 private key');
  return key;
}

/**
 * `VQ1.<payload>.<signature>`: the payload JSON and the Ed25519 signature over the ASCII bytes
 * `VQ1.<payload>`, both base64url (contracts/identity.ts). The payload is checked first, so the
 * backend never signs something a kiosk would refuse as malformed.
 */
export function signAppCode(payload: AppCodePayload, privateKey: KeyObject | string): string {
  const checked = AppCodePayload.parse(payload);
  const key = typeof privateKey === 'string' ? appCodeSigningKey(privateKey) : privateKey;
  const signed = `${APP_CODE_PREFIX}${Buffer.from(JSON.stringify(checked), 'utf8').toString('base64url')}`;
  const code = `${signed}.${sign(null, Buffer.from(signed, 'ascii'), key).toString('base64url')}`;
  // A QR code must stay small enough for a phone screen and a scanner: refuse to make a larger one.
  if (code.length > APP_CODE_MAX_LENGTH) throw new Error('app code longer than APP_CODE_MAX_LENGTH');
  return code;
}

/** A fresh unique code id: 128 random bits, 22 base64url characters. */
export function newAppCodeId(): string {
  return randomBytes(16).toString('base64url');
}
