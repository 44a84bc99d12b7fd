import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IssuedCardData } from '../contracts/card-issuing.ts';
import { isValidPan, luhnCheckDigit, maskPan } from '../contracts/card-number.ts';
import { openDatabase } from '../platform/sqlite.ts';
import {
  createCardIssuer,
  MAX_CARDS_PER_ORDER,
  MAX_NUMBERS_PER_ATTEMPT,
} from '../backend/cards/card-issuer.ts';
import { cardNamesFromHolder, toCardName } from '../backend/cards/card-names.ts';
import { cardExpiry, newCardNumber } from '../backend/cards/card-number-issuer.ts';
import { openCardOrder } from '../backend/cards/card-orders.ts';
import { BACKEND_MIGRATIONS } from '../backend/db/migrations.ts';
import { createBackendStores } from '../backend/store/backend-stores.ts';
import { CARD_ISSUES_PER_MINUTE, CARD_ORDER_LOOKUPS_PER_MINUTE } from '../backend/kiosk/card-events.ts';
import { createBackend } from '../backend/server.ts';
import {
  KIOSK,
  kioskAuth,
  OPERATOR_PASSWORD,
  SECOND_KIOSK,
  startTestBackend,
  type TestBackend,
} from './backend-harness.ts';
import {
  ACCOUNTS,
  askForCard,
  cardIssuedData,
  cardRecord,
  cardRow,
  cardRows,
  execute,
  cardSpoiledData,
  issuedCard,
  issueRequest,
  lookUpOrder,
  ORDERS,
  orderRefOf,
} from './backend-card-records.ts';
import { queryRows, sendBatch } from './backend-sync-records.ts';

