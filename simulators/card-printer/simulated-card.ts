import type { PrintedCard } from '../../contracts/simulator-control.ts';
import { maskTrack } from '../../device-drivers/codecs/magstripe/mask.ts';
import { decodeTrackBits } from '../../device-drivers/codecs/magstripe/track-bits.ts';
import type { TrackNumber } from '../../device-drivers/codecs/magstripe/track-formats.ts';

/** A card the simulated printer has picked, as the printer holds it. */
export interface SimulatedCard {
  id: number;
  pickedAt: Date;
  location: PrintedCard['location'];
  /** Stripe bits per written track as the head wrote them (corrupted by `encodingFailure`). */
  stripe: Map<TrackNumber, Uint8Array>;
  /**
   * K panel ink on the front: 127 bytes × 648 rows, MSB first, bit set = ink; null while nothing
   * was printed. After a ribbon that ended mid-print, only the top rows hold ink.
   */
  ink: Uint8Array | null;
  /** True once a whole panel went on the card (not after a print cut short by the ribbon). */
  printed: boolean;
  /** Simulated mechanical and wire time spent on this card. */
  mechanicalMs: number;
}

/**
 * What the control API shows of a card: tracks decoded from the stripe bits and masked. A track
 * that does not decode shows `valid: false` and an empty `masked`: there is nothing to show.
 */
export function toPrintedCard(card: SimulatedCard): PrintedCard {
  const tracks = [...card.stripe.entries()]
    .sort(([a], [b]) => a - b)
    .map(([track, bits]) => {
      const decoded = decodeTrackBits(track, bits);
      return { track, valid: decoded.ok, masked: decoded.ok ? maskTrack(decoded.track) : '' };
    });
  return {
    id: card.id,
    pickedAt: card.pickedAt.toISOString(),
    location: card.location,
    printed: card.printed,
    tracks,
    mechanicalMs: Math.round(card.mechanicalMs * 1000) / 1000,
  };
}
