/**
 * Payment card numbers (ISO/IEC 7812): the Luhn check digit, and the masked forms that are all
 * the journal, logs and screens may hold. Pure functions, shared by the backend (which issues
 * numbers) and the kiosk (which refuses to encode a number that fails its check).
 */

/** The Luhn check digit for `digits` (the number without its last digit). */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error('luhnCheckDigit: digits only');
  let sum = 0;
  // Double every second digit from the right of the full number, i.e. from the right of `digits`.
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A PAN of 12 to 19 digits whose last digit is its Luhn check digit. */
export function isValidPan(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false;
  return luhnCheckDigit(pan.slice(0, -1)) === Number(pan.at(-1));
}

/** First six and last four digits, the rest hidden: `990000******1234` (PCI DSS display rule). */
export function maskPan(pan: string): string {
  if (!/^\d{12,19}$/.test(pan)) throw new Error('maskPan: not a card number');
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

export function panLast4(pan: string): string {
  if (!/^\d{12,19}$/.test(pan)) throw new Error('panLast4: not a card number');
  return pan.slice(-4);
}
