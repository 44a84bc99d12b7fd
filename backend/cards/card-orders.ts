import { randomUUID } from 'node:crypto';
import type { Account } from '../store/account-store.ts';
import type { CardOrder, CardOrderStore } from '../store/card-order-store.ts';
import { CARD_NAME_PATTERN, cardNamesFromHolder, toCardName } from './card-names.ts';
import { newOrderCode } from './order-code.ts';

/** Days a new order can be collected at a kiosk, unless told otherwise. */
export const CARD_ORDER_VALID_DAYS = 30;

/** Draws of a random order code before giving up; one clash in 8.5 × 10^11 codes is already rare. */
const ORDER_CODE_DRAWS = 10;

export interface CardOrderDetails {
  /** Names for the card; derived from the holder's name when left out. */
  surname?: string | undefined;
  givenNames?: string | undefined;
  deliveryAddress?: string | null | undefined;
  validDays?: number | undefined;
  /** HMAC of the customer's document (identity/document-hash.ts), so a kiosk finds the order by it. */
  documentHash?: string | null | undefined;
  /** The bank wants a teller to approve the card before a kiosk makes it; default false. */
  tellerApproval?: boolean | undefined;
}

/** The names on the card: as given (made card-safe), else from the account holder's name. */
export function resolveCardNames(
  account: Account,
  details: CardOrderDetails,
): { surname: string; givenNames: string } | { error: string } {
  if (details.surname !== undefined || details.givenNames !== undefined) {
    const surname = toCardName(details.surname ?? '');
    const givenNames = toCardName(details.givenNames ?? '');
    if (!CARD_NAME_PATTERN.test(surname) || !CARD_NAME_PATTERN.test(givenNames)) {
      return { error: 'surname and givenNames must both have letters a card can carry (A–Z)' };
    }
    return { surname, givenNames };
  }
  return (
    cardNamesFromHolder(account.holderName) ?? {
      error: "the holder's name has no given name and surname a card can carry; give surname and givenNames",
    }
  );
}

export function expiryAfterDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/**
 * Opens a new order on the account with a fresh random code, as the bank's app would. `orderCode`
 * is for seeds, whose demo codes are fixed; the caller has checked it is free.
 */
export function openCardOrder(
  orders: CardOrderStore,
  account: Account,
  details: CardOrderDetails,
  now: Date,
  orderCode?: string,
): CardOrder | { error: string } {
  const names = resolveCardNames(account, details);
  if ('error' in names) return names;
  for (let draw = 0; draw < ORDER_CODE_DRAWS; draw++) {
    const order: CardOrder = {
      orderRef: randomUUID(),
      orderCode: orderCode ?? newOrderCode(),
      accountRef: account.accountRef,
      ...names,
      product: 'debit',
      deliveryAddress: details.deliveryAddress ?? null,
      status: 'open',
      expiresAt: expiryAfterDays(now, details.validDays ?? CARD_ORDER_VALID_DAYS),
      createdAt: now.toISOString(),
      mailRequestedAt: null,
      documentHash: details.documentHash ?? null,
      tellerApproval: details.tellerApproval ?? false,
    };
    if (orders.insert(order)) return order;
    if (orderCode !== undefined) break;
  }
  throw new Error('no free order code could be drawn');
}
