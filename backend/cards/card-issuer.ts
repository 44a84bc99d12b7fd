import { randomUUID } from 'node:crypto';
import type {
  CardIssueAck,
  CardIssueDecline,
  CardIssueRequest,
  CardOrderLookupAck,
  CardOrderStatus,
} from '../../contracts/card-issuing.ts';
import { maskPan, panLast4 } from '../../contracts/card-number.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';
import { maskHolderName } from '../cash/holder-name-mask.ts';
import type { CardOrder, CardOrderStore } from '../store/card-order-store.ts';
import type { CardStore, StoredCard } from '../store/card-store.ts';
import { cardNumberHash } from './card-number-key.ts';
import {
  CARD_BIN_PATTERN,
  cardExpiry,
  DISCRETIONARY_DATA,
  newCardNumber,
  SERVICE_CODE,
} from './card-number-issuer.ts';
import { cardOrderStatus, isPastExpiry } from './card-order-status.ts';

/** Physical cards an order may take from a feeder: the first and two retries (`attempt` 1–3). */
export const MAX_CARDS_PER_ORDER = 3;

/**
 * Numbers one attempt may be given. Each ask again with the same attempt id (a lost ack) voids the
 * last number and makes a new one; this bounds how many numbers a confused kiosk can burn.
 */
export const MAX_NUMBERS_PER_ATTEMPT = 3;

/** Draws of a random number before giving up: a clash among 10^9 numbers per BIN is rare. */
const PAN_DRAWS = 20;

export interface CardIssuerOptions {
  /** The BIN numbers are issued under (backend config `cardBin`). */
  bin: string;
  /** The key of the stored number hashes (backend config `cardNumberKey`, or the stored one). */
  numberKey: string;
  /** Source of the random digits of new numbers; tests pass their own to force a clash. */
  randomDigit?: () => number;
}

export interface CardIssuer {
  lookUp(orderCode: string, now?: Date): CardOrderLookupAck;
  /** The newest open or issuing order of the document with this hash (identity/document-hash.ts). */
  lookUpByDocumentHash(documentHash: string, now?: Date): CardOrderLookupAck;
  issue(kioskId: string, request: CardIssueRequest, now?: Date): CardIssueAck;
}

type IssueRefusal = Extract<CardIssueAck, { ok: false }>;

const decline = (reason: CardIssueDecline): CardIssueAck => ({ ok: true, approved: false, reason });
const refuse = (code: string, message: string): IssueRefusal => ({ ok: false, error: { code, message } });

/**
 * The bank's side of instant issuing: finds orders by code and issues card numbers to kiosks.
 * One card number per physical card; every number issued ends as issued, spoiled or voided (the
 * kiosk's records say which, see sync/card-effects.ts). The full number exists only in the answer
 * to the kiosk: the database keeps its masked form and a keyed hash.
 */
