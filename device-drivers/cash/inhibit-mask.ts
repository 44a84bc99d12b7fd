/**
 * Data of ccTalk header 231 "Modify inhibit status" (Generic Specification part 2): two bytes,
 * LSB first, bit n-1 for bill type or coin position n; 1 = enabled, 0 = inhibited.
 * Returns null when a type is outside 1..16, which this two-byte mask cannot name.
 */
export function inhibitMask(types: readonly number[]): Uint8Array | null {
  let mask = 0;
  for (const type of types) {
    if (!Number.isInteger(type) || type < 1 || type > 16) return null;
    mask |= 1 << (type - 1);
  }
  return Uint8Array.of(mask & 0xff, (mask >> 8) & 0xff);
}

/** Header 228 "Modify master inhibit status": bit 0 = 1 is normal operation, 0 inhibits everything. */
export const MASTER_ENABLED = Uint8Array.of(1);
export const MASTER_INHIBITED = Uint8Array.of(0);
