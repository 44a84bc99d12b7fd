import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncAck } from '../contracts/sync-protocol.ts';
import { kioskAuth, SECOND_KIOSK, startTestBackend, type TestBackend } from './backend-harness.ts';
import {
  ACCOUNTS,
  askForCard,
  cardIssuedData,
  cardRecord,
  cardRow,
  cardSpoiledData,
  cardVoidedData,
  execute,
  issuedCard,
  issueRequest,
  lookUpOrder,
  mailRequestedData,
  ORDERS,
  orderRefOf,
  orderRow,
} from './backend-card-records.ts';
import { queryRows, sendBatch } from './backend-sync-records.ts';

interface MailRequestRow {
  request_id: string;
  seq: number;
  order_ref: string | null;
  order_code: string | null;
  reason: string;
  status: string;
  unmatched_reason: string | null;
}

/** The records a batch's ack rejected; fails when the batch itself was refused. */
function rejectedOf(ack: SyncAck) {
  if (!ack.ok) throw new Error(`batch refused: ${ack.error.code}`);
  return ack.rejected;
}

function mailRequests(backend: TestBackend): MailRequestRow[] {
  return queryRows<MailRequestRow>(
    backend.dbPath,
    `SELECT request_id, seq, order_ref, order_code, reason, status, unmatched_reason
     FROM card_mail_requests ORDER BY seq`,
  );
}

