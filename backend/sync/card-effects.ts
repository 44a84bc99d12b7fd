import type {
  CardIssued,
  CardMailRequested,
  CardSpoiled,
  CardVoided,
} from '../../contracts/business-records.ts';
import { isPastExpiry } from '../cards/card-order-status.ts';
import type { CardMailRequestStore } from '../store/card-mail-request-store.ts';
import type { CardOrder, CardOrderStore } from '../store/card-order-store.ts';
import type { CardOutcome, CardStore, StoredCard } from '../store/card-store.ts';
import { type EffectContext, RecordConflict } from './record-effect-types.ts';

/** What every card outcome record names: the card, and the order and attempt it was issued to. */
interface CardReference {
  cardId: string;
  orderRef: string;
  attemptId: string;
  panMasked?: string;
}

/**
 * The effects of the card records: every number the backend issued ends as issued, spoiled or
 * voided, exactly once.
 *
 * A resend of the same seq never reaches here (sync ingestion skips it as a duplicate). The same
 * outcome under a new seq (a retry that made a new record), or an outcome that contradicts the
 * card's (spoiled after issued, issued after the backend voided the number), is a conflict: stored
 * as rejected with the reason, the card unchanged. Like a deposit, a card's outcome is applied by
 * the first record that carries it and never twice; a rejected record stays visible to the operator.
 */
export function createCardEffects(
  orders: CardOrderStore,
  cards: CardStore,
  mailRequests: CardMailRequestStore,
) {
  /** The card the record is about, still pending, issued to this kiosk for this order and attempt. */
  const pendingCard = (record: CardReference, kioskId: string): StoredCard => {
    const card = cards.find(record.cardId);
    if (!card) throw new RecordConflict('no card with this id was issued');
    if (card.kioskId !== kioskId) throw new RecordConflict('the card was issued to another kiosk');
    if (card.orderRef !== record.orderRef || card.attemptId !== record.attemptId) {
      throw new RecordConflict('the card was issued to another order or attempt');
    }
    if (record.panMasked !== undefined && record.panMasked !== card.panMasked) {
      throw new RecordConflict("the masked number is not the card's");
    }
    if (card.status !== 'pending') {
      throw new RecordConflict(
        card.outcomeSeq === null
          ? `card already ${card.status} by the backend: its attempt asked for a new number`
          : `card already recorded as ${card.status} by seq ${card.outcomeSeq}`,
      );
    }
    return card;
  };

  const settle = (card: StoredCard, outcome: CardOutcome) => {
    if (!cards.recordOutcome(card.cardId, outcome)) {
      throw new Error(`card ${card.cardId} stopped being pending while its outcome was recorded`);
    }
  };

  return {
    issued(record: CardIssued, { kioskId, seq, receivedAt }: EffectContext): void {
      settle(pendingCard(record, kioskId), {
        status: 'issued',
        seq,
        at: record.issuedAt,
        detectedBy: record.detectedBy,
        taken: record.taken,
        updatedAt: receivedAt,
      });
    },

    spoiled(record: CardSpoiled, { kioskId, seq, receivedAt }: EffectContext): void {
      settle(pendingCard(record, kioskId), {
        status: 'spoiled',
        seq,
        at: record.spoiledAt,
        detectedBy: record.detectedBy,
        spoilReason: record.reason,
        disposition: record.disposition,
        updatedAt: receivedAt,
      });
    },

    voided(record: CardVoided, { kioskId, seq, receivedAt }: EffectContext): void {
      settle(pendingCard(record, kioskId), {
        status: 'voided',
        seq,
        at: record.voidedAt,
        voidReason: record.reason,
        updatedAt: receivedAt,
      });
    },

    /**
     * The order goes to the mail, found by reference or, for a request made offline, by the code
     * the customer typed. A request that cannot be applied is stored all the same, `unmatched`
     * with the reason, for the back office: the customer was told the card would come.
     */
    mailRequested(request: CardMailRequested, { kioskId, seq, receivedAt }: EffectContext): void {
      const earlier = mailRequests.seqOf(kioskId, request.requestId);
      if (earlier !== undefined) throw new RecordConflict(`mail request already recorded by seq ${earlier}`);
      const match = matchOrder(orders, cards, request, kioskId, receivedAt);
      if (match.order && match.apply) orders.markMailRequested(match.order.orderRef, request.requestedAt);
      mailRequests.insert({
        kioskId,
        seq,
        request,
        orderRef: match.order?.orderRef ?? null,
        status: match.order ? 'matched' : 'unmatched',
        unmatchedReason: match.order ? null : match.reason,
        receivedAt,
      });
    },
  };
}

type OrderMatch = { order: CardOrder; apply: boolean; reason?: never } | { order?: never; reason: string };

/** The order a mail request applies to, or why there is none it can apply to. */
function matchOrder(
  orders: CardOrderStore,
  cards: CardStore,
  request: CardMailRequested,
  kioskId: string,
  receivedAt: string,
): OrderMatch {
  let order: CardOrder | undefined;
  if (request.orderRef !== null) {
    order = orders.findByRef(request.orderRef);
    if (!order) return { reason: 'no order has this reference' };
  } else if (request.orderCode !== null) {
    order = orders.findByCode(request.orderCode);
    if (!order) return { reason: 'no order has this code' };
  } else {
    return { reason: 'the request names no order' };
  }
  const orderCards = cards.listByOrder(order.orderRef);
  if (orderCards.some((card) => card.status === 'issued')) {
    return { reason: 'a card of this order was already issued' };
  }
  if (order.status === 'cancelled') return { reason: 'the order is cancelled' };
  // Asked twice (another visit, another kiosk): the order is mailed once.
  if (order.status === 'mailRequested') return { order, apply: false };
  // An offline kiosk may report hours later: what counts is when the customer asked.
  const requestedAt = Number.isNaN(Date.parse(request.requestedAt)) ? receivedAt : request.requestedAt;
  if (order.status === 'expired' || isPastExpiry(order, new Date(requestedAt))) {
    return { reason: 'the order had expired when the card was asked for' };
  }
  if (orderCards.some((card) => card.status === 'pending' && card.kioskId !== kioskId)) {
    return { reason: 'a card of this order is being issued at another kiosk' };
  }
  return { order, apply: true };
}
