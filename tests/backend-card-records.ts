import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import type {
  CardIssued,
  CardMailRequested,
  CardSpoiled,
  CardVoided,
} from '../contracts/business-records.ts';
import {
  CARD_ISSUE_EVENT,
  CARD_ORDER_LOOKUP_EVENT,
  type CardIssueAck,
  type CardIssueRequest,
  type CardOrderLookupAck,
  type IssuedCardData,
} from '../contracts/card-issuing.ts';
import { maskPan } from '../contracts/card-number.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import type { SyncRecord } from '../contracts/sync-protocol.ts';
import type { CardOrderSeed } from '../backend/store/seed-card-orders.ts';
import { ACCOUNTS } from './backend-cash-records.ts';
import type { TestBackend } from './backend-harness.ts';
import { keyOf, queryRows } from './backend-sync-records.ts';

/** Orders, records and helpers of the backend card tests. Names and codes are made up. */

export { ACCOUNTS };

export const ORDERS: CardOrderSeed[] = [
  { orderCode: 'K7Q2M9XD', accountNumber: '00012345678', deliveryAddress: 'Calle Falsa 1, 00001 Ejemplo' },
  { orderCode: 'P4T8W3HA', accountNumber: '00087654321', surname: 'Prueba', givenNames: 'Tomás' },
  { orderCode: 'B6N5R2EZ', accountNumber: '00087654321' },
];

export function lookUpOrder(socket: Socket, payload: unknown): Promise<CardOrderLookupAck> {
  return socket.timeout(5000).emitWithAck(CARD_ORDER_LOOKUP_EVENT, payload);
}

export function askForCard(socket: Socket, payload: unknown): Promise<CardIssueAck> {
  return socket.timeout(5000).emitWithAck(CARD_ISSUE_EVENT, payload);
}

export function issueRequest(orderRef: string, overrides: Partial<CardIssueRequest> = {}): CardIssueRequest {
  return { orderRef, attemptId: randomUUID(), attempt: 1, ...overrides };
}

/** The order's reference, as a kiosk learns it: by looking the code up. */
export async function orderRefOf(socket: Socket, orderCode: string): Promise<string> {
  const ack = await lookUpOrder(socket, { orderCode });
  if (!ack.ok || !ack.found) throw new Error(`order ${orderCode} not found`);
  return ack.orderRef;
}

/** Asks for a card and returns its data; fails the test when the backend does not approve. */
export async function issuedCard(socket: Socket, request: CardIssueRequest): Promise<IssuedCardData> {
  const ack = await askForCard(socket, request);
  if (!ack.ok || !ack.approved) throw new Error(`card not approved: ${JSON.stringify(ack)}`);
  return ack.card;
}

interface IssuedContext {
  request: CardIssueRequest;
  card: IssuedCardData;
}

export function cardIssuedData(
  { request, card }: IssuedContext,
  overrides: Partial<CardIssued> = {},
): CardIssued {
  return {
    attemptId: request.attemptId,
    orderRef: request.orderRef,
    cardId: card.cardId,
    panMasked: maskPan(card.pan),
    attempt: request.attempt,
    taken: true,
    detectedBy: 'flow',
    issuedAt: '2026-01-05T10:06:00.000Z',
    ...overrides,
  };
}

export function cardSpoiledData(
  { request, card }: IssuedContext,
  overrides: Partial<CardSpoiled> = {},
): CardSpoiled {
  return {
    attemptId: request.attemptId,
    orderRef: request.orderRef,
    cardId: card.cardId,
    panMasked: maskPan(card.pan),
    attempt: request.attempt,
    reason: 'encodingFailed',
    disposition: 'rejectBin',
    detectedBy: 'flow',
    spoiledAt: '2026-01-05T10:05:30.000Z',
    ...overrides,
  };
}

export function cardVoidedData(
  { request, card }: IssuedContext,
  overrides: Partial<CardVoided> = {},
): CardVoided {
  return {
    attemptId: request.attemptId,
    orderRef: request.orderRef,
    cardId: card.cardId,
    reason: 'printerUnavailable',
    voidedAt: '2026-01-05T10:05:10.000Z',
    ...overrides,
  };
}

export function mailRequestedData(overrides: Partial<CardMailRequested> = {}): CardMailRequested {
  return {
    requestId: randomUUID(),
    orderRef: null,
    orderCode: null,
    reason: 'offline',
    requestedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function cardRecord(
  seq: number,
  type: 'card.issued' | 'card.spoiled' | 'card.voided' | 'card.mailRequested',
  data: unknown,
  kioskId?: string,
): SyncRecord {
  return { seq, idempotencyKey: keyOf(seq, kioskId), type, occurredAt: '2026-01-05T10:06:00.000Z', data };
}

export function cardPrinterStatus(
  detail: DeviceStatus['detail'],
  overrides: Partial<DeviceStatus> = {},
): DeviceStatus {
  return {
    device: 'cardPrinter',
    state: 'online',
    ready: true,
    detail: { position: 'none', minorStates: '', ...detail },
    action: 'none',
    message: null,
    since: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

export interface CardRow {
  card_id: string;
  kiosk_id: string;
  attempt_id: string;
  attempt: number;
  status: string;
  pan_masked: string;
  last4: string;
  expiry: string;
  void_reason: string | null;
  spoil_reason: string | null;
  disposition: string | null;
  taken: number | null;
  outcome_seq: number | null;
}

export function cardRows(backend: TestBackend): CardRow[] {
  return queryRows<CardRow>(
    backend.dbPath,
    `SELECT card_id, kiosk_id, attempt_id, attempt, status, pan_masked, last4, expiry, void_reason,
            spoil_reason, disposition, taken, outcome_seq
     FROM cards ORDER BY created_at, rowid`,
  );
}

export function cardRow(backend: TestBackend, cardId: string): CardRow {
  const row = cardRows(backend).find((card) => card.card_id === cardId);
  if (!row) throw new Error(`card ${cardId} is not stored`);
  return row;
}

/** Changes the backend's database behind its back, as the bank's back office would. */
export function execute(dbPath: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

export function orderRow(backend: TestBackend, orderCode: string) {
  return queryRows<{ status: string; mail_requested_at: string | null }>(
    backend.dbPath,
    'SELECT status, mail_requested_at FROM card_orders WHERE order_code = ?',
    orderCode,
  )[0]!;
}