describe('backend: card records', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ accounts: ACCOUNTS, cardOrders: ORDERS });
  });
  afterEach(() => backend.stop());

  /** A card issued to the kiosk of `socket` on the order with `orderCode`. */
  async function pendingCard(socket: Awaited<ReturnType<TestBackend['connect']>>, orderCode = 'K7Q2M9XD') {
    const request = issueRequest(await orderRefOf(socket, orderCode));
    return { request, card: await issuedCard(socket, request) };
  }

  it('records a card as issued exactly once, even when its record comes again', async () => {
    const socket = await backend.connect(kioskAuth());
    const issued = await pendingCard(socket);
    const batch = {
      records: [
        cardRecord(1, 'card.issued', cardIssuedData(issued, { taken: null, detectedBy: 'recovery' })),
      ],
    };
    expect(await sendBatch(socket, batch)).toMatchObject({ ok: true, highWaterMark: 1, rejected: [] });
    expect(cardRow(backend, issued.card.cardId)).toMatchObject({
      status: 'issued',
      taken: null,
      outcome_seq: 1,
    });

    // The ack was lost: the same batch again is a duplicate.
    expect(await sendBatch(socket, batch)).toMatchObject({ highWaterMark: 1, rejected: [] });
    // The same outcome under a new seq (a retry that made a new record) is rejected, not applied twice.
    const again = await sendBatch(socket, {
      records: [cardRecord(2, 'card.issued', cardIssuedData(issued))],
    });
    expect(again).toMatchObject({
      highWaterMark: 2,
      rejected: [{ seq: 2, reason: 'card already recorded as issued by seq 1' }],
    });
    expect(cardRow(backend, issued.card.cardId)).toMatchObject({
      status: 'issued',
      taken: null,
      outcome_seq: 1,
    });
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issued' });
  });

  it('records a spoiled card with its reason and where it is, and a voided number with its reason', async () => {
    const socket = await backend.connect(kioskAuth());
    const spoiled = await pendingCard(socket);
    const voided = await pendingCard(socket, 'B6N5R2EZ');
    const ack = await sendBatch(socket, {
      records: [
        cardRecord(1, 'card.spoiled', cardSpoiledData(spoiled, { reason: 'jam', disposition: 'inPrinter' })),
        cardRecord(2, 'card.voided', cardVoidedData(voided, { reason: 'flowEnded' })),
      ],
    });
    expect(ack).toMatchObject({ highWaterMark: 2, rejected: [] });
    expect(cardRow(backend, spoiled.card.cardId)).toMatchObject({
      status: 'spoiled',
      spoil_reason: 'jam',
      disposition: 'inPrinter',
      outcome_seq: 1,
    });
    expect(cardRow(backend, voided.card.cardId)).toMatchObject({
      status: 'voided',
      void_reason: 'flowEnded',
    });
    // A spoiled card no longer holds the order: it is open again for the next attempt.
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'open' });

    // An outcome that contradicts the stored one is rejected; the card keeps its first outcome.
    const contradicting = await sendBatch(socket, {
      records: [
        cardRecord(3, 'card.issued', cardIssuedData(spoiled)),
        cardRecord(4, 'card.spoiled', cardSpoiledData(voided)),
      ],
    });
    expect(rejectedOf(contradicting)).toEqual([
      { seq: 3, reason: 'card already recorded as spoiled by seq 1' },
      { seq: 4, reason: 'card already recorded as voided by seq 2' },
    ]);
    expect(cardRow(backend, spoiled.card.cardId).status).toBe('spoiled');
  });

  it('rejects outcomes for unknown cards, another kiosk’s cards, wrong orders or numbers, or reissued numbers', async () => {
    const centro = await backend.connect(kioskAuth());
    const norte = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    const issued = await pendingCard(centro);
    const reissuedFirst = await pendingCard(centro, 'B6N5R2EZ');
    await issuedCard(centro, reissuedFirst.request); // same attempt again: the first number is voided

    const centroAck = await sendBatch(centro, {
      records: [
        cardRecord(
          1,
          'card.issued',
          cardIssuedData(issued, { cardId: '6f1c2b8e-0000-4000-8000-000000000000' }),
        ),
        cardRecord(2, 'card.issued', cardIssuedData(issued, { orderRef: reissuedFirst.request.orderRef })),
        cardRecord(3, 'card.issued', cardIssuedData(issued, { panMasked: '990000******0000' })),
        cardRecord(4, 'card.issued', cardIssuedData(reissuedFirst)),
      ],
    });
    expect(rejectedOf(centroAck)).toEqual([
      { seq: 1, reason: 'no card with this id was issued' },
      { seq: 2, reason: 'the card was issued to another order or attempt' },
      { seq: 3, reason: "the masked number is not the card's" },
      { seq: 4, reason: 'card already voided by the backend: its attempt asked for a new number' },
    ]);
    const norteAck = await sendBatch(norte, {
      records: [cardRecord(1, 'card.issued', cardIssuedData(issued), SECOND_KIOSK.kioskId)],
    });
    expect(rejectedOf(norteAck)).toEqual([{ seq: 1, reason: 'the card was issued to another kiosk' }]);
    expect(cardRow(backend, issued.card.cardId).status).toBe('pending');
  });

  it('sends an order to the mail by reference, or by the code typed offline', async () => {
    const socket = await backend.connect(kioskAuth());
    const byRef = mailRequestedData({
      orderRef: await orderRefOf(socket, 'K7Q2M9XD'),
      reason: 'printerUnavailable',
    });
    const byCode = mailRequestedData({ orderCode: 'P4T8W3HA' });
    const ack = await sendBatch(socket, {
      records: [cardRecord(1, 'card.mailRequested', byRef), cardRecord(2, 'card.mailRequested', byCode)],
    });
    expect(ack).toMatchObject({ highWaterMark: 2, rejected: [] });
    expect(orderRow(backend, 'K7Q2M9XD')).toEqual({
      status: 'mailRequested',
      mail_requested_at: byRef.requestedAt,
    });
    expect(orderRow(backend, 'P4T8W3HA').status).toBe('mailRequested');
    expect(mailRequests(backend).map((row) => [row.seq, row.status, row.reason])).toEqual([
      [1, 'matched', 'printerUnavailable'],
      [2, 'matched', 'offline'],
    ]);
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'mailRequested' });
    expect(await askForCard(socket, issueRequest(byRef.orderRef!))).toEqual({
      ok: true,
      approved: false,
      reason: 'orderNotOpen',
    });
    // Asked again for an order already going by mail: applied, the order mailed once.
    const twice = mailRequestedData({ orderCode: 'K7Q2M9XD' });
    expect(await sendBatch(socket, { records: [cardRecord(3, 'card.mailRequested', twice)] })).toMatchObject({
      rejected: [],
    });
    expect(orderRow(backend, 'K7Q2M9XD').mail_requested_at).toBe(byRef.requestedAt);
    // The same request under a new seq is rejected.
    const resent = await sendBatch(socket, { records: [cardRecord(4, 'card.mailRequested', byCode)] });
    expect(rejectedOf(resent)).toEqual([{ seq: 4, reason: 'mail request already recorded by seq 2' }]);
  });

  it('keeps a mail request it cannot apply as unmatched, with the reason, changing no order', async () => {
    const centro = await backend.connect(kioskAuth());
    const norte = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    // K7Q2M9XD: issued. B6N5R2EZ: being issued at the other kiosk.
    const issued = await pendingCard(centro);
    await sendBatch(centro, { records: [cardRecord(1, 'card.issued', cardIssuedData(issued))] });
    await pendingCard(norte, 'B6N5R2EZ');
    const requests = [
      mailRequestedData({ orderCode: 'ZZZZZZZZ' }),
      mailRequestedData({ orderRef: 'no-such-order-ref' }),
      mailRequestedData({ orderCode: 'K7Q2M9XD', reason: 'cardFailed' }),
      mailRequestedData({ orderCode: 'B6N5R2EZ' }),
      mailRequestedData(),
    ];
    const ack = await sendBatch(centro, {
      records: requests.map((data, i) => cardRecord(i + 2, 'card.mailRequested', data)),
    });
    expect(ack).toMatchObject({ highWaterMark: 6, rejected: [] });
    expect(
      mailRequests(backend).map((row) => [row.status, row.order_ref, row.order_code, row.unmatched_reason]),
    ).toEqual([
      ['unmatched', null, 'ZZZZZZZZ', 'no order has this code'],
      ['unmatched', null, null, 'no order has this reference'],
      ['unmatched', null, 'K7Q2M9XD', 'a card of this order was already issued'],
      ['unmatched', null, 'B6N5R2EZ', 'a card of this order is being issued at another kiosk'],
      ['unmatched', null, null, 'the request names no order'],
    ]);
    expect(orderRow(backend, 'B6N5R2EZ').status).toBe('open');
    expect(orderRow(backend, 'K7Q2M9XD').status).toBe('open');
  });

  it('judges expiry by when the customer asked, not when an offline kiosk reported it', async () => {
    const socket = await backend.connect(kioskAuth());
    const hour = 3_600_000;
    execute(
      backend.dbPath,
      "UPDATE card_orders SET expires_at = ? WHERE order_code IN ('K7Q2M9XD', 'P4T8W3HA')",
      new Date(Date.now() - hour).toISOString(),
    );
    const beforeExpiry = mailRequestedData({
      orderCode: 'K7Q2M9XD',
      requestedAt: new Date(Date.now() - 2 * hour).toISOString(),
    });
    const afterExpiry = mailRequestedData({ orderCode: 'P4T8W3HA' });
    await sendBatch(socket, {
      records: [
        cardRecord(1, 'card.mailRequested', beforeExpiry),
        cardRecord(2, 'card.mailRequested', afterExpiry),
      ],
    });
    expect(mailRequests(backend).map((row) => [row.status, row.unmatched_reason])).toEqual([
      ['matched', null],
      ['unmatched', 'the order had expired when the card was asked for'],
    ]);
    expect(orderRow(backend, 'K7Q2M9XD').status).toBe('mailRequested');
    expect(orderRow(backend, 'P4T8W3HA').status).toBe('open');
  });
});
