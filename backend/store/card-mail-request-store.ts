import type { CardMailRequested } from '../../contracts/business-records.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** A request for a card by mail, as stored: the effect of a `card.mailRequested` record. */
export interface StoredMailRequest {
  kioskId: string;
  seq: number;
  request: CardMailRequested;
  /** The order it was applied to; null while unmatched. */
  orderRef: string | null;
  status: 'matched' | 'unmatched';
  unmatchedReason: string | null;
  receivedAt: string;
}

export interface CardMailRequestStore {
  /** The seq that recorded this request of this kiosk, if any. */
  seqOf(kioskId: string, requestId: string): number | undefined;
  insert(request: StoredMailRequest): void;
}

export function createCardMailRequestStore(db: SqliteDatabase): CardMailRequestStore {
  const seqStatement = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM card_mail_requests WHERE kiosk_id = ? AND request_id = ?',
  );
  const insertStatement = db.prepare(
    `INSERT INTO card_mail_requests
       (kiosk_id, request_id, seq, order_ref, order_code, reason, status, unmatched_reason, requested_at,
        received_at)
     VALUES (@kioskId, @requestId, @seq, @orderRef, @orderCode, @reason, @status, @unmatchedReason,
        @requestedAt, @receivedAt)`,
  );
  return {
    seqOf: (kioskId, requestId) => seqStatement.get(kioskId, requestId)?.seq,
    insert: ({ kioskId, seq, request, orderRef, status, unmatchedReason, receivedAt }) => {
      insertStatement.run({
        kioskId,
        seq,
        requestId: request.requestId,
        orderRef,
        orderCode: request.orderCode,
        reason: request.reason,
        status,
        unmatchedReason,
        requestedAt: request.requestedAt,
        receivedAt,
      });
    },
  };
}
