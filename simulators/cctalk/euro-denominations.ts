import type { Denomination } from '../../contracts/devices/cash.ts';

/**
 * The simulated devices' own tables (ccTalk Generic Specification part 2: a bill type or coin
 * position is the device's index into the notes or coins it was programmed for). Values in cents.
 */
export const EURO_BILL_TYPES: readonly Denomination[] = [
  { type: 1, value: 500 },
  { type: 2, value: 1_000 },
  { type: 3, value: 2_000 },
  { type: 4, value: 5_000 },
  { type: 5, value: 10_000 },
  { type: 6, value: 20_000 },
];

/** A real note the validator was not programmed for: it reads it and rejects it as invalid. */
export const EURO_NOTES_NOT_PROGRAMMED: readonly number[] = [50_000];

export const EURO_COIN_POSITIONS: readonly Denomination[] = [
  { type: 1, value: 10 },
  { type: 2, value: 20 },
  { type: 3, value: 50 },
  { type: 4, value: 100 },
  { type: 5, value: 200 },
];

/** Real coins the acceptor was not programmed for (1, 2 and 5 cents): rejected as unknown coins. */
export const EURO_COINS_NOT_PROGRAMMED: readonly number[] = [1, 2, 5];

/**
 * ccTalk identifiers of a denomination: bill id (header 157) `EU0020A` is country, value in the
 * country's scaling units, issue; coin id (header 184) `EU200A` likewise with three value digits.
 */
export function billId(value: number): string {
  return `EU${String(value / 100).padStart(4, '0')}A`;
}

export function coinId(value: number): string {
  return `EU${String(value).padStart(3, '0')}A`;
}
