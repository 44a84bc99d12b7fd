import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  basic,
  kioskAuth,
  OPERATOR_PASSWORD,
  startTestBackend,
  type TestBackend,
} from './backend-harness.ts';
import { ACCOUNTS, lookUpOrder, ORDERS } from './backend-card-records.ts';

const AUTH = { authorization: basic(OPERATOR_PASSWORD), 'content-type': 'application/json' };

describe('backend: card orders that need a teller approval', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({
      accounts: ACCOUNTS,
      cardOrders: [...ORDERS, { orderCode: 'T6G4K8PZ', accountNumber: '00012345678', tellerApproval: true }],
    });
  });
  afterEach(() => backend.stop());

  it('a seeded order carries its approval flag in the lookup; others carry false', async () => {
    const socket = await backend.connect(kioskAuth());
    expect(await lookUpOrder(socket, { orderCode: 'T6G4K8PZ' })).toMatchObject({
      found: true,
      tellerApproval: true,
    });
    expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({
      found: true,
      tellerApproval: false,
    });
  });

  it('POST /api/card-orders takes an optional tellerApproval flag and refuses a non-boolean one', async () => {
    const post = (body: unknown) =>
      fetch(`${backend.url}/api/card-orders`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
    const flagged = (await (await post({ accountNumber: '00087654321', tellerApproval: true })).json()) as {
      orderCode: string;
    };
    const plain = (await (await post({ accountNumber: '00087654321' })).json()) as { orderCode: string };
    expect((await post({ accountNumber: '00087654321', tellerApproval: 'yes' })).status).toBe(400);
    const socket = await backend.connect(kioskAuth());
    expect(await lookUpOrder(socket, { orderCode: flagged.orderCode })).toMatchObject({
      tellerApproval: true,
    });
    expect(await lookUpOrder(socket, { orderCode: plain.orderCode })).toMatchObject({
      tellerApproval: false,
    });
  });

  it('a re-seed changes the flag of an order still open', async () => {
    await backend.close();
    const again = await startTestBackend({
      dbPath: backend.dbPath,
      accounts: ACCOUNTS,
      cardOrders: [{ orderCode: 'K7Q2M9XD', accountNumber: '00012345678', tellerApproval: true }],
    });
    try {
      const socket = await again.connect(kioskAuth());
      expect(await lookUpOrder(socket, { orderCode: 'K7Q2M9XD' })).toMatchObject({ tellerApproval: true });
    } finally {
      await again.stop();
    }
  });
});
