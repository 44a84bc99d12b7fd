import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import { maskHolderName } from '../backend/cash/holder-name-mask.ts';
import { ACCOUNT_LOOKUPS_PER_MINUTE } from '../backend/kiosk/account-lookup.ts';
import {
  basic,
  heartbeat,
  KIOSK,
  kioskAuth,
  OPERATOR_PASSWORD,
  SECOND_KIOSK,
  startTestBackend,
  type TestBackend,
} from './backend-harness.ts';
import { ACCOUNTS, cashRecord, depositData, exchangeData, lookUpAccount } from './backend-cash-records.ts';
import { queryRows, sendBatch } from './backend-sync-records.ts';

const AUTH = { authorization: basic(OPERATOR_PASSWORD) };

interface AccountRow {
  account_ref: string;
  balance: number;
}

function account(backend: TestBackend, accountNumber: string): AccountRow {
  return queryRows<AccountRow>(
    backend.dbPath,
    'SELECT account_ref, balance FROM accounts WHERE account_number = ?',
    accountNumber,
  )[0]!;
}

async function deposits(backend: TestBackend, kioskId = KIOSK.kioskId) {
  const response = await fetch(`${backend.url}/api/fleet/kiosks/${kioskId}/deposits`, { headers: AUTH });
  expect(response.status).toBe(200);
  return {
    text: await response.clone().text(),
    body: (await response.json()) as { deposits: Array<Record<string, unknown>> },
  };
}

describe('holder name masking', () => {
  it('keeps the first letter of each word and hides the rest', () => {
    expect(maskHolderName('ANNA MARIA ERIKSSON')).toBe('A*** M**** E*******');
    expect(maskHolderName('  Jo   Li ')).toBe('J* L*');
    expect(maskHolderName('Ñandú Öberg-Ídris')).toBe('Ñ**** Ö**********');
    expect(maskHolderName('X')).toBe('X');
  });
});

