import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds per hash). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
/** Largest N a stored hash may ask for, so a tampered row cannot make a login eat the memory. */
const MAX_N = 2 ** 20;

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly 128·N·r at these parameters: leave headroom.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64). The asynchronous scrypt
 * runs on libuv's thread pool, so a login does not hold up the event loop the kiosks share.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Whether `password` matches the stored hash, compared in constant time. A malformed hash never
 * matches (and costs the same scrypt call, with the default parameters).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  const salt = parsed?.salt ?? Buffer.alloc(SALT_BYTES);
  const expected = parsed?.hash ?? Buffer.alloc(KEY_LENGTH);
  const actual = await derive(password, salt, parsed ?? SCRYPT_PARAMS);
  return parsed !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function parseHash(stored: string): { N: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : Number.NaN));
  if (!N || !r || !p || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < SALT_BYTES || hash.length !== KEY_LENGTH) return null;
  return { N, r, p, salt, hash };
}