describe('backend: card orders and card numbers', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ accounts: ACCOUNTS, cardOrders: ORDERS });
  });
  afterEach(() => backend.stop());

  it('finds an order by its code: a reference, the masked names on the card, the product and status', async () => {
    const socket = await backend.connect(kioskAuth());
    const found = await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' });
    expect(found).toEqual({
      ok: true,
      found: true,
      orderRef: expect.stringMatching(/^[0-9a-f-]{36}$/),
      holderNameMasked: 'A*** M**** E*******',
      product: 'debit',
      status: 'open',
      tellerApproval: false,
    });
    // Names given explicitly are made card-safe: upper case, no accents.
    expect(await lookUpOrder(socket, { orderCode: 'P4T8W3HA' })).toMatchObject({
      holderNameMasked: 'T**** P*****',
    });
    expect(await lookUpOrder(socket, { orderCode: 'ZZZZZZZZ' })).toEqual({ ok: true, found: false });
    for (const orderCode of ['K7Q2M9X', 'k7q2m9xd', 'K7Q2M9X0', 12345678]) {
      expect(await lookUpOrder(socket, { orderCode })).toMatchObject({
        ok: false,
        error: { code: 'invalid-message' },
      });
    }
    const log = backend.logLines.join('\n');
    expect(log).toContain('card order lookup');
    expect(log).not.toMatch(/K7Q2M9XD|ERIKSSON|ANNA/);
  });

  it('issues a 16-digit Luhn-valid number under the test BIN with the names, expiry and service code', async () => {
    const socket = await backend.connect(kioskAuth());
    const request = issueRequest(await orderRefOf(socket, 'K7Q2M9XD'));
    const ack = await askForCard(socket, request);
    expect(ack).toMatchObject({ ok: true, approved: true });
    const card = IssuedCardData.parse((ack as { card: unknown }).card);
    expect(card.pan).toMatch(/^990000\d{10}$/);
    expect(isValidPan(card.pan)).toBe(true);
    expect(card).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', serviceCode: '101' });
    const now = new Date();
    const expectedExpiry = `${String((now.getUTCFullYear() + 4) % 100).padStart(2, '0')}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(card.expiry).toBe(expectedExpiry);
    expect(card.discretionary).toMatch(/^\d{1,8}$/);

    expect(cardRow(backend, card.cardId)).toMatchObject({
      kiosk_id: KIOSK.kioskId,
      attempt_id: request.attemptId,
      attempt: 1,
      status: 'pending',
      pan_masked: maskPan(card.pan),
      last4: card.pan.slice(-4),
      expiry: expectedExpiry,
    });
    // While the kiosk has it, the order is being issued.
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issuing' });
    expect(backend.logLines.join('\n')).not.toContain(card.pan);
  });

  it('never issues the same number twice', async () => {
    const socket = await backend.connect(kioskAuth());
    const pans = new Set<string>();
    for (const { orderCode } of ORDERS) {
      const orderRef = await orderRefOf(socket, orderCode);
      for (let attempt = 1; attempt <= 2; attempt++) {
        pans.add((await issuedCard(socket, issueRequest(orderRef, { attempt }))).pan);
      }
    }
    expect(pans.size).toBe(6);
    expect(
      new Set(queryRows<{ h: string }>(backend.dbPath, 'SELECT pan_hash AS h FROM cards').map((r) => r.h))
        .size,
    ).toBe(6);
  });

  it('allows three cards per order, then declines with tooManyAttempts', async () => {
    const socket = await backend.connect(kioskAuth());
    const orderRef = await orderRefOf(socket, 'K7Q2M9XD');
    for (let attempt = 1; attempt <= MAX_CARDS_PER_ORDER; attempt++) {
      await issuedCard(socket, issueRequest(orderRef, { attempt }));
    }
    expect(await askForCard(socket, issueRequest(orderRef, { attempt: 3 }))).toEqual({
      ok: true,
      approved: false,
      reason: 'tooManyAttempts',
    });
    // One attempt asked again and again burns a bounded number of numbers too.
    const other = issueRequest(await orderRefOf(socket, 'B6N5R2EZ'));
    for (let i = 0; i < MAX_NUMBERS_PER_ATTEMPT; i++) await issuedCard(socket, other);
    expect(await askForCard(socket, other)).toEqual({ ok: true, approved: false, reason: 'tooManyAttempts' });
  });

  it('voids the earlier number when the same attempt asks again, and issues a new one', async () => {
    const socket = await backend.connect(kioskAuth());
    const request = issueRequest(await orderRefOf(socket, 'K7Q2M9XD'));
    const first = await issuedCard(socket, request);
    // The ack was lost on the way: the kiosk asks again with the same attempt id.
    const second = await issuedCard(socket, request);
    expect(second.cardId).not.toBe(first.cardId);
    expect(second.pan).not.toBe(first.pan);
    expect(cardRow(backend, first.cardId)).toMatchObject({ status: 'voided', void_reason: 'reissued' });
    expect(cardRow(backend, second.cardId)).toMatchObject({
      status: 'pending',
      attempt_id: request.attemptId,
    });
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issuing' });
  });

  it('keeps an order being issued at one kiosk from every other kiosk', async () => {
    const centro = await backend.connect(kioskAuth());
    const norte = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    const orderRef = await orderRefOf(centro, 'K7Q2M9XD');
    await issuedCard(centro, issueRequest(orderRef));
    expect(await lookUpOrder(norte, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issuing' });
    expect(await askForCard(norte, issueRequest(orderRef))).toEqual({
      ok: true,
      approved: false,
      reason: 'orderNotOpen',
    });
    // The kiosk issuing it may retry with a new attempt (its first card spoiled).
    await issuedCard(centro, issueRequest(orderRef, { attempt: 2 }));
  });

  it('declines unknown, expired, issued, mailed and cancelled orders', async () => {
    const socket = await backend.connect(kioskAuth());
    const decline = (reason: string) => ({ ok: true, approved: false, reason });
    expect(await askForCard(socket, issueRequest('no-such-order-ref'))).toEqual(decline('unknownOrder'));

    const expiredRef = await orderRefOf(socket, 'P4T8W3HA');
    execute(
      backend.dbPath,
      "UPDATE card_orders SET expires_at = '2001-01-01T00:00:00.000Z' WHERE order_ref = ?",
      expiredRef,
    );
    expect(await lookUpOrder(socket, { orderCode: 'P4T8W3HA' })).toMatchObject({ status: 'expired' });
    expect(await askForCard(socket, issueRequest(expiredRef))).toEqual(decline('orderExpired'));

    const issuedRef = await orderRefOf(socket, 'K7Q2M9XD');
    const request = issueRequest(issuedRef);
    const card = await issuedCard(socket, request);
    await sendBatch(socket, { records: [cardRecord(1, 'card.issued', cardIssuedData({ request, card }))] });
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issued' });
    expect(await askForCard(socket, issueRequest(issuedRef, { attempt: 2 }))).toEqual(
      decline('orderNotOpen'),
    );

    const cancelledRef = await orderRefOf(socket, 'B6N5R2EZ');
    execute(backend.dbPath, "UPDATE card_orders SET status = 'cancelled' WHERE order_ref = ?", cancelledRef);
    expect(await lookUpOrder(socket, { orderCode: 'B6N5R2EZ' })).toMatchObject({ status: 'cancelled' });
    expect(await askForCard(socket, issueRequest(cancelledRef))).toEqual(decline('orderNotOpen'));
    expect(cardRows(backend)).toHaveLength(1);
  });

  it('refuses an attempt id reused after its card left the feeder, or by another order', async () => {
    const socket = await backend.connect(kioskAuth());
    const orderRef = await orderRefOf(socket, 'K7Q2M9XD');
    const request = issueRequest(orderRef);
    const card = await issuedCard(socket, request);
    await sendBatch(socket, { records: [cardRecord(1, 'card.spoiled', cardSpoiledData({ request, card }))] });
    expect(await askForCard(socket, request)).toMatchObject({ ok: false, error: { code: 'attempt-closed' } });
    const otherOrder = await orderRefOf(socket, 'B6N5R2EZ');
    expect(await askForCard(socket, { ...request, orderRef: otherOrder })).toMatchObject({
      ok: false,
      error: { code: 'attempt-mismatch' },
    });
    expect(await askForCard(socket, { orderRef, attemptId: 'not-a-uuid', attempt: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    expect(await askForCard(socket, issueRequest(orderRef, { attempt: 4 }))).toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    expect(cardRows(backend)).toHaveLength(1);
  });

  it('slows a kiosk that looks up codes or asks for cards faster than customers could', async () => {
    const socket = await backend.connect(kioskAuth());
    for (let i = 0; i < CARD_ORDER_LOOKUPS_PER_MINUTE; i++) {
      expect(await lookUpOrder(socket, { orderCode: `ZZZZZZ${'23456789ABCDEFGH'[i]}Z` })).toEqual({
        ok: true,
        found: false,
      });
    }
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
    for (let i = 0; i < CARD_ISSUES_PER_MINUTE; i++) {
      expect(await askForCard(socket, issueRequest('no-such-order-ref'))).toMatchObject({ approved: false });
    }
    const orderRef = queryRows<{ order_ref: string }>(
      backend.dbPath,
      "SELECT order_ref FROM card_orders WHERE order_code = 'K7Q2M9XD'",
    )[0]!.order_ref;
    expect(await askForCard(socket, issueRequest(orderRef))).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
    // Reconnecting does not reset the count; another kiosk has its own.
    socket.disconnect();
    const again = await backend.connect(kioskAuth());
    expect(await askForCard(again, issueRequest(orderRef))).toMatchObject({
      error: { code: 'rate-limited' },
    });
    const other = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    expect(await askForCard(other, issueRequest(orderRef))).toMatchObject({ ok: true, approved: true });
  });

  it('keeps no full card number anywhere in the database, its files or the log', async () => {
    const socket = await backend.connect(kioskAuth());
    const pans: string[] = [];
    let seq = 0;
    for (const { orderCode } of ORDERS) {
      const request = issueRequest(await orderRefOf(socket, orderCode));
      const card = await issuedCard(socket, request);
      pans.push(card.pan);
      seq += 1;
      await sendBatch(socket, {
        records: [cardRecord(seq, 'card.issued', cardIssuedData({ request, card }))],
      });
    }
    const tables = queryRows<{ name: string }>(
      backend.dbPath,
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining(['cards', 'card_orders', 'sync_records', 'backend_secrets']),
    );
    const everything = tables
      .map((table) => JSON.stringify(queryRows(backend.dbPath, `SELECT * FROM "${table}"`)))
      .join('\n');
    for (const pan of pans) {
      expect(everything).toContain(maskPan(pan));
      expect(everything).not.toContain(pan);
      // Nor a bare hash of it, which every number of the BIN could be checked against.
      expect(everything).not.toContain(createHash('sha256').update(pan).digest('hex'));
    }
    await backend.close();
    for (const file of [backend.dbPath, `${backend.dbPath}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file).toString('latin1');
      for (const pan of pans) expect(bytes).not.toContain(pan);
    }
    const log = backend.logLines.join('\n');
    for (const pan of pans) expect(log).not.toContain(pan);
  });
});

