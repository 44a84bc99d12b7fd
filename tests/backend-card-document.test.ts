import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardOrderLookupAck } from '../contracts/card-issuing.ts';
import {
  CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT,
  type CardOrderLookupByDocumentRequest,
} from '../contracts/identity.ts';
import { configFromArgs } from '../backend/config.ts';
import { CARD_ORDER_LOOKUPS_PER_MINUTE } from '../backend/kiosk/card-events.ts';
import { connectBackend } from '../main/runtime/backend/backend-link.ts';
import { createMemoryLogger } from '../platform/log.ts';
import {
  basic,
  KIOSK,
  kioskAuth,
  OPERATOR_PASSWORD,
  SECOND_KIOSK,
  startTestBackend,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';
import { ACCOUNTS, askForCard, execute, issueRequest, lookUpOrder } from './backend-card-records.ts';

/** The demo people of the specimen documents (fictional). */
const MARIA: CardOrderLookupByDocumentRequest = {
  issuingState: 'ESP',
  documentNumber: 'PAB123456',
  birthDate: '850315',
};
const JUAN: CardOrderLookupByDocumentRequest = {
  issuingState: 'ESP',
  documentNumber: 'BAC456789',
  birthDate: '900101',
};
const WANG: CardOrderLookupByDocumentRequest = {
  issuingState: 'CHN',
  documentNumber: 'E12345678',
  birthDate: '780720',
};

function lookUpByDocument(socket: Socket, payload: unknown): Promise<CardOrderLookupAck> {
  return socket.timeout(5000).emitWithAck(CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT, payload);
}

/** The database file and its write-ahead log, as bytes an attacker with the disk would see. */
function databaseBytes(dbPath: string): string {
  let text = readFileSync(dbPath).toString('latin1');
  try {
    text += readFileSync(`${dbPath}-wal`).toString('latin1');
  } catch {
    // No WAL file at this moment: everything is in the main file.
  }
  return text;
}

describe('backend: card orders found by the customer document', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    // The demo files the launcher passes: the demo people's orders carry their documents.
    const demo = configFromArgs(
      ['--accounts', 'launcher/demo-accounts.json', '--card-orders', 'launcher/demo-card-orders.json'],
      { VENTANILLA_OPERATOR_PASSWORD: 'pw' },
    );
    backend = await startTestBackend({
      accounts: [...(demo.accounts ?? []), ...ACCOUNTS],
      cardOrders: demo.cardOrders ?? [],
    });
  });
  afterEach(() => backend.stop());

  const postOrder = async (body: unknown) => {
    const response = await fetch(`${backend.url}/api/card-orders`, {
      method: 'POST',
      headers: { authorization: basic(OPERATOR_PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { orderRef: string; orderCode: string };
  };

  it('finds each demo person order by their document, as the code lookup answers', async () => {
    const socket = await backend.connect(kioskAuth());
    const expected: Array<[CardOrderLookupByDocumentRequest, string, string]> = [
      [MARIA, 'H3F7W2QN', 'M**** J*** G***** L****'],
      [JUAN, 'J5C9T4VK', 'J*** M***** R***'],
      [WANG, 'W8X6M3RB', 'X******* W***'],
    ];
    for (const [document, orderCode, masked] of expected) {
      const byDocument = await lookUpByDocument(socket, document);
      expect(byDocument).toEqual({
        ok: true,
        found: true,
        orderRef: expect.stringMatching(/^[0-9a-f-]{36}$/),
        holderNameMasked: masked,
        product: 'debit',
        status: 'open',
        tellerApproval: false,
      });
      expect(await lookUpOrder(socket, { orderCode })).toEqual(byDocument);
    }
  });

  it('answers found: false for a document with no order, or with one field different', async () => {
    const socket = await backend.connect(kioskAuth());
    for (const document of [
      { issuingState: 'FRA', documentNumber: 'PAB123456', birthDate: '850315' },
      { ...MARIA, documentNumber: 'PAB123457' },
      { ...MARIA, birthDate: '850316' },
      { ...JUAN, issuingState: 'D<<' },
    ]) {
      expect(await lookUpByDocument(socket, document)).toEqual({ ok: true, found: false });
    }
  });

  it('refuses an invalid request without echoing it', async () => {
    const socket = await backend.connect(kioskAuth());
    for (const payload of [
      undefined,
      null,
      'PAB123456',
      {},
      { ...MARIA, issuingState: 'esp' },
      { ...MARIA, documentNumber: 'pab123456' },
      { ...MARIA, documentNumber: 'PAB-123456' },
      { ...MARIA, documentNumber: 'X'.repeat(25) },
      { ...MARIA, birthDate: '851315' },
      { ...MARIA, birthDate: 850315 },
    ]) {
      const ack = await lookUpByDocument(socket, payload);
      expect(ack, JSON.stringify(payload)).toEqual({
        ok: false,
        error: { code: 'invalid-message', message: expect.any(String) },
      });
      if (!ack.ok) expect(ack.error.message).not.toMatch(/PAB|pab|8513|850315/);
    }
  });

  it('answers the newest order the card can still come from, issuing included', async () => {
    const socket = await backend.connect(kioskAuth());
    const document = { issuingState: 'ESP', documentNumber: 'ZX9876543', birthDate: '010203' };
    const older = await postOrder({ accountNumber: '00012345678', document });
    const newer = await postOrder({ accountNumber: '00087654321', document });
    const found = () => lookUpByDocument(socket, document);
    expect(await found()).toMatchObject({ found: true, orderRef: newer.orderRef, status: 'open' });

    // A card of the newer order is at a kiosk: still this order, now issuing.
    expect(await askForCard(socket, issueRequest(newer.orderRef))).toMatchObject({
      ok: true,
      approved: true,
    });
    expect(await found()).toMatchObject({ found: true, orderRef: newer.orderRef, status: 'issuing' });
    // Once its card was issued, the older order is the one left.
    execute(backend.dbPath, "UPDATE cards SET status = 'issued' WHERE order_ref = ?", newer.orderRef);
    expect(await found()).toMatchObject({ found: true, orderRef: older.orderRef, status: 'open' });
    // Expired, cancelled or mailed orders are not offered.
    execute(
      backend.dbPath,
      "UPDATE card_orders SET expires_at = '2000-01-01T00:00:00.000Z' WHERE order_ref = ?",
      older.orderRef,
    );
    expect(await found()).toEqual({ ok: true, found: false });
    // An order without a document is found by its code only.
    const plain = await postOrder({ accountNumber: '00012345678' });
    expect(await lookUpOrder(socket, { orderCode: plain.orderCode })).toMatchObject({ found: true });
  });

  it('refuses a malformed document on POST /api/card-orders', async () => {
    for (const document of [
      { ...MARIA, birthDate: '1985-03-15' },
      { ...MARIA, extra: 'x' },
      { issuingState: 'ESP', documentNumber: 'PAB123456' },
    ]) {
      const response = await fetch(`${backend.url}/api/card-orders`, {
        method: 'POST',
        headers: { authorization: basic(OPERATOR_PASSWORD), 'content-type': 'application/json' },
        body: JSON.stringify({ accountNumber: '00012345678', document }),
      });
      expect(response.status).toBe(400);
    }
  });

  it('limits lookups by document per kiosk, apart from lookups by code', async () => {
    const socket = await backend.connect(kioskAuth());
    for (let i = 0; i < CARD_ORDER_LOOKUPS_PER_MINUTE; i++) {
      expect(await lookUpByDocument(socket, WANG)).toMatchObject({ ok: true, found: true });
    }
    expect(await lookUpByDocument(socket, WANG)).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: expect.any(String) },
    });
    expect(await lookUpOrder(socket, { orderCode: 'W8X6M3RB' })).toMatchObject({ ok: true, found: true });
    const other = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    expect(await lookUpByDocument(other, WANG)).toMatchObject({ ok: true, found: true });
  });

  it('stores no document number or birth date, and logs none', async () => {
    const socket = await backend.connect(kioskAuth());
    const document = { issuingState: 'ESP', documentNumber: 'QQ7777777', birthDate: '020304' };
    await postOrder({ accountNumber: '00012345678', document });
    await lookUpByDocument(socket, document);
    await lookUpByDocument(socket, MARIA);
    const bytes = databaseBytes(backend.dbPath);
    for (const value of ['QQ7777777', 'PAB123456', 'BAC456789', 'E12345678', '020304', '850315', '780720']) {
      expect(bytes).not.toContain(value);
    }
    // The check can fail: an order's code, stored in the clear, is found the same way.
    expect(bytes).toContain('H3F7W2QN');
    const log = backend.logLines.join('\n');
    expect(log).toContain('card order lookup by document');
    for (const value of ['QQ7777777', 'PAB123456', '020304', '850315']) expect(log).not.toContain(value);
  });

  it('the kiosk link looks orders up by document: found, not found, offline', async () => {
    const link = connectBackend({
      url: backend.url,
      kioskId: KIOSK.kioskId,
      privateKey: KIOSK.privateKey,
      softwareVersion: 'test',
      heartbeatMs: 60_000,
      snapshot: () => ({ screen: 'attract', devices: [] }),
      logger: createMemoryLogger(),
    });
    try {
      await waitUntil(() => link.state().online, 5_000, 'the link online');
      expect(await link.lookupCardOrderByDocument(JUAN)).toEqual({
        status: 'found',
        orderRef: expect.stringMatching(/^[0-9a-f-]{36}$/),
        holderNameMasked: 'J*** M***** R***',
        product: 'debit',
        orderStatus: 'open',
        tellerApproval: false,
      });
      expect(await link.lookupCardOrderByDocument({ ...JUAN, birthDate: '900102' })).toEqual({
        status: 'notFound',
      });
    } finally {
      link.close();
    }
    expect(await link.lookupCardOrderByDocument(JUAN)).toEqual({ status: 'offline' });
  });
});

describe('backend: demo orders keep their documents across restarts', () => {
  it('a re-seed renews the order and its document hash', async () => {
    const seed = { orderCode: 'H3F7W2QN', accountNumber: '00012345678', document: MARIA };
    const first = await startTestBackend({ accounts: ACCOUNTS, cardOrders: [seed] });
    await first.close();
    const second = await startTestBackend({
      dbPath: first.dbPath,
      accounts: ACCOUNTS,
      cardOrders: [{ ...seed, document: JUAN }],
    });
    try {
      const socket = await second.connect(kioskAuth());
      expect(await lookUpByDocument(socket, MARIA)).toEqual({ ok: true, found: false });
      expect(await lookUpByDocument(socket, JUAN)).toMatchObject({ found: true, status: 'open' });
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
