import { describe, expect, it } from 'vitest';
import { agreesWhereSure, decideMrz, type SeenChar, unconfirmedSwaps } from './correct.ts';
import { misread, seenOf, td3 } from './test-mrz.ts';

/** What the OCR saw, with glyph evidence set at line:column. */
function withEvidence(lines: readonly string[], evidence: Record<string, Partial<SeenChar>>): SeenChar[][] {
  return seenOf(lines).map((line, l) => line.map((c, col) => ({ ...c, ...evidence[`${l}:${col}`] })));
}

const truth = td3({
  names: 'WANG<<XIAOMING',
  number: '00A123456',
  birth: '780720',
  sex: 'M',
  expiry: '320101',
});

/** The glyphs of the number's two zeros, decided. */
const zeros = { '1:0': { supported: ['0'] }, '1:1': { supported: ['0'] } };

describe('decideMrz with glyph evidence', () => {
  it('settles O/0 that the check digits alone cannot (both readings pass) when the glyphs say 0', () => {
    const swapped = misread(misread(truth, 1, 0, 'O'), 1, 1, 'O');
    expect(decideMrz(seenOf(swapped))).toMatchObject({ ok: false, reason: 'ambiguous' });
    const judged = withEvidence(swapped, { '1:0': { supported: ['0'] }, '1:1': { supported: ['0'] } });
    expect(decideMrz(judged)).toMatchObject({ ok: true, lines: truth, corrections: 2 });
  });

  it('stays ambiguous while one disputed glyph keeps both readings', () => {
    const judged = withEvidence(truth, { '1:0': { supported: ['0'] }, '1:1': { supported: ['0', 'O'] } });
    // 00A… passes; 0OA… fails its check digit alone, so one weak glyph next to a decided one is enough.
    expect(decideMrz(judged)).toMatchObject({ ok: true, lines: truth });
    const bothWeak = withEvidence(truth, {
      '1:0': { supported: ['0', 'O'] },
      '1:1': { supported: ['O', '0'] },
    });
    expect(decideMrz(bothWeak)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('never lets the glyphs alone turn 6 into G (same value modulo 10: no check digit could object)', () => {
    const withSix = td3({
      names: 'WANG<<XIAOMING',
      number: '612345678',
      birth: '780720',
      sex: 'M',
      expiry: '320101',
    });
    const judged = withEvidence(withSix, { '1:0': { supported: ['G'] } });
    expect(decideMrz(judged)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('takes G for a 6 the OCR read only when a second OCR reading also saw G there', () => {
    const withG = td3({
      names: 'WANG<<XIAOMING',
      number: 'G12345678',
      birth: '780720',
      sex: 'M',
      expiry: '320101',
    });
    const read = misread(withG, 1, 0, '6');
    expect(decideMrz(withEvidence(read, { '1:0': { supported: ['G'] } }))).toMatchObject({ ok: false });
    expect(unconfirmedSwaps(withEvidence(read, { '1:0': { supported: ['G'] } }))).toEqual([
      { line: 1, column: 0 },
    ]);
    const confirmed = withEvidence(read, { '1:0': { supported: ['G'], secondRead: 'G' } });
    expect(decideMrz(confirmed)).toMatchObject({ ok: true, lines: withG });
    const contradicted = withEvidence(read, { '1:0': { supported: ['G'], secondRead: '6' } });
    expect(decideMrz(contradicted)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('a wrong glyph decision is refused by the check digits, not accepted', () => {
    const judged = withEvidence(truth, { '1:0': { supported: ['O'] }, '1:1': { supported: ['0'] } });
    expect(decideMrz(judged)).toMatchObject({ ok: false, reason: 'checkDigits' });
  });

  it('takes the digit the glyph is where a letter was read in a date', () => {
    const read = misread(truth, 1, 14, 'B'); // birth 780720: the 8 read as B
    expect(decideMrz(withEvidence(read, { ...zeros, '1:14': { supported: ['8'] } }))).toMatchObject({
      ok: true,
      lines: truth,
    });
    expect(decideMrz(withEvidence(read, { ...zeros, '1:14': { supported: ['3'] } }))).toMatchObject({
      ok: false,
      reason: 'checkDigits',
    });
  });

  it('refuses a disputed name letter, and takes the letter the glyph clearly is when one is given', () => {
    const read = misread(truth, 0, 5, 'N'); // WANG read NANG
    expect(decideMrz(withEvidence(read, { ...zeros, '0:5': { disputed: true } }))).toMatchObject({
      ok: false,
      reason: 'ambiguous',
    });
    const settled = decideMrz(withEvidence(read, { ...zeros, '0:5': { disputed: true, alternative: 'W' } }));
    expect(settled).toMatchObject({ ok: true, lines: truth });
    // Without the evidence the misreading passes every check digit: a name has none.
    expect(decideMrz(withEvidence(read, zeros))).toMatchObject({ ok: true });
  });

  it('takes a name letter the OCR was unsure of only when its glyph clearly is that letter', () => {
    const unsure = { ...zeros, '0:6': { confidence: 40 } };
    expect(decideMrz(withEvidence(truth, unsure))).toMatchObject({ ok: false, reason: 'ambiguous' });
    const confirmed = { ...zeros, '0:6': { confidence: 40, confirmed: true } };
    expect(decideMrz(withEvidence(truth, confirmed))).toMatchObject({ ok: true, lines: truth });
    // A glyph another letter fits as well confirms nothing.
    const disputedToo = { ...zeros, '0:6': { confidence: 40, confirmed: true, disputed: true } };
    expect(decideMrz(withEvidence(truth, disputedToo))).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('lets another reading differ from the first only where the first was unsure of a name letter', () => {
    const other = misread(truth, 0, 6, 'M'); // the A of WANG read as M
    expect(agreesWhereSure(seenOf(truth), truth)).toBe(true);
    expect(agreesWhereSure(seenOf(truth), other)).toBe(false);
    expect(agreesWhereSure(withEvidence(truth, { '0:6': { confidence: 40 } }), other)).toBe(true);
  });
});
