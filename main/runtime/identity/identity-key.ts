import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Logger } from '../../../platform/log.ts';

/**
 * The data key of the identity capture store: 32 random bytes in a file beside the kiosk
 * database (`<database>.identity-key`, mode 0600), created on first use.
 *
 * What it protects: a copied database file, a backup of it, or a discarded disk image that does
 * not carry the key file. It does not protect against root on the running kiosk, who can read
 * both. Production keeps the key in the OS keystore or TPM (Electron `safeStorage`);
 * docs/security.md "Identity documents".
 */
export interface IdentityKey {
  key: Buffer;
  /** A fingerprint stored with each row, so a row sealed with another key is told apart. */
  keyId: string;
  /** True when this call made a new key (first start, or the old file was unusable). */
  created: boolean;
}

export const IDENTITY_KEY_BYTES = 32;

export function identityKeyPath(databasePath: string): string {
  return `${databasePath}.identity-key`;
}

export function keyIdOf(key: Buffer): string {
  // A hash of the key, not the key: it names the key without helping anyone recover it.
  return createHash('sha256').update('ventanilla identity key id\n').update(key).digest('hex').slice(0, 16);
}

/**
 * Reads the key file, or creates it. A file of the wrong length is replaced by a new key (its
 * rows can no longer be opened and are dropped by the store): the captures are minutes-long
 * working data, so a fresh key costs a customer at most one rescan, while refusing would keep
 * the kiosk from starting.
 */
export function loadOrCreateIdentityKey(path: string, log: Logger): IdentityKey {
  let existing: Buffer | null = null;
  try {
    existing = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing && existing.length === IDENTITY_KEY_BYTES) {
    if ((statSync(path).mode & 0o077) !== 0) {
      log.warn('identity key file was readable by others; restricted to its owner', { path });
      chmodSync(path, 0o600);
    }
    return { key: existing, keyId: keyIdOf(existing), created: false };
  }
  if (existing) {
    log.warn('identity key file has the wrong length; a new key replaces it', { path });
    existing.fill(0);
  }
  const key = randomBytes(IDENTITY_KEY_BYTES);
  // Written whole under another name, then renamed: a crash never leaves a short key file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, key, { mode: 0o600, flag: 'w' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return { key, keyId: keyIdOf(key), created: true };
}
