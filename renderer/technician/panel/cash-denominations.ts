import type { Currency } from '../../../contracts/devices/cash.ts';

/**
 * Notes and coins of each kiosk currency, in minor units: the count inputs of an exchange offer
 * these besides whatever the ledger expects, so a technician can enter a piece it did not expect.
 */
const NOTES: Record<Currency, number[]> = {
  EUR: [500, 1000, 2000, 5000, 10000, 20000],
  USD: [100, 200, 500, 1000, 2000, 5000, 10000],
  MXN: [2000, 5000, 10000, 20000, 50000, 100000],
  CNY: [100, 500, 1000, 2000, 5000, 10000],
};
const COINS: Record<Currency, number[]> = {
  EUR: [1, 2, 5, 10, 20, 50, 100, 200],
  USD: [1, 5, 10, 25, 50, 100],
  MXN: [50, 100, 200, 500, 1000, 2000],
  CNY: [10, 50, 100],
};

/** Values to count in a container, largest first: the expected ones and the currency's own. */
export function denominationsToCount(
  currency: string,
  location: 'cashbox' | 'hopper',
  expected: Record<string, number>,
): string[] {
  const known = currency in NOTES ? (currency as Currency) : null;
  const own = known === null ? [] : location === 'hopper' ? COINS[known] : [...NOTES[known], ...COINS[known]];
  const values = new Set([...own.map(String), ...Object.keys(expected)]);
  // A hopper pays one coin: only what it is expected to hold, or every coin when it is empty.
  if (location === 'hopper' && Object.keys(expected).length > 0) {
    return Object.keys(expected).sort((a, b) => Number(b) - Number(a));
  }
  return [...values].sort((a, b) => Number(b) - Number(a));
}

/** Minor units as money of `currency`, in the panel's language. */
export function formatMoney(minor: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export function amountOf(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((sum, [value, count]) => sum + Number(value) * count, 0);
}
