/**
 * Counts of notes or coins keyed by value in minor units (a string key, as in the contracts):
 * `{ "500": 3, "2000": 1 }` is three 5.00 notes and one 20.00 note.
 */
export type CountsByValue = Readonly<Record<string, number>>;

/** The amount the counts make, in minor units; NaN when a key is not a positive whole value. */
export function amountOf(counts: CountsByValue): number {
  let total = 0;
  for (const [key, count] of Object.entries(counts)) {
    const value = Number(key);
    if (!Number.isSafeInteger(value) || value <= 0) return Number.NaN;
    total += value * count;
  }
  return total;
}
