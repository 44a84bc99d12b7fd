import { describe, expect, it } from 'vitest';
import { mrzLinesOf } from './mrz-lines.ts';

const TD3 = ['P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<', 'PAB1234561ESP8503150F330921012345678Z<<<<<38'];
const TD1 = [
  'IDESPBAC456789087654321X<<<<<<',
  '9001011M3106305ESP<<<<<<<<<<<3',
  'MARTIN<RUIZ<<JUAN<<<<<<<<<<<<<',
];
const none = { prefix: '', suffix: '' };

describe('MRZ lines typed by a wedge scanner', () => {
  it('takes TD3 and TD1 lines, with or without the last Enter, and blank lines around them', () => {
    expect(mrzLinesOf(`${TD3.join('\n')}\n`, none)).toEqual(TD3);
    expect(mrzLinesOf(`\n${TD1.join('\r\n')}`, none)).toEqual(TD1);
    expect(mrzLinesOf(`${'A'.repeat(36)}\n${'B'.repeat(36)}`, none)).toHaveLength(2);
  });

  it('removes the configured prefix and suffix', () => {
    expect(mrzLinesOf(`~~${TD3.join('\n')}\n##\n`, { prefix: '~~', suffix: '##' })).toEqual(TD3);
  });

  it('refuses text that is not MRZ-shaped', () => {
    expect(typeof mrzLinesOf(TD3[0]!, none)).toBe('string');
    expect(typeof mrzLinesOf(`${TD3[0]}\n${TD3[1]!.toLowerCase()}`, none)).toBe('string');
    expect(typeof mrzLinesOf(`${TD3[0]}\n${TD1[0]}`, none)).toBe('string');
    expect(typeof mrzLinesOf(`${TD1.join('\n')}\n${TD1[0]}`, none)).toBe('string');
    expect(typeof mrzLinesOf('hello world\nthis is no MRZ', none)).toBe('string');
    expect(typeof mrzLinesOf('', none)).toBe('string');
  });
});