describe('backend: card number key and BIN', () => {
  it('uses the configured BIN and key, and otherwise keeps a key of its own across restarts', async () => {
    const configured = await startTestBackend({
      accounts: ACCOUNTS,
      cardOrders: ORDERS,
      cardBin: '99123456',
      cardNumberKey: 'k'.repeat(40),
    });
    try {
      const socket = await configured.connect(kioskAuth());
      const card = await issuedCard(socket, issueRequest(await orderRefOf(socket, 'K7Q2M9XD')));
      expect(card.pan).toMatch(/^99123456\d{8}$/);
      expect(isValidPan(card.pan)).toBe(true);
      // The configured key is not stored (the identity key, not configured here, is).
      expect(
        queryRows(configured.dbPath, "SELECT * FROM backend_secrets WHERE name = 'cardNumberKey'"),
      ).toEqual([]);
    } finally {
      await configured.stop();
    }

    const own = await startTestBackend({ accounts: ACCOUNTS, cardOrders: ORDERS });
    try {
      const keys = () =>
        queryRows<{ value: string }>(
          own.dbPath,
          "SELECT value FROM backend_secrets WHERE name = 'cardNumberKey'",
        );
      const [stored] = keys();
      expect(stored?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await own.close();
      const restarted = await startTestBackend({
        dbPath: own.dbPath,
        accounts: ACCOUNTS,
        cardOrders: ORDERS,
      });
      await restarted.stop();
      expect(keys()).toEqual([stored]);
    } finally {
      await own.stop();
    }
    const base = {
      port: 0,
      dbPath: ':memory:',
      operatorPassword: OPERATOR_PASSWORD,
      heartbeatTimeoutMs: 1000,
    };
    await expect(createBackend({ ...base, cardNumberKey: 'short' })).rejects.toThrow(/at least 32/);
    await expect(createBackend({ ...base, cardBin: '12345' })).rejects.toThrow(/6 to 8 digits/);
  });
});

describe('card numbers and names', () => {
  it('makes numbers of the BIN, random digits and the Luhn check digit', () => {
    const digits = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const pan = newCardNumber('990000', () => digits.shift()!);
    expect(pan).toBe(`990000123456789${luhnCheckDigit('990000123456789')}`);
    expect(isValidPan(pan)).toBe(true);
    for (let i = 0; i < 200; i++) expect(isValidPan(newCardNumber('99000012'))).toBe(true);
    expect(() => newCardNumber('9900')).toThrow(/6 to 8 digits/);
    expect(cardExpiry(new Date('2026-11-30T23:59:59Z'))).toBe('3011');
    expect(cardExpiry(new Date('2096-01-01T00:00:00Z'))).toBe('0001');
  });

  it('draws again when a number was already issued', () => {
    const db = openDatabase(':memory:', BACKEND_MIGRATIONS);
    try {
      const stores = createBackendStores(db);
      stores.kiosks.insert({
        kioskId: KIOSK.kioskId,
        name: KIOSK.name,
        publicKey: KIOSK.publicKey,
        enabled: true,
      });
      const account = stores.accounts.upsert({
        accountNumber: '00012345678',
        holderName: 'Ana Ejemplo',
        currency: 'EUR',
        balance: 0,
      });
      const orders = [0, 1].map(() => {
        const order = openCardOrder(stores.cardOrders, account, {}, new Date());
        if ('error' in order) throw new Error(order.error);
        return order;
      });
      // Every draw's digits are all 7s at first, then all 3s: the second card clashes once.
      let draws = 0;
      const randomDigit = () => (draws++ < 9 * 2 ? 7 : 3);
      const issuer = createCardIssuer(db, stores.cardOrders, stores.cards, {
        bin: '990000',
        numberKey: 'k'.repeat(32),
        randomDigit,
      });
      const pans = orders.map((order) => {
        const ack = issuer.issue(KIOSK.kioskId, issueRequest(order.orderRef));
        if (!ack.ok || !ack.approved) throw new Error('not approved');
        return ack.card.pan;
      });
      expect(pans[0]).toMatch(/^990000777777777\d$/);
      expect(pans[1]).toMatch(/^990000333333333\d$/);
    } finally {
      db.close();
    }
  });

  it('takes the names on the card from the holder’s name: upper case, no accents, last word the surname', () => {
    expect(cardNamesFromHolder('Ana María Ejemplo')).toEqual({ surname: 'EJEMPLO', givenNames: 'ANA MARIA' });
    expect(cardNamesFromHolder("  Seán  O'Brien-Núñez ")).toEqual({
      surname: "O'BRIEN-NUNEZ",
      givenNames: 'SEAN',
    });
    expect(cardNamesFromHolder('Madonna')).toBeUndefined();
    expect(cardNamesFromHolder('李 小龙')).toBeUndefined();
    expect(toCardName('Maximiliana Leopoldina Josefa Antonia')).toBe('MAXIMILIANA LEOPOLDINA JOS');
  });
});

describe('backend: seeded card orders', () => {
  it('keeps orders across restarts, renews the open ones and re-opens nothing already issued', async () => {
    const first = await startTestBackend({ accounts: ACCOUNTS, cardOrders: ORDERS });
    const orders = () =>
      queryRows<{
        order_code: string;
        order_ref: string;
        status: string;
        expires_at: string;
        surname: string;
      }>(
        first.dbPath,
        'SELECT order_code, order_ref, status, expires_at, surname FROM card_orders ORDER BY order_code',
      );
    try {
      const socket = await first.connect(kioskAuth());
      const issuedRequest = issueRequest(await orderRefOf(socket, 'K7Q2M9XD'));
      const card = await issuedCard(socket, issuedRequest);
      await sendBatch(socket, {
        records: [cardRecord(1, 'card.issued', cardIssuedData({ request: issuedRequest, card }))],
      });
      // P4T8W3HA ran out of time; B6N5R2EZ was cancelled by the bank.
      execute(
        first.dbPath,
        "UPDATE card_orders SET expires_at = '2001-01-01T00:00:00.000Z' WHERE order_code = 'P4T8W3HA'",
      );
      execute(first.dbPath, "UPDATE card_orders SET status = 'cancelled' WHERE order_code = 'B6N5R2EZ'");
      const before = orders();
      await first.close();

      const renamed = ORDERS.map((order) => ({ ...order, surname: 'Nuevo', givenNames: 'Nombre' }));
      const again = await startTestBackend({ dbPath: first.dbPath, accounts: ACCOUNTS, cardOrders: renamed });
      try {
        const after = orders();
        expect(after.map((order) => order.order_ref)).toEqual(before.map((order) => order.order_ref));
        const byCode = Object.fromEntries(after.map((order) => [order.order_code, order]));
        // Issued and cancelled: untouched.
        expect(byCode.K7Q2M9XD).toEqual(before.find((order) => order.order_code === 'K7Q2M9XD'));
        expect(byCode.B6N5R2EZ).toMatchObject({ status: 'cancelled', surname: 'HOLDER' });
        // Expired without a card: open again, under the file's names.
        expect(byCode.P4T8W3HA).toMatchObject({ status: 'open', surname: 'NUEVO' });
        expect(Date.parse(byCode.P4T8W3HA!.expires_at)).toBeGreaterThan(Date.now());
        const socket2 = await again.connect(kioskAuth());
        expect(await lookUpOrder(socket2, { orderCode: 'K7Q2M9XD' })).toMatchObject({ status: 'issued' });
        expect(await lookUpOrder(socket2, { orderCode: 'P4T8W3HA' })).toMatchObject({ status: 'open' });
      } finally {
        await again.stop();
      }
    } finally {
      await first.stop();
    }
  });

  it('refuses to start with an order on an account it does not have, naming the entry only', async () => {
    const base = {
      port: 0,
      dbPath: ':memory:',
      operatorPassword: OPERATOR_PASSWORD,
      heartbeatTimeoutMs: 1000,
    };
    const start = createBackend({
      ...base,
      accounts: ACCOUNTS,
      cardOrders: [{ orderCode: 'K7Q2M9XD', accountNumber: '31415926535' }],
    });
    await expect(start).rejects.toThrow('card order seed 0: no account has that number');
  });
});
