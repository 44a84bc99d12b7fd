import type { ORDER_CODE_ALPHABET as CONTRACT_ALPHABET } from '../../../../contracts/card-issuing.ts';

/**
 * The characters an order code is made of: digits and capitals without look-alikes (no 0, 1, I,
 * L, O). The renderer may import contracts for types only, so the alphabet is restated here; the
 * contract declares it as a literal, so the `satisfies` fails the type check if the two drift.
 */
export const ORDER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ' satisfies typeof CONTRACT_ALPHABET;

/** Characters in a complete order code. */
export const ORDER_CODE_LENGTH = 8;

/**
 * The code with one more character, as a key press types it. Anything outside the alphabet,
 * and anything past the eighth character, leaves the code as it was.
 */
export function typeOrderCodeChar(code: string, char: string): string {
  if (char.length !== 1 || !ORDER_CODE_ALPHABET.includes(char)) return code;
  return code.length < ORDER_CODE_LENGTH ? code + char : code;
}

/** A complete code the bridge accepts (the contract's `OrderCode`). */
export function isCompleteOrderCode(code: string): boolean {
  return code.length === ORDER_CODE_LENGTH && [...code].every((char) => ORDER_CODE_ALPHABET.includes(char));
}

/**
 * The code as the app shows it, in two groups of four (`ABCD-2345`), so the customer can compare
 * the two halves at a glance; a partial code is grouped the same way (`ABCD-23`).
 */
export function formatOrderCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
