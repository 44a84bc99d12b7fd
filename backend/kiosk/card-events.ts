import type { Socket } from 'socket.io';
import {
  CARD_ISSUE_EVENT,
  CARD_ORDER_LOOKUP_EVENT,
  CardIssueRequest,
  CardOrderLookupRequest,
} from '../../contracts/card-issuing.ts';
import {
  CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT,
  CardOrderLookupByDocumentRequest,
} from '../../contracts/identity.ts';
import type { Logger } from '../../platform/log.ts';
import type { CardIssuer } from '../cards/card-issuer.ts';
import { documentHash } from '../identity/document-hash.ts';
import { summariseIssues } from '../sync/issue-summary.ts';
import { createPerKioskRateLimiter, type PerKioskRateLimiter } from './per-kiosk-rate-limit.ts';

/**
 * Order lookups a kiosk may make per minute. A customer types a code, perhaps mistypes it once or
 * twice; a kiosk asking far more is guessing codes, and is slowed to this pace.
 */
export const CARD_ORDER_LOOKUPS_PER_MINUTE = 10;

/**
 * Card numbers a kiosk may ask for per minute. A card takes the printer tens of seconds, and an
 * order takes at most three; a kiosk asking faster is broken or abused, and is slowed.
 */
export const CARD_ISSUES_PER_MINUTE = 10;

export interface CardEventLimiters {
  lookup: PerKioskRateLimiter;
  /** Lookups by document: a count of their own at the same pace as by code. */
  lookupByDocument: PerKioskRateLimiter;
  issue: PerKioskRateLimiter;
}

/** Made once per namespace, so reconnecting does not reset a kiosk's count. */
export function createCardEventLimiters(now: () => number = Date.now): CardEventLimiters {
  return {
    lookup: createPerKioskRateLimiter(CARD_ORDER_LOOKUPS_PER_MINUTE, now),
    lookupByDocument: createPerKioskRateLimiter(CARD_ORDER_LOOKUPS_PER_MINUTE, now),
    issue: createPerKioskRateLimiter(CARD_ISSUES_PER_MINUTE, now),
  };
}

type Refusal = { ok: false; error: { code: string; message: string } };

const RATE_LIMITED: Refusal = {
  ok: false,
  error: { code: 'rate-limited', message: 'too many requests; try again in a minute' },
};

/**
 * Answers a kiosk's card order lookups (by code or by the customer's document) and card issue
 * requests. The kiosk id is the authenticated socket's, never the message's. Order codes,
 * document fields and card numbers never reach the log: a code lets whoever has it collect a
 * card, a document's fields are personal data, and a number is the card.
 */
export function listenForCardEvents(
  socket: Socket,
  kioskId: string,
  issuer: CardIssuer,
  limiters: CardEventLimiters,
  logger: Logger,
  /** Key of the document hashes (identity/identity-key.ts). */
  documentKey: Buffer,
): void {
  answer(socket, CARD_ORDER_LOOKUP_EVENT, kioskId, limiters.lookup, logger, (payload) => {
    const request = CardOrderLookupRequest.safeParse(payload);
    if (!request.success) {
      return { ok: false, error: { code: 'invalid-message', message: summariseIssues(request.error) } };
    }
    const ack = issuer.lookUp(request.data.orderCode);
    logger.info('card order lookup', {
      kioskId,
      found: ack.ok && ack.found,
      status: ack.ok && ack.found ? ack.status : null,
    });
    return ack;
  });
  answer(
    socket,
    CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT,
    kioskId,
    limiters.lookupByDocument,
    logger,
    (payload) => {
      const request = CardOrderLookupByDocumentRequest.safeParse(payload);
      if (!request.success) {
        // Only where and which rule: zod's messages for these fields never quote the value.
        return { ok: false, error: { code: 'invalid-message', message: summariseIssues(request.error) } };
      }
      const ack = issuer.lookUpByDocumentHash(documentHash(documentKey, request.data));
      logger.info('card order lookup by document', {
        kioskId,
        found: ack.ok && ack.found,
        status: ack.ok && ack.found ? ack.status : null,
      });
      return ack;
    },
  );
  answer(socket, CARD_ISSUE_EVENT, kioskId, limiters.issue, logger, (payload) => {
    const request = CardIssueRequest.safeParse(payload);
    if (!request.success) {
      return { ok: false, error: { code: 'invalid-message', message: summariseIssues(request.error) } };
    }
    const ack = issuer.issue(kioskId, request.data);
    if (ack.ok && ack.approved) {
      logger.info('card number issued', {
        kioskId,
        orderRef: request.data.orderRef,
        attempt: request.data.attempt,
        cardId: ack.card.cardId,
      });
    } else {
      logger.info('card issue refused', {
        kioskId,
        orderRef: request.data.orderRef,
        reason: ack.ok ? ack.reason : ack.error.code,
      });
    }
    return ack;
  });
}

function answer(
  socket: Socket,
  event: string,
  kioskId: string,
  limiter: PerKioskRateLimiter,
  logger: Logger,
  handle: (payload: unknown) => unknown,
): void {
  // As for the other kiosk messages: the ack callback, when sent, is the last argument.
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
    // Without an ack there is nobody to answer: nothing is looked up, and no number is issued
    // that nobody would ever receive.
    if (!ack) {
      logger.warn('card request sent without an ack callback', { kioskId, event });
      return;
    }
    if (!limiter.allow(kioskId)) {
      logger.warn('card requests over the rate limit', { kioskId, event });
      ack(RATE_LIMITED);
      return;
    }
    try {
      ack(handle(args[0]));
    } catch (error) {
      logger.error('card request failed', { kioskId, event, error: error as Error });
      ack({ ok: false, error: { code: 'internal', message: 'the backend could not answer; try again' } });
    }
  });
}
