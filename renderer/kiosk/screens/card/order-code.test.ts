import { describe, expect, it } from 'vitest';
import {
  formatOrderCode,
  isCompleteOrderCode,
  ORDER_CODE_ALPHABET,
  ORDER_CODE_LENGTH,
  typeOrderCodeChar,
} from './order-code.ts';

/** The contract's `OrderCode` pattern, restated: the renderer cannot import the schema itself. */
const ORDER_CODE = /^[2-9A-HJKMNP-Z]{8}$/;

describe('order code alphabet', () => {
  it('has every digit and capital but the look-alikes 0, 1, I, L and O, once each', () => {
    const all = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const expected = [...all].filter((char) => !'01ILO'.includes(char)).join('');
    expect(ORDER_CODE_ALPHABET).toBe(expected);
    expect(new Set(ORDER_CODE_ALPHABET).size).toBe(ORDER_CODE_ALPHABET.length);
  });

  it('spells exactly the codes the contract accepts', () => {
    for (const char of ORDER_CODE_ALPHABET) expect(ORDER_CODE.test(char.repeat(8)), char).toBe(true);
    for (const char of '01ILOilo-_ ') expect(ORDER_CODE.test(char.repeat(8)), char).toBe(false);
  });
});

describe('typing an order code', () => {
  it('adds characters of the alphabet up to eight', () => {
    let code = '';
    for (const char of 'ABCD2345XY') code = typeOrderCodeChar(code, char);
    expect(code).toBe('ABCD2345');
    expect(code).toHaveLength(ORDER_CODE_LENGTH);
  });

  it('ignores look-alikes, lower case and anything that is not one character', () => {
    for (const char of ['0', '1', 'I', 'L', 'O', 'a', 'z', '-', ' ', '', 'AB'])
      expect(typeOrderCodeChar('AB', char), JSON.stringify(char)).toBe('AB');
  });

  it('knows a complete code', () => {
    expect(isCompleteOrderCode('ABCD2345')).toBe(true);
    expect(isCompleteOrderCode('ABCD234')).toBe(false);
    expect(isCompleteOrderCode('ABCD2340')).toBe(false);
    expect(isCompleteOrderCode('ABCD23456')).toBe(false);
  });

  it('shows the code in two groups of four', () => {
    expect(formatOrderCode('')).toBe('');
    expect(formatOrderCode('ABC')).toBe('ABC');
    expect(formatOrderCode('ABCD')).toBe('ABCD');
    expect(formatOrderCode('ABCD2')).toBe('ABCD-2');
    expect(formatOrderCode('ABCD2345')).toBe('ABCD-2345');
  });
});
