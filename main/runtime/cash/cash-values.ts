import type { CashCounts } from './types.ts';

/** The amount counts make, in minor units. Keys are assumed valid (see `normaliseCounts`). */
export function amountOf(counts: CashCounts): number {
  return Object.entries(counts).reduce((sum, [value, count]) => sum + Number(value) * count, 0);
}

/**
 * Counts as the ledger keeps them: keys are the canonical decimal of a positive whole value, zero
 * counts dropped. Null when a key is not such a value or a count is not a whole number ≥ 0.
 */
export function normaliseCounts(counts: Readonly<Record<string, unknown>>): CashCounts | null {
  const normalised: CashCounts = {};
  for (const [key, count] of Object.entries(counts)) {
    if (!/^[1-9]\d{0,12}$/.test(key)) return null;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return null;
    if (count > 0) normalised[key] = (normalised[key] ?? 0) + count;
  }
  return normalised;
}
