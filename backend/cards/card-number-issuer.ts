import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../../contracts/card-number.ts';

/**
 * The test BIN (issuer identification number) the backend issues card numbers under, unless the
 * backend config's `cardBin` says otherwise. Numbers starting with 99 lie in major industry
 * identifier 9 (national assignment), outside every card network's ranges: no real issuer uses
 * 990000, so a number made here cannot be charged anywhere, even if it leaked.
 */
export const DEFAULT_CARD_BIN = '990000';

/** A BIN the backend accepts: 6 to 8 digits, leaving room for random digits and the check digit. */
export const CARD_BIN_PATTERN = /^\d{6,8}$/;

export const PAN_LENGTH = 16;

/** ISO/IEC 7813 service code: international, normal authorisation, no restrictions. */
export const SERVICE_CODE = '101';

/**
 * The issuer's discretionary data on both tracks. A real issuer writes a PIN verification value
 * and a CVV here, computed by its HSM from secret keys; these cards are test cards and carry
 * zeros, which are neither.
 */
export const DISCRETIONARY_DATA = '000000';

/** Years a card is valid; the expiry is the same month that many years ahead. */
export const CARD_VALIDITY_YEARS = 4;

/**
 * A new 16-digit number: the BIN, random digits, and the Luhn check digit. Uniqueness is the
 * caller's (the card store keeps a keyed hash of every number issued).
 */
export function newCardNumber(bin: string, randomDigit: () => number = () => randomInt(10)): string {
  if (!CARD_BIN_PATTERN.test(bin)) throw new Error('the card BIN must have 6 to 8 digits');
  let body = bin;
  while (body.length < PAN_LENGTH - 1) body += String(randomDigit());
  return body + String(luhnCheckDigit(body));
}

/** `YYMM` of a card issued at `now`: the same month, CARD_VALIDITY_YEARS later (UTC). */
export function cardExpiry(now: Date): string {
  const year = (now.getUTCFullYear() + CARD_VALIDITY_YEARS) % 100;
  const month = now.getUTCMonth() + 1;
  return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
}
