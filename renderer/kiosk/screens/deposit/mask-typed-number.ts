/** Longest account number the keypad takes (the contract's limit). */
export const MAX_ACCOUNT_DIGITS = 20;

/** What the bridge accepts as an account number. */
export const ACCOUNT_NUMBER = /^\d{6,20}$/;

/**
 * The number being typed as the screen shows it: every digit but the last four hidden, in groups
 * of four, so someone behind the customer cannot read it (`12345678` → `•••• 5678`).
 */
export function maskTypedNumber(digits: string): string {
  const hidden = '•'.repeat(Math.max(0, digits.length - 4));
  const shown = hidden + digits.slice(hidden.length);
  return (shown.match(/.{1,4}/g) ?? []).join(' ');
}