export function createCardIssuer(
  db: SqliteDatabase,
  orders: CardOrderStore,
  cards: CardStore,
  options: CardIssuerOptions,
): CardIssuer {
  if (!CARD_BIN_PATTERN.test(options.bin)) throw new Error('cardBin must have 6 to 8 digits');
  const found = (order: CardOrder, status: CardOrderStatus): CardOrderLookupAck => ({
    ok: true,
    found: true,
    orderRef: order.orderRef,
    holderNameMasked: maskHolderName(`${order.givenNames} ${order.surname}`).slice(0, 64),
    product: order.product,
    status,
    tellerApproval: order.tellerApproval,
  });
  const lookUp = (orderCode: string, now = new Date()): CardOrderLookupAck => {
    const order = orders.findByCode(orderCode);
    if (!order) return { ok: true, found: false };
    return found(order, cardOrderStatus(order, cards.listByOrder(order.orderRef), now));
  };
  // Unlike a code, a document names a person, not an order: only an order the card can still come
  // from is answered, so a kiosk never learns of a person's past or cancelled orders.
  const lookUpByDocumentHash = (documentHash: string, now = new Date()): CardOrderLookupAck => {
    for (const order of orders.listOpenByDocumentHash(documentHash)) {
      const status = cardOrderStatus(order, cards.listByOrder(order.orderRef), now);
      if (status === 'open' || status === 'issuing') return found(order, status);
    }
    return { ok: true, found: false };
  };

  /** A number no card has had, with its stored hash. */
  const drawNumber = (): { pan: string; panHash: string } => {
    for (let draw = 0; draw < PAN_DRAWS; draw++) {
      const pan = newCardNumber(options.bin, options.randomDigit);
      const panHash = cardNumberHash(options.numberKey, pan);
      if (!cards.hasPanHash(panHash)) return { pan, panHash };
    }
    throw new Error('no unused card number could be drawn; is the BIN range exhausted?');
  };

  // One transaction: the checks, the voiding of an earlier number and the new card commit together.
  const issue = db.transaction((kioskId: string, request: CardIssueRequest, now: Date): CardIssueAck => {
    const order = orders.findByRef(request.orderRef);
    if (!order) return decline('unknownOrder');
    const orderCards = cards.listByOrder(order.orderRef);
    if (orderCards.some((card) => card.status === 'issued')) return decline('orderNotOpen');
    if (order.status === 'mailRequested' || order.status === 'cancelled') return decline('orderNotOpen');
    if (order.status === 'expired' || isPastExpiry(order, now)) return decline('orderExpired');
    // A card pending at another kiosk may be in its printer right now: this order is not ours.
    if (orderCards.some((card) => card.status === 'pending' && card.kioskId !== kioskId)) {
      return decline('orderNotOpen');
    }

    const sameAttempt = cards.listByAttempt(request.attemptId);
    const refusal = checkAttempt(sameAttempt, kioskId, order.orderRef);
    if (refusal) return refusal;
    if (sameAttempt.length === 0 && distinctAttempts(orderCards) >= MAX_CARDS_PER_ORDER) {
      return decline('tooManyAttempts');
    }
    if (sameAttempt.length >= MAX_NUMBERS_PER_ATTEMPT) return decline('tooManyAttempts');

    // Asked again with the same attempt: the kiosk never received the earlier number, so it cannot
    // be on a card. It is voided, and this attempt gets a new one.
    for (const earlier of sameAttempt) {
      if (earlier.status !== 'pending') continue;
      cards.recordOutcome(earlier.cardId, {
        status: 'voided',
        seq: null,
        at: now.toISOString(),
        voidReason: 'reissued',
        updatedAt: now.toISOString(),
      });
    }

    const { pan, panHash } = drawNumber();
    const cardId = randomUUID();
    const expiry = cardExpiry(now);
    cards.insert({
      cardId,
      orderRef: order.orderRef,
      kioskId,
      attemptId: request.attemptId,
      attempt: request.attempt,
      panMasked: maskPan(pan),
      last4: panLast4(pan),
      panHash,
      expiry,
      createdAt: now.toISOString(),
    });
    return {
      ok: true,
      approved: true,
      card: {
        cardId,
        pan,
        surname: order.surname,
        givenNames: order.givenNames,
        expiry,
        serviceCode: SERVICE_CODE,
        discretionary: DISCRETIONARY_DATA,
      },
    };
  });

  return {
    lookUp,
    lookUpByDocumentHash,
    issue: (kioskId, request, now = new Date()) => issue(kioskId, request, now),
  };
}

function distinctAttempts(cards: readonly StoredCard[]): number {
  return new Set(cards.map((card) => card.attemptId)).size;
}

/**
 * An attempt id names one try of one kiosk on one order. Reused for another order or by another
 * kiosk, or after its card was already taken from the feeder (issued or spoiled), it is a kiosk
 * error: a second card for the same attempt would break "one number per physical card".
 */
function checkAttempt(sameAttempt: readonly StoredCard[], kioskId: string, orderRef: string) {
  if (sameAttempt.some((card) => card.kioskId !== kioskId || card.orderRef !== orderRef)) {
    return refuse('attempt-mismatch', 'this attempt id belongs to another order or kiosk');
  }
  if (sameAttempt.some((card) => card.status === 'issued' || card.status === 'spoiled')) {
    return refuse('attempt-closed', 'this attempt already took a card; retry with a new attempt id');
  }
  return undefined;
}
