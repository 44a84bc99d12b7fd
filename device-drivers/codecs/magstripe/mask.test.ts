import { describe, expect, it } from 'vitest';
import { maskTrack } from './mask.ts';

describe('maskTrack', () => {
  it('keeps the first six and last four digits of the PAN and nothing else changes', () => {
    expect(maskTrack(';4000001234567899=2512201123?2')).toBe(';400000******7899=2512201123?2');
    expect(maskTrack('%B4000001234567899^GARCIA/ANA^2512201123?-')).toBe(
      '%B400000******7899^GARCIA/ANA^2512201123?-',
    );
    expect(maskTrack(';4000001234567=2512?1')).toBe(';400000***4567=2512?1');
  });

  it('leaves a track without a card number as it is', () => {
    expect(maskTrack('%ABC?X')).toBe('%ABC?X');
    expect(maskTrack(';1234567890?1')).toBe(';1234567890?1');
  });
});
