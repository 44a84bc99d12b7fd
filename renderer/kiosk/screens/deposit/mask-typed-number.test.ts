import { describe, expect, it } from 'vitest';
import { maskTypedNumber } from './mask-typed-number.ts';

describe('maskTypedNumber', () => {
  it('shows only the last four digits, grouped in fours', () => {
    expect(maskTypedNumber('')).toBe('');
    expect(maskTypedNumber('12')).toBe('12');
    expect(maskTypedNumber('1234')).toBe('1234');
    expect(maskTypedNumber('123456')).toBe('••34 56');
    expect(maskTypedNumber('12345678')).toBe('•••• 5678');
    expect(maskTypedNumber('00491234123456789012')).toBe('•••• •••• •••• •••• 9012');
  });
});
