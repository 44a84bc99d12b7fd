import { createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../store/secret-store.ts';

/** Shortest `cardNumberKey` accepted: a key must not be guessable. */
export const MIN_CARD_NUMBER_KEY_LENGTH = 32;

const STORED_KEY_NAME = 'cardNumberKey';

/**
 * The key of the card number hashes: the configured one, or else the one made on the first start
 * and kept in the database. A key kept next to the hashes protects them only from whoever gets
 * the hashes without the database (a log, a report); in production configure `cardNumberKey`
 * and keep it out of the database. Changing the key later makes earlier numbers unrecognisable,
 * so uniqueness is then only checked against numbers issued under the new key.
 */
export function cardNumberKey(configured: string | undefined, secrets: SecretStore): string {
  if (configured !== undefined) {
    if (configured.length < MIN_CARD_NUMBER_KEY_LENGTH) {
      throw new Error(`cardNumberKey must have at least ${MIN_CARD_NUMBER_KEY_LENGTH} characters`);
    }
    return configured;
  }
  return secrets.getOrCreate(STORED_KEY_NAME, () => randomBytes(32).toString('base64url'));
}

/**
 * The keyed hash stored for a card number: HMAC-SHA256, hex. A bare hash would not do: card numbers
 * are so few (a BIN and nine random digits) that every one could be hashed to find the match.
 */
export function cardNumberHash(key: string, pan: string): string {
  return createHmac('sha256', key).update(pan, 'utf8').digest('hex');
}
