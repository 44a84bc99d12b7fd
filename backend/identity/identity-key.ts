import { hkdfSync, randomBytes } from 'node:crypto';
import type { SecretStore } from '../store/secret-store.ts';

/** Shortest `identityKey` accepted: a key must not be guessable. */
export const MIN_IDENTITY_KEY_LENGTH = 32;

const STORED_KEY_NAME = 'identityKey';

/** The keys of customers' identity data, each for one purpose. */
export interface IdentityKeys {
  /** HMAC-SHA256 key of the document hashes card orders carry (document-hash.ts). */
  documentHash: Buffer;
  /** AES-256-GCM key of account applications' pre-filled data (db/sealed-value.ts). */
  applicationData: Buffer;
  /** AES-256-GCM key of the phone numbers of callback requests (db/sealed-value.ts). */
  tellerCallbacks: Buffer;
}

/**
 * The identity keys, derived (HKDF-SHA256) from one secret: the configured `identityKey`, or else
 * one made on the first start and kept in the database. Its own secret rather than the card
 * number key, so neither can be rotated or leaked without the other staying intact. As with the
 * card number key, a key kept next to the data protects it only from whoever gets the data
 * without the database; in production configure it and keep it out of the database. Changing it
 * makes earlier document hashes and applications unreadable.
 */
export function identityKeys(configured: string | undefined, secrets: SecretStore): IdentityKeys {
  if (configured !== undefined && configured.length < MIN_IDENTITY_KEY_LENGTH) {
    throw new Error(`identityKey must have at least ${MIN_IDENTITY_KEY_LENGTH} characters`);
  }
  const secret =
    configured ?? secrets.getOrCreate(STORED_KEY_NAME, () => randomBytes(32).toString('base64url'));
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), purpose, 32));
  return {
    documentHash: derive('ventanilla document hash v1'),
    applicationData: derive('ventanilla application data v1'),
    tellerCallbacks: derive('ventanilla teller callbacks v1'),
  };
}
