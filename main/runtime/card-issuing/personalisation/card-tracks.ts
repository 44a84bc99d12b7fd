import { type IssuedCardData, isValidPan, type MagstripeTracks } from '../../../../contracts/index.ts';
import { bankTrack1, bankTrack2 } from '../../../../device-drivers/codecs/magstripe/index.ts';

/** A card whose data must not be written on a stripe. The message never carries the data. */
export class CardDataRefused extends Error {
  override readonly name = 'CardDataRefused';
}

/**
 * Tracks 1 and 2 of a bank card (ISO/IEC 7813), complete with sentinels and LRC, ready for
 * `CardPrinter.encodeMagstripe`. Track 3 is not used by bank cards.
 *
 * A number that fails its Luhn check is refused before anything is built: a mistyped or corrupted
 * number on a stripe would make a card that every terminal declines, and the card would be wasted.
 */
export function cardTracks(card: IssuedCardData): Required<Pick<MagstripeTracks, 'track1' | 'track2'>> {
  if (!isValidPan(card.pan)) throw new CardDataRefused('the card number fails its check digit');
  const fields = {
    pan: card.pan,
    expiry: card.expiry,
    serviceCode: card.serviceCode,
    discretionary: card.discretionary,
  };
  return {
    track1: bankTrack1({ ...fields, surname: card.surname, givenNames: card.givenNames }),
    track2: bankTrack2(fields),
  };
}
