import type { Currency } from '../../../../contracts/devices/cash.ts';

/**
 * An amount in minor units (cents) as the customer reads money in their language: `20,00 €` in
 * Spanish, `€20.00` in English. The currency's own number of decimals decides the divisor.
 */
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** decimals);
}
