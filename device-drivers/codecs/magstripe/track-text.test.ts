import { describe, expect, it } from 'vitest';
import { lrcCharacter, validateTrack, withSentinelsAndLrc } from './track-text.ts';

describe('lrcCharacter (ISO/IEC 7811: XOR of the data bits from start to end sentinel)', () => {
  it('track 2 golden vector, computed by hand', () => {
    // 4-bit codes (char − 0x30): ';'=11 '='=13 '?'=15, digits are their value.
    // ';' 11 ^ PAN 4,0,0,0,0,0,1,2,3,4,5,6,7,8,9,9 (XOR 12) = 7
    // ^ '=' 13 = 10 ^ 2,5,1,2,2,0,1,1,2,3 (XOR 7) = 13 ^ '?' 15 = 2 → LRC '2'.
    expect(lrcCharacter(2, ';4000001234567899=2512201123?')).toBe('2');
  });

  it('track 1 golden vector, computed by hand', () => {
    // 6-bit codes (char − 0x20): '%'=5 'B'=34 '^'=62 '?'=31 '/'=15, digit d = 16 + d, letters
    // 'A'=33 'G'=39 'R'=50 'C'=35 'I'=41 'N'=46.
    // '%' 5 ^ 'B' 34 = 39; the 16 PAN digits: the 16s cancel, the values XOR to 12 → 43;
    // ^ '^' 62 = 21; "GARCIA/ANA" = 39^33^50^35^41^33^15^33^46^33 = 62 → 43; ^ '^' 62 = 21;
    // "2512201123": ten 16s cancel, values XOR to 7 → 18; ^ '?' 31 = 13 → 0x20 + 13 = '-'.
    expect(lrcCharacter(1, '%B4000001234567899^GARCIA/ANA^2512201123?')).toBe('-');
  });

  it('throws for a character outside the track set', () => {
    expect(() => lrcCharacter(2, ';12A?')).toThrow(/not in the character set/);
  });
});

describe('withSentinelsAndLrc', () => {
  it('adds sentinels and the LRC', () => {
    expect(withSentinelsAndLrc(2, '4000001234567899=2512201123')).toBe(';4000001234567899=2512201123?2');
    expect(withSentinelsAndLrc(3, '')).toBe(';?4'); // ';' 11 ^ '?' 15 = 4
  });

  it('refuses characters outside the set, sentinels in the data and too much data', () => {
    expect(() => withSentinelsAndLrc(2, '12a4')).toThrow(/"a"/);
    expect(() => withSentinelsAndLrc(1, 'ab')).toThrow(/"a"/);
    expect(() => withSentinelsAndLrc(1, 'AB?C')).toThrow(/cannot be in the data/);
    expect(() => withSentinelsAndLrc(2, '12;4')).toThrow(/cannot be in the data/);
    expect(() => withSentinelsAndLrc(1, 'Ñ')).toThrow(/0xd1/);
    expect(withSentinelsAndLrc(2, '1'.repeat(37))).toHaveLength(40);
    expect(() => withSentinelsAndLrc(2, '1'.repeat(38))).toThrow(/at most 37/);
    expect(withSentinelsAndLrc(1, 'A'.repeat(76))).toHaveLength(79);
    expect(() => withSentinelsAndLrc(1, 'A'.repeat(77))).toThrow(/at most 76/);
    expect(() => withSentinelsAndLrc(3, '1'.repeat(105))).toThrow(/at most 104/);
  });
});

describe('validateTrack', () => {
  it('accepts a whole track and says what is wrong with a broken one', () => {
    expect(validateTrack(2, ';4000001234567899=2512201123?2')).toEqual({ ok: true });
    expect(validateTrack(2, ';4000001234567899=2512201123?3')).toEqual({
      ok: false,
      reason: 'LRC does not match',
    });
    expect(validateTrack(2, '4000001234567899=2512201123?2')).toMatchObject({ ok: false });
    expect(validateTrack(2, ';4000001234567899=2512201123;2')).toMatchObject({ ok: false });
    expect(validateTrack(1, ';4000001234567899=2512201123?2')).toMatchObject({ ok: false });
    expect(validateTrack(2, '')).toMatchObject({ ok: false });
    expect(validateTrack(2, `;${'1'.repeat(38)}?1`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at most 40/),
    });
  });
});
