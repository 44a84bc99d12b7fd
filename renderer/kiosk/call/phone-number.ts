/** Callback numbers: digits only on the keypad, as many as the backend takes (contracts/teller.ts). */
export const PHONE_MIN_DIGITS = 6;
export const PHONE_MAX_DIGITS = 15;

export function typePhoneDigit(typed: string, digit: string): string {
  if (!/^[0-9]$/.test(digit) || typed.length >= PHONE_MAX_DIGITS) return typed;
  return typed + digit;
}

export function isCompletePhone(typed: string): boolean {
  return /^[0-9]+$/.test(typed) && typed.length >= PHONE_MIN_DIGITS && typed.length <= PHONE_MAX_DIGITS;
}
