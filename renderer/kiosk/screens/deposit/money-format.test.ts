import { describe, expect, it } from 'vitest';
import { formatMoney } from './money-format.ts';

describe('formatMoney', () => {
  it('formats minor units in the language and currency', () => {
    // Intl separates `20,00` and `€` with a no-break space.
    expect(formatMoney(2_000, 'EUR', 'es').replace(/\s/g, ' ')).toBe('20,00 €');
    expect(formatMoney(2_050, 'EUR', 'en')).toBe('€20.50');
    expect(formatMoney(5, 'USD', 'en')).toBe('$0.05');
    expect(formatMoney(10_000, 'CNY', 'zh-Hans')).toBe('¥100.00');
  });
});