describe('backend: cash', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ accounts: ACCOUNTS });
  });
  afterEach(() => backend.stop());

  it('looks an account up by number: a reference and the masked holder, never the name', async () => {
    const socket = await backend.connect(kioskAuth());
    const found = await lookUpAccount(socket, { accountNumber: '00012345678' });
    expect(found).toEqual({
      ok: true,
      found: true,
      accountRef: account(backend, '00012345678').account_ref,
      holderNameMasked: 'A*** M**** E*******',
    });
    expect(JSON.stringify(found)).not.toContain('ANNA');
    expect(await lookUpAccount(socket, { accountNumber: '99999999' })).toEqual({ ok: true, found: false });
    expect(await lookUpAccount(socket, { accountNumber: '12ab' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    expect(backend.logLines.join('\n')).not.toMatch(/00012345678|ERIKSSON/);
  });

  it('slows a kiosk that looks up more accounts than a customer would type', async () => {
    const socket = await backend.connect(kioskAuth());
    for (let i = 0; i < ACCOUNT_LOOKUPS_PER_MINUTE; i++) {
      expect(await lookUpAccount(socket, { accountNumber: `1000000${i}` })).toEqual({
        ok: true,
        found: false,
      });
    }
    expect(await lookUpAccount(socket, { accountNumber: '00012345678' })).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
    // Reconnecting does not reset the count; another kiosk has its own.
    socket.disconnect();
    const again = await backend.connect(kioskAuth());
    expect(await lookUpAccount(again, { accountNumber: '00012345678' })).toMatchObject({ ok: false });
    const other = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    expect(await lookUpAccount(other, { accountNumber: '00012345678' })).toMatchObject({
      ok: true,
      found: true,
    });
  });

  it('credits an online deposit exactly once, even when its record is resent', async () => {
    const socket = await backend.connect(kioskAuth());
    const { account_ref: accountRef } = account(backend, '00012345678');
    const deposit = depositData({ accountRef });
    const batch = { records: [cashRecord(1, 'cash.deposit', deposit)] };
    expect(await sendBatch(socket, batch)).toMatchObject({ ok: true, highWaterMark: 1, rejected: [] });
    expect(account(backend, '00012345678').balance).toBe(10_000 + 9200);

    // The ack was lost: the same batch again is a duplicate, and credits nothing.
    expect(await sendBatch(socket, batch)).toMatchObject({ ok: true, highWaterMark: 1, rejected: [] });
    // The same deposit under a new seq (a kiosk bug) is rejected, and credits nothing.
    const again = await sendBatch(socket, { records: [cashRecord(2, 'cash.deposit', deposit)] });
    expect(again).toMatchObject({
      highWaterMark: 2,
      rejected: [{ seq: 2, reason: 'deposit already recorded by seq 1' }],
    });
    expect(account(backend, '00012345678').balance).toBe(10_000 + 9200);

    const { body, text } = await deposits(backend);
    expect(body.deposits).toEqual([
      expect.objectContaining({
        depositId: deposit.depositId,
        seq: 1,
        total: 9200,
        currency: 'EUR',
        notes: deposit.notes,
        coins: deposit.coins,
        accountMasked: '•••• 5678',
        status: 'credited',
        unmatchedReason: null,
        completedAt: deposit.completedAt,
      }),
    ]);
    expect(text).not.toContain('00012345678');
    expect(text).not.toContain(accountRef);
  });

  it('credits a deposit captured offline to the account with the typed number', async () => {
    const socket = await backend.connect(kioskAuth());
    const deposit = depositData({
      accountNumber: '00087654321',
      capturedOffline: true,
      ending: 'interrupted',
    });
    expect(await sendBatch(socket, { records: [cashRecord(1, 'cash.deposit', deposit)] })).toMatchObject({
      rejected: [],
    });
    expect(account(backend, '00087654321').balance).toBe(9200);
    expect((await deposits(backend)).body.deposits[0]).toMatchObject({
      accountMasked: '•••• 4321',
      capturedOffline: true,
      ending: 'interrupted',
      status: 'credited',
    });
  });

  it('keeps a deposit it cannot credit as unmatched, with the reason, crediting nobody', async () => {
    const socket = await backend.connect(kioskAuth());
    const unknownNumber = depositData({ accountNumber: '12121212', capturedOffline: true });
    const otherCurrency = depositData({ accountNumber: '55500011122', capturedOffline: true });
    const badTotal = depositData({ accountNumber: '00087654321', total: 9300 });
    const unknownRef = depositData({ accountRef: 'ref-that-does-not-exist' });
    const records = [unknownNumber, otherCurrency, badTotal, unknownRef].map((data, i) =>
      cashRecord(i + 1, 'cash.deposit', data),
    );
    expect(await sendBatch(socket, { records })).toMatchObject({ highWaterMark: 4, rejected: [] });

    const balances = queryRows<{ balance: number }>(
      backend.dbPath,
      'SELECT balance FROM accounts ORDER BY account_number',
    );
    expect(balances.map((row) => row.balance)).toEqual([10_000, 0, 0]);
    const listed = (await deposits(backend)).body.deposits;
    expect(listed.map((d) => [d.status, d.unmatchedReason, d.accountMasked, d.total])).toEqual([
      ['unmatched', 'no account has this reference', null, 9200],
      ['unmatched', 'the total (9300) is not what the notes and coins add up to', '•••• 4321', 9300],
      ['unmatched', 'the account is in USD, the deposit in EUR', '•••• 1122', 9200],
      ['unmatched', 'no account has this number', '•••• 1212', 9200],
    ]);
  });

  it('stores an exchange with what was expected, what was counted and the difference', async () => {
    const socket = await backend.connect(kioskAuth());
    const exchange = exchangeData({
      device: 'billValidator',
      kind: 'empty',
      expected: { '2000': 3 },
      counted: { '2000': 2 },
    });
    expect(await sendBatch(socket, { records: [cashRecord(1, 'cash.exchange', exchange)] })).toMatchObject({
      rejected: [],
    });
    expect(
      queryRows(
        backend.dbPath,
        'SELECT kiosk_id, exchange_id, device, kind, expected_json, counted_json, difference FROM cash_exchanges',
      ),
    ).toEqual([
      {
        kiosk_id: KIOSK.kioskId,
        exchange_id: exchange.exchangeId,
        device: 'billValidator',
        kind: 'empty',
        expected_json: '{"2000":3}',
        counted_json: '{"2000":2}',
        difference: -2000,
      },
    ]);
    const twice = await sendBatch(socket, { records: [cashRecord(2, 'cash.exchange', exchange)] });
    expect(twice).toMatchObject({ rejected: [{ seq: 2, reason: 'exchange already recorded by seq 1' }] });
    const badKeys = await sendBatch(socket, {
      records: [cashRecord(3, 'cash.exchange', exchangeData({ counted: { ten: 1 } }))],
    });
    expect(badKeys).toMatchObject({ ok: true, rejected: [{ seq: 3 }] });
  });

  it('shows the cash of the last heartbeat in the fleet, and forgets it when a heartbeat has none', async () => {
    const socket = await backend.connect(kioskAuth());
    const cash = { currency: 'EUR', cashbox: { '2000': 3 }, hopper: { '100': 2 }, alerts: ['hopperLow'] };
    expect(await socket.timeout(5000).emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ cash }))).toMatchObject(
      { ok: true },
    );
    expect((await backend.fleetKiosk()).cash).toEqual(cash);
    const page = await (await fetch(`${backend.url}/fleet`, { headers: AUTH })).text();
    expect(page).toContain('<li>Cashbox: 60.00 EUR — 3 × 20.00</li>');
    expect(page).toContain('<li>Hopper: 2 coins, 2.00 EUR — 2 × 1.00</li>');
    expect(page).toContain('<li class="cash-alert">Alerts: hopperLow</li>');
    expect(page).toContain('href="/api/fleet/kiosks/kiosk-centro/deposits"');

    await socket.timeout(5000).emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect((await backend.fleetKiosk()).cash).toBeNull();
    expect((await backend.fleetKiosk(SECOND_KIOSK.kioskId)).cash).toBeNull();
  });

  it('keeps the deposits list behind the operator login, per registered kiosk', async () => {
    expect((await fetch(`${backend.url}/api/fleet/kiosks/kiosk-centro/deposits`)).status).toBe(401);
    expect(
      (await fetch(`${backend.url}/api/fleet/kiosks/kiosk-nowhere/deposits`, { headers: AUTH })).status,
    ).toBe(404);
    expect(
      (
        await fetch(`${backend.url}/api/fleet/kiosks/kiosk-centro/deposits`, {
          method: 'POST',
          headers: AUTH,
        })
      ).status,
    ).toBe(405);
    expect((await deposits(backend, SECOND_KIOSK.kioskId)).body.deposits).toEqual([]);
  });

  it('keeps account references and balances across restarts with the same accounts file', async () => {
    const socket = await backend.connect(kioskAuth());
    const before = account(backend, '00012345678');
    const deposit = depositData({ accountRef: before.account_ref });
    await sendBatch(socket, { records: [cashRecord(1, 'cash.deposit', deposit)] });
    await backend.close();

    const renamed = ACCOUNTS.map((seed) =>
      seed.accountNumber === '00012345678' ? { ...seed, holderName: 'ANNA E' } : seed,
    );
    const restarted = await startTestBackend({ dbPath: backend.dbPath, accounts: renamed });
    try {
      expect(account(restarted, '00012345678')).toEqual({
        account_ref: before.account_ref,
        balance: 10_000 + 9200,
      });
      const again = await restarted.connect(kioskAuth());
      expect(await lookUpAccount(again, { accountNumber: '00012345678' })).toMatchObject({
        accountRef: before.account_ref,
        holderNameMasked: 'A*** E',
      });
    } finally {
      await restarted.stop();
    }
  });
});
