import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Kiosk secrets are stored as scrypt hashes, never in clear: a copy of the database does not let
 * anyone connect as a kiosk. The stored text carries its own parameters, so stronger ones can be
 * adopted later without invalidating existing hashes.
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>
 */
const COST = 16_384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// scrypt needs 128·N·r bytes; leave headroom above Node's 32 MiB default for higher stored costs.
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(
  secret: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(secret, salt, COST, BLOCK_SIZE, PARALLELISM, KEY_LENGTH);
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `secret` matches `stored`. A stored text it cannot read never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(secret, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}
