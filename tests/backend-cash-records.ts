import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { CashDeposit, CashExchange } from '../contracts/business-records.ts';
import { ACCOUNT_LOOKUP_EVENT, type AccountLookupAck } from '../contracts/cash-deposit.ts';
import type { SyncRecord } from '../contracts/sync-protocol.ts';
import type { AccountSeed } from '../backend/store/seed-accounts.ts';
import { keyOf } from './backend-sync-records.ts';

/** Records and accounts of the backend cash tests. Names are made up. */

export const ACCOUNTS: AccountSeed[] = [
  { accountNumber: '00012345678', holderName: 'ANNA MARIA ERIKSSON', currency: 'EUR', balance: 10_000 },
  { accountNumber: '00087654321', holderName: 'Test Holder', currency: 'EUR' },
  { accountNumber: '55500011122', holderName: 'Dollar Account', currency: 'USD' },
];

export function depositData(overrides: Partial<CashDeposit> = {}): CashDeposit {
  return {
    depositId: randomUUID(),
    currency: 'EUR',
    accountRef: null,
    accountNumber: null,
    notes: { '5000': 1, '2000': 2 },
    coins: { '200': 1 },
    total: 9200,
    capturedOffline: false,
    ending: 'completed',
    completedAt: '2026-01-05T10:05:00.000Z',
    ...overrides,
  };
}

export function exchangeData(overrides: Partial<CashExchange> = {}): CashExchange {
  return {
    exchangeId: randomUUID(),
    device: 'coinHopper',
    kind: 'replenish',
    counted: { '100': 200 },
    expected: { '100': 12 },
    startedAt: '2026-01-05T09:00:00.000Z',
    endedAt: '2026-01-05T09:10:00.000Z',
    ...overrides,
  };
}

export function cashRecord(seq: number, type: 'cash.deposit' | 'cash.exchange', data: unknown): SyncRecord {
  return { seq, idempotencyKey: keyOf(seq), type, occurredAt: '2026-01-05T10:05:00.000Z', data };
}

export function lookUpAccount(socket: Socket, payload: unknown): Promise<AccountLookupAck> {
  return socket.timeout(5000).emitWithAck(ACCOUNT_LOOKUP_EVENT, payload);
}
