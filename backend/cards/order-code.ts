import { randomInt } from 'node:crypto';
import { ORDER_CODE_ALPHABET } from '../../contracts/card-issuing.ts';

export const ORDER_CODE_LENGTH = 8;

/**
 * A random order code: 8 characters from an alphabet without look-alikes, 31^8 ≈ 8.5 × 10^11
 * codes, so guessing one within the kiosk's lookup rate limit is hopeless.
 */
export function newOrderCode(): string {
  let code = '';
  for (let i = 0; i < ORDER_CODE_LENGTH; i++)
    code += ORDER_CODE_ALPHABET[randomInt(ORDER_CODE_ALPHABET.length)];
  return code;
}
