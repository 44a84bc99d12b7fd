import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import { maskPan } from '../contracts/card-number.ts';
import {
  basic,
  heartbeat,
  kioskAuth,
  OPERATOR_PASSWORD,
  printerStatus,
  startTestBackend,
  type TestBackend,
} from './backend-harness.ts';
import {
  ACCOUNTS,
  cardIssuedData,
  cardPrinterStatus,
  cardRecord,
  cardSpoiledData,
  issuedCard,
  issueRequest,
  lookUpOrder,
  ORDERS,
  orderRefOf,
} from './backend-card-records.ts';
import { queryRows, sendBatch } from './backend-sync-records.ts';

const AUTH = { authorization: basic(OPERATOR_PASSWORD) };

describe('backend: card orders over HTTP and cards in the fleet', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({
      accounts: [...ACCOUNTS, { accountNumber: '77700011122', holderName: 'Madonna', currency: 'EUR' }],
      cardOrders: ORDERS,
    });
  });
  afterEach(() => backend.stop());

  const postOrder = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${backend.url}/api/card-orders`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('POST /api/card-orders opens an order a kiosk can then find by its code', async () => {
    const response = await postOrder({ accountNumber: '00087654321' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { orderRef: string; orderCode: string; expiresAt: string };
    expect(created.orderCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const socket = await backend.connect(kioskAuth());
    expect(await lookUpOrder(socket, { orderCode: created.orderCode })).toEqual({
      ok: true,
      found: true,
      orderRef: created.orderRef,
      holderNameMasked: 'T*** H*****',
      product: 'debit',
      status: 'open',
      tellerApproval: false,
    });
    const second = (await (await postOrder({ accountNumber: '00087654321' })).json()) as typeof created;
    expect(second.orderCode).not.toBe(created.orderCode);
    // Explicit names, for a holder whose name has no surname to take.
    const named = await postOrder({
      accountNumber: '77700011122',
      surname: 'Ciccone',
      givenNames: 'Madonna Louise',
    });
    expect(named.status).toBe(201);
    expect(backend.logLines.join('\n')).not.toContain(created.orderCode);
  });

  it('POST /api/card-orders validates the body, the account, the names, the content type and the origin', async () => {
    for (const body of [
      {},
      { accountNumber: '12ab' },
      { accountNumber: 12345678 },
      { accountNumber: '00087654321', extra: 1 },
      { accountNumber: '00087654321', deliveryAddress: 'x'.repeat(301) },
      'not json',
      '',
    ]) {
      expect((await postOrder(body)).status).toBe(400);
    }
    expect(await (await postOrder({ accountNumber: '99999999' })).json()).toEqual({
      error: 'no account has this number',
    });
    expect((await postOrder({ accountNumber: '99999999' })).status).toBe(404);
    expect((await postOrder({ accountNumber: '77700011122' })).status).toBe(422);
    expect((await postOrder({ accountNumber: '00087654321' }, { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
    expect(
      (await postOrder({ accountNumber: '00087654321' }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const get = await fetch(`${backend.url}/api/card-orders`, { headers: AUTH });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const unauthenticated = await fetch(`${backend.url}/api/card-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountNumber: '00087654321' }),
    });
    expect(unauthenticated.status).toBe(401);
    expect(queryRows<{ n: number }>(backend.dbPath, 'SELECT count(*) AS n FROM card_orders')[0]!.n).toBe(
      ORDERS.length,
    );
  });

  it('shows each kiosk’s card stock and the latest cards, masked, in the fleet page and API', async () => {
    const socket = await backend.connect(kioskAuth());
    const stock = cardPrinterStatus({
      feederCards: 87,
      feederNearEmpty: false,
      ribbonPanels: 12,
      ribbonLow: true,
      rejectBinCards: 3,
      rejectBinCapacity: 20,
    });
    await socket
      .timeout(5000)
      .emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ devices: [printerStatus(), stock] }));
    const orderRef = await orderRefOf(socket, 'K7Q2M9XD');
    const first = issueRequest(orderRef);
    const spoiled = { request: first, card: await issuedCard(socket, first) };
    const second = issueRequest(orderRef, { attempt: 2 });
    const issued = { request: second, card: await issuedCard(socket, second) };
    await sendBatch(socket, {
      records: [
        cardRecord(1, 'card.spoiled', cardSpoiledData(spoiled, { reason: 'encodingFailed' })),
        cardRecord(2, 'card.issued', cardIssuedData(issued)),
      ],
    });

    const html = await (await fetch(`${backend.url}/fleet`, { headers: AUTH })).text();
    const centro = /<tr data-kiosk-id="kiosk-centro">(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
    expect(centro).toContain(
      '<td><ul><li>Feeder: 87 cards</li><li class="card-alert">Ribbon: 12 panels (low)</li><li>Reject bin: 3 of 20</li></ul></td>',
    );
    const norte = /<tr data-kiosk-id="kiosk-norte">(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
    expect(norte).toContain('<td>no card printer</td>');
    expect(html).toContain('<p id="card-counts">0 pending, 1 issued, 1 spoiled, 0 voided</p>');
    const issuedRow = new RegExp(`<tr data-card-id="${issued.card.cardId}">(.*?)</tr>`, 's').exec(html)?.[1];
    expect(issuedRow).toContain(`<td class="card-id">${issued.card.cardId.slice(0, 8)}</td>`);
    expect(issuedRow).toContain(`<td class="pan">${maskPan(issued.card.pan)}</td>`);
    expect(issuedRow).toContain('<td class="card-issued">issued</td><td>kiosk-centro</td>');
    const spoiledRow = new RegExp(`<tr data-card-id="${spoiled.card.cardId}">(.*?)</tr>`, 's').exec(
      html,
    )?.[1];
    expect(spoiledRow).toContain('<td>encodingFailed — in the reject bin</td>');
    // Newest first.
    expect(html.indexOf(issued.card.cardId)).toBeLessThan(html.indexOf(spoiled.card.cardId));

    const api = await (await fetch(`${backend.url}/api/fleet`, { headers: AUTH })).text();
    const body = JSON.parse(api) as { cards: { counts: unknown; recent: Array<Record<string, unknown>> } };
    expect(body.cards.counts).toEqual({ pending: 0, issued: 1, spoiled: 1, voided: 0 });
    expect(body.cards.recent[0]).toMatchObject({
      cardId: issued.card.cardId,
      panMasked: maskPan(issued.card.pan),
      status: 'issued',
      kioskId: 'kiosk-centro',
      attempt: 2,
    });
    for (const text of [html, api]) {
      for (const pan of [issued.card.pan, spoiled.card.pan]) expect(text).not.toContain(pan);
      expect(text).not.toContain('ERIKSSON');
    }
  });
});
