import { describe, expect, it } from 'vitest';
import { type IssuedCardData, luhnCheckDigit } from '../../../../contracts/index.ts';
import { decodeTrackBits, encodeTrackBits } from '../../../../device-drivers/codecs/magstripe/index.ts';
import { CardDataRefused, cardTracks } from './card-tracks.ts';

const card: IssuedCardData = {
  cardId: '3b0c6d8e-2f4a-4c1e-9a7b-5d6e7f8a9b0c',
  pan: '4000001234567899',
  surname: 'ESPINOSA',
  givenNames: 'ANA MARIA',
  expiry: '2911',
  serviceCode: '101',
  discretionary: '000123',
};

/** The track as a reader would get it off the stripe: through the bits, checking parity and LRC. */
function readBack(track: 1 | 2, full: string): string {
  const decoded = decodeTrackBits(track, encodeTrackBits(track, full));
  if (!decoded.ok) throw new Error(`track ${track} does not read back: ${decoded.reason}`);
  return decoded.track;
}

describe('card tracks (ISO/IEC 7813)', () => {
  it('builds track 1 as %B<PAN>^<SURNAME>/<GIVEN NAMES>^<YYMM><service code><discretionary>?', () => {
    const { track1 } = cardTracks(card);
    const read = readBack(1, track1);
    expect(read.slice(0, read.indexOf('?') + 1)).toBe('%B4000001234567899^ESPINOSA/ANA MARIA^2911101000123?');
    // The LRC character follows the end sentinel.
    expect(read.length).toBe(read.indexOf('?') + 2);
  });

  it('builds track 2 as ;<PAN>=<YYMM><service code><discretionary>?', () => {
    const { track2 } = cardTracks(card);
    const read = readBack(2, track2);
    expect(read.slice(0, read.indexOf('?') + 1)).toBe(';4000001234567899=2911101000123?');
    expect(read.length).toBe(read.indexOf('?') + 2);
  });

  it('refuses a number that fails its Luhn check, without putting it in the error', () => {
    const wrongDigit = (Number(card.pan.at(-1)) + 1) % 10;
    const bad = { ...card, pan: `${card.pan.slice(0, -1)}${wrongDigit}` };
    expect(() => cardTracks(bad)).toThrow(CardDataRefused);
    try {
      cardTracks(bad);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(bad.pan);
    }
    // The test card itself is valid.
    expect(luhnCheckDigit(card.pan.slice(0, -1))).toBe(9);
  });
});
