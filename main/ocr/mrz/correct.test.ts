import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideMrz } from './correct.ts';
import { checkDigit } from './layout.ts';
import { misread, seenOf, td1, td3 } from './test-mrz.ts';

const passport = td3({
  names: 'GARCIA<LOPEZ<<MARIA<JOSE',
  number: 'PAB123456',
  birth: '850315',
  sex: 'F',
  expiry: '330921',
});

describe('decideMrz', () => {
  it('accepts a clean reading unchanged', () => {
    const decision = decideMrz(seenOf(passport));
    expect(decision).toMatchObject({ ok: true, corrections: 0, lines: passport });
  });

  it('maps letters in dates and check digits to digits, digits in names to letters', () => {
    // Birth 850315 read B5O3I5, the G of GARCIA read 6.
    let seen = misread(passport, 1, 13, 'B');
    seen = misread(seen, 1, 17, 'I');
    seen = misread(seen, 1, 15, 'O');
    seen = misread(seen, 0, 5, '6'); // G of GARCIA
    const decision = decideMrz(seenOf(seen));
    expect(decision).toMatchObject({ ok: true, corrections: 4, lines: passport });
  });

  it('finds the one document number reading that passes among look-alikes', () => {
    // PAB123456 read as PA8I23456: both look-alikes are alternatives; only the truth passes.
    const seen = misread(misread(passport, 1, 2, '8'), 1, 3, 'I');
    const decision = decideMrz(seenOf(seen, 95, { '1:2': 55 }));
    expect(decision).toMatchObject({ ok: true, corrections: 2, lines: passport });
    if (decision.ok) expect(decision.document.documentNumber).toBe('PAB123456');
  });

  describe('the cancelling pair: two O↔0 swaps at weights 7 and 3', () => {
    // Document number 00A123456: positions 0 and 1 weigh 7 and 3; 0→O adds 24 to each value,
    // 7·24 + 3·24 = 240 ≡ 0 (mod 10), and the composite weighs them the same way.
    const truth = td3({
      names: 'WANG<<XIAOMING',
      number: '00A123456',
      birth: '780720',
      sex: 'M',
      expiry: '320101',
    });
    const swapped = misread(misread(truth, 1, 0, 'O'), 1, 1, 'O');

    it('passes every check digit both ways (so the check digits alone cannot decide)', () => {
      const digit = (n: string) => checkDigit(n);
      expect(digit('OOA123456')).toBe(digit('00A123456'));
    });

    it('is ambiguous whichever way it was read, however sure the OCR was', () => {
      for (const lines of [swapped, truth]) {
        for (const confidence of [40, 95]) {
          expect(decideMrz(seenOf(lines, confidence))).toMatchObject({ ok: false, reason: 'ambiguous' });
        }
      }
    });
  });

  it('does not take G for 6 when the OCR was sure (no check digit can tell them apart)', () => {
    const withG = td3({
      names: 'WANG<<XIAOMING',
      number: 'G12345678',
      birth: '780720',
      sex: 'M',
      expiry: '320101',
    });
    expect(checkDigit('G12345678')).toBe(checkDigit('612345678'));
    expect(decideMrz(seenOf(withG, 95))).toMatchObject({ ok: true, lines: withG });
    expect(decideMrz(seenOf(withG, 95, { '1:0': 50 }))).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('rejects a name character the OCR was unsure of', () => {
    const decision = decideMrz(seenOf(passport, 95, { '0:9': 40 }));
    expect(decision).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('rejects lines of the wrong shape and letters that no digit resembles', () => {
    expect(decideMrz(seenOf([passport[0], passport[1].slice(1)]))).toMatchObject({ reason: 'unreadable' });
    expect(decideMrz(seenOf(misread(passport, 1, 14, 'X')))).toMatchObject({ reason: 'checkDigits' });
  });

  it('never accepts a wrong reading of random look-alike misreadings (unsure OCR)', () => {
    const id = td1({
      number: 'B0S1Z8O6I',
      birth: '900101',
      sex: 'M',
      expiry: '310630',
      names: 'MARTIN<RUIZ<<JUAN',
      optional2: 'O0I1',
    });
    const swaps: Record<string, string> = {
      '0': 'O',
      O: '0',
      '1': 'I',
      I: '1',
      '8': 'B',
      B: '8',
      '5': 'S',
      S: '5',
      '2': 'Z',
      Z: '2',
      '6': 'G',
      G: '6',
    };
    const checkedColumns = [
      ...Array.from({ length: 30 }, (_, c) => [0, c] as const).filter(([, c]) => c >= 5),
      ...Array.from({ length: 30 }, (_, c) => [1, c] as const).filter(
        ([, c]) => c !== 7 && (c < 15 || c >= 18),
      ),
    ];
    fc.assert(
      fc.property(fc.subarray(checkedColumns, { minLength: 1, maxLength: 6 }), (where) => {
        let seen: string[] = [...id];
        const unsure: Record<string, number> = {};
        for (const [line, column] of where) {
          const char = seen[line]![column]!;
          seen = misread(seen, line, column, swaps[char] ?? char);
          unsure[`${line}:${column}`] = 55;
        }
        const decision = decideMrz(seenOf(seen, 95, unsure));
        if (decision.ok) expect(decision.lines).toEqual(id);
      }),
      { numRuns: 150 },
    );
  });
});
