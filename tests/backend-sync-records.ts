import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import type { DeviceActionInDoubt, SessionEnded } from '../contracts/business-records.ts';
import { SYNC_EVENTS, type SyncAck, type SyncRecord } from '../contracts/sync-protocol.ts';

/** Records and helpers of the sync tests: what a kiosk's outbox would send. */

export function sessionEndedData(overrides: Partial<SessionEnded> = {}): SessionEnded {
  return {
    sessionId: randomUUID(),
    startedAt: '2026-01-05T10:00:00.000Z',
    endedAt: '2026-01-05T10:03:00.000Z',
    language: 'es',
    outcome: 'finished',
    receipt: 'printed',
    ...overrides,
  };
}

export function actionInDoubtData(overrides: Partial<DeviceActionInDoubt> = {}): DeviceActionInDoubt {
  return {
    intentSeq: 7,
    device: 'receiptPrinter',
    action: 'printReceipt',
    resolution: 'printedUnknown',
    deviceState: 'online',
    ...overrides,
  };
}

/** The idempotency key a kiosk would give record `seq`: stable across resends. */
export function keyOf(seq: number, kioskId = 'kiosk-centro'): string {
  return `${kioskId}-record-${String(seq).padStart(6, '0')}`;
}

export function sessionRecord(seq: number, overrides: Partial<SyncRecord> = {}): SyncRecord {
  return {
    seq,
    idempotencyKey: keyOf(seq),
    type: 'session.ended',
    occurredAt: '2026-01-05T10:03:00.000Z',
    data: sessionEndedData(),
    ...overrides,
  };
}

/** `session.ended` records `from`..`to`, each with its own session. */
export function sessionRecords(from: number, to: number, kioskId?: string): SyncRecord[] {
  const out: SyncRecord[] = [];
  for (let seq = from; seq <= to; seq++)
    out.push(sessionRecord(seq, { idempotencyKey: keyOf(seq, kioskId) }));
  return out;
}

export function sendBatch(socket: Socket, payload: unknown): Promise<SyncAck> {
  return socket.timeout(5000).emitWithAck(SYNC_EVENTS.batch, payload);
}

export function sendHello(socket: Socket): Promise<SyncAck> {
  return socket.timeout(5000).emitWithAck(SYNC_EVENTS.hello, {});
}

/**
 * Rows of `sql` in the backend's database, read through a separate connection. Not `readonly`:
 * after the backend has closed, a WAL database has no -shm file, which a read-only connection
 * cannot create.
 */
export function queryRows<Row>(dbPath: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

export function countRows(dbPath: string, table: string, kioskId?: string): number {
  const where = kioskId === undefined ? '' : ' WHERE kiosk_id = ?';
  const params = kioskId === undefined ? [] : [kioskId];
  return queryRows<{ n: number }>(dbPath, `SELECT count(*) AS n FROM ${table}${where}`, ...params)[0]!.n;
}
