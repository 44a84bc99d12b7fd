import type { BackendStores } from '../store/backend-stores.ts';
import type { CardStatus } from '../store/card-store.ts';

/** Cards listed on the fleet page: enough to follow the last few customers, bounded in size. */
export const RECENT_CARD_LIMIT = 20;

/** One card as the operator sees it: the masked number only, never the full one or its hash. */
export interface FleetCard {
  cardId: string;
  panMasked: string;
  status: CardStatus;
  kioskId: string;
  attempt: number;
  /** When the backend issued the number, and when its status last changed. */
  createdAt: string;
  updatedAt: string;
  spoilReason: string | null;
  disposition: string | null;
  voidReason: string | null;
}

/** The "Cards" section of the fleet page and of `GET /api/fleet`. */
export interface FleetCards {
  counts: Record<CardStatus, number>;
  /** Newest first. */
  recent: FleetCard[];
}

export function fleetCards(stores: Pick<BackendStores, 'cards'>): FleetCards {
  return {
    counts: stores.cards.counts(),
    recent: stores.cards.recent(RECENT_CARD_LIMIT).map((card) => ({
      cardId: card.cardId,
      panMasked: card.panMasked,
      status: card.status,
      kioskId: card.kioskId,
      attempt: card.attempt,
      createdAt: card.createdAt,
      updatedAt: card.updatedAt,
      spoilReason: card.spoilReason,
      disposition: card.disposition,
      voidReason: card.voidReason,
    })),
  };
}
