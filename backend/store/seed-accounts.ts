import { z } from 'zod';
import { Currency } from '../../contracts/devices/cash.ts';
import type { AccountStore } from './account-store.ts';

/** One entry of the `--accounts` file: an account kiosks may deposit into (demo and tests). */
export const AccountSeed = z.strictObject({
  accountNumber: z.string().regex(/^\d{6,20}$/, '6 to 20 digits'),
  holderName: z.string().trim().min(1).max(100),
  currency: Currency,
  /** Opening balance in minor units, applied only when the account is first added. */
  balance: z.number().int().nonnegative().default(0),
});
export type AccountSeed = z.input<typeof AccountSeed>;

export const AccountSeedList = z.array(AccountSeed).max(100_000);

/**
 * Adds the listed accounts, or updates their holder and currency. Each keeps the reference it was
 * given when first added (so deposits already carrying it still credit it) and its balance (so a
 * restart never undoes credited deposits).
 */
export function seedAccounts(store: AccountStore, seeds: readonly AccountSeed[]): void {
  for (const seed of AccountSeedList.parse(seeds)) store.upsert(seed);
}
