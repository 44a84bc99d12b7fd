import type { CardOrderStatus } from '../../contracts/card-issuing.ts';
import type { CardOrder } from '../store/card-order-store.ts';
import type { StoredCard } from '../store/card-store.ts';

/** True once `at` is at or past the order's expiry. */
export function isPastExpiry(order: CardOrder, at: Date): boolean {
  return at.getTime() >= Date.parse(order.expiresAt);
}

/**
 * The order's status as kiosks see it. The cards decide first: `issued` once one of them reached
 * the customer, `issuing` while one is at a kiosk without an outcome. Otherwise the stored status,
 * where an open order past its expiry is `expired` (no job has to flip it).
 */
export function cardOrderStatus(order: CardOrder, cards: readonly StoredCard[], now: Date): CardOrderStatus {
  if (cards.some((card) => card.status === 'issued')) return 'issued';
  if (cards.some((card) => card.status === 'pending')) return 'issuing';
  if (order.status === 'open' && isPastExpiry(order, now)) return 'expired';
  return order.status;
}
