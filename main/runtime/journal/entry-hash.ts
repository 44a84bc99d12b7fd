import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a journal entry: hex SHA-256 over the UTF-8 of the canonical JSON array
 * `[seq, at, type, data, prevHash]`. A JSON array (rather than fields joined by a separator)
 * keeps the fields unambiguous whatever characters they contain, and `data` is hashed in its
 * canonical form, so the same entry always hashes the same.
 */
export function entryHash(entry: {
  seq: number;
  at: string;
  type: string;
  data: unknown;
  prevHash: string;
}): string {
  const text = canonicalJson([entry.seq, entry.at, entry.type, entry.data, entry.prevHash]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
