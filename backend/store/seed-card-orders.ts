import { z } from 'zod';
import { OrderCode } from '../../contracts/card-issuing.ts';
import { CardOrderLookupByDocumentRequest } from '../../contracts/identity.ts';
import { expiryAfterDays, openCardOrder, resolveCardNames } from '../cards/card-orders.ts';
import type { AccountStore } from './account-store.ts';
import type { CardOrderStore } from './card-order-store.ts';
import type { CardStore } from './card-store.ts';
import { documentHash } from '../identity/document-hash.ts';

/** One entry of the `--card-orders` file: an order a customer can collect at a kiosk (demo and tests). */
export const CardOrderSeed = z.strictObject({
  /** Fixed, so a demo's newcomer can type it. */
  orderCode: OrderCode,
  /** The account the card belongs to: one of the `--accounts`. */
  accountNumber: z.string().regex(/^\d{6,20}$/, '6 to 20 digits'),
  /** Names for the card; derived from the account holder's name when both are left out. */
  surname: z.string().trim().min(1).max(40).optional(),
  givenNames: z.string().trim().min(1).max(40).optional(),
  deliveryAddress: z.string().trim().min(1).max(300).optional(),
  /** Days the order stays open, counted from each start that (re-)opens it. */
  validDays: z.number().int().min(1).max(3650).default(30),
  /**
   * The customer's ID document as its MRZ prints it, so a kiosk that reads it finds the order.
   * Only its keyed hash is stored.
   */
  document: CardOrderLookupByDocumentRequest.strict().optional(),
  /** The bank wants a teller to approve the card (on a video call) before a kiosk makes it. */
  tellerApproval: z.boolean().default(false),
});
export type CardOrderSeed = z.input<typeof CardOrderSeed>;

export const CardOrderSeedList = z.array(CardOrderSeed).max(100_000);

export interface CardOrderSeedStores {
  accounts: AccountStore;
  cardOrders: CardOrderStore;
  cards: CardStore;
}

/**
 * Adds the listed orders, each under its fixed code. An order already there is renewed from the
 * file (account, names, address, a fresh expiry) only while nothing has happened to it that a
 * re-seed must not undo: an order with a card issued or being issued, or one mailed or cancelled,
 * stays as it is. Seeding the same file again therefore re-opens nothing already issued.
 * Runs after the accounts are seeded; an order on an unknown account stops the start.
 */
export function seedCardOrders(
  stores: CardOrderSeedStores,
  seeds: readonly CardOrderSeed[],
  now = new Date(),
  /** Key of the document hashes (identity/identity-key.ts); needed when a seed has a document. */
  documentKey?: Buffer,
): void {
  for (const [index, seed] of CardOrderSeedList.parse(seeds).entries()) {
    // Errors name the entry, not its values: codes and account numbers stay out of logs.
    const account = stores.accounts.findByNumber(seed.accountNumber);
    if (!account) throw new Error(`card order seed ${index}: no account has that number`);
    if (seed.document && !documentKey)
      throw new Error(`card order seed ${index}: no document key to hash with`);
    const details = {
      surname: seed.surname,
      givenNames: seed.givenNames,
      deliveryAddress: seed.deliveryAddress ?? null,
      validDays: seed.validDays,
      documentHash: seed.document && documentKey ? documentHash(documentKey, seed.document) : null,
      tellerApproval: seed.tellerApproval,
    };
    const existing = stores.cardOrders.findByCode(seed.orderCode);
    if (!existing) {
      const opened = openCardOrder(stores.cardOrders, account, details, now, seed.orderCode);
      if ('error' in opened) throw new Error(`card order seed ${index}: ${opened.error}`);
      continue;
    }
    const cards = stores.cards.listByOrder(existing.orderRef);
    const settled =
      cards.some((card) => card.status === 'issued' || card.status === 'pending') ||
      existing.status === 'mailRequested' ||
      existing.status === 'cancelled';
    if (settled) continue;
    const names = resolveCardNames(account, details);
    if ('error' in names) throw new Error(`card order seed ${index}: ${names.error}`);
    stores.cardOrders.renew(existing.orderRef, {
      accountRef: account.accountRef,
      ...names,
      deliveryAddress: details.deliveryAddress,
      expiresAt: expiryAfterDays(now, seed.validDays),
      documentHash: details.documentHash,
      tellerApproval: details.tellerApproval,
    });
  }
}
