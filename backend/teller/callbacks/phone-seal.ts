import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals a callback's phone number with AES-256-GCM under the callbacks key (identity-key.ts).
 * The callback's id is the additional data, so a sealed number copied to another row does not
 * open. Stored as `v1.<iv>.<ciphertext and tag>`, base64url.
 */
export function sealPhone(key: Buffer, callbackId: string, phone: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(callbackId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The phone number of a sealed value; throws when the key, the id or the value is wrong. */
export function openPhone(key: Buffer, callbackId: string, stored: string): string {
  const [version, iv, sealed] = stored.split('.');
  if (version !== VERSION || !iv || !sealed) throw new Error('unknown sealed phone format');
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 16) throw new Error('sealed phone too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(callbackId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}
