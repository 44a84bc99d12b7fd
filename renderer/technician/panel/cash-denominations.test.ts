import { describe, expect, it } from 'vitest';
import { amountOf, denominationsToCount, formatMoney } from './cash-denominations.ts';

describe('cash denominations for the count form', () => {
  it('offers the currency’s notes and coins for a cashbox, plus anything the ledger expects, largest first', () => {
    const values = denominationsToCount('EUR', 'cashbox', { '300': 1 });
    expect(values.slice(0, 3)).toEqual(['20000', '10000', '5000']);
    expect(values).toContain('300');
    expect(values.at(-1)).toBe('1');
  });

  it('offers a hopper only the coin it is expected to hold, or every coin when it is empty', () => {
    expect(denominationsToCount('EUR', 'hopper', { '100': 12 })).toEqual(['100']);
    expect(denominationsToCount('EUR', 'hopper', {})).toEqual([
      '200',
      '100',
      '50',
      '20',
      '10',
      '5',
      '2',
      '1',
    ]);
  });

  it('formats minor units as money and adds counts up', () => {
    expect(formatMoney(123_456, 'EUR', 'en')).toBe('€1,234.56');
    expect(amountOf({ '2000': 3, '100': 2 })).toBe(6200);
  });
});
