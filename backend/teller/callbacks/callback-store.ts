import { randomUUID } from 'node:crypto';
import type { CallTopic } from '../../../contracts/teller.ts';
import type { Language } from '../../../contracts/language.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import { openSealedValue, sealValue } from '../../db/sealed-value.ts';

export interface CallbackRequestInput {
  kioskId: string;
  language: Language;
  topic: CallTopic;
  /** As CallbackPhone validated it; sealed before it is stored. */
  phone: string;
  callId: string;
}

/** A callback request as supervisors see it, phone number opened. */
export interface CallbackEntry {
  callbackId: string;
  kioskId: string;
  callId: string;
  language: Language;
  topic: CallTopic;
  phone: string;
  status: 'open' | 'done';
  requestedAt: string;
}

export const CALLBACK_LIST_MAX = 1000;

export interface CallbackStore {
  /**
   * Stores the request and returns its id. Recording the same call twice (a retried message)
   * returns the first request's id. Throws when it cannot be stored: the kiosk must then not tell
   * the customer they will be called.
   */
  record(input: CallbackRequestInput): string;
  /** Newest first, at most `limit` (1–1000). */
  list(limit: number): CallbackEntry[];
  /** Requests still open. */
  count(): number;
  /** Marks a request handled; false when there is no open one with this id. */
  markDone(callbackId: string): boolean;
}

interface CallbackRow {
  callback_id: string;
  kiosk_id: string;
  call_id: string;
  language: Language;
  topic: CallTopic;
  phone_sealed: string;
  status: 'open' | 'done';
  requested_at: string;
}

/** Customers' callback requests; the phone number is stored only sealed (db/sealed-value.ts). */
export function createCallbackStore(
  db: SqliteDatabase,
  /** identityKeys(...).tellerCallbacks. */
  key: Buffer,
  now: () => Date = () => new Date(),
): CallbackStore {
  const insert = db.prepare(
    `INSERT INTO teller_callbacks (callback_id, kiosk_id, call_id, language, topic, phone_sealed, requested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING`,
  );
  const byCall = db.prepare<[string], { callback_id: string }>(
    'SELECT callback_id FROM teller_callbacks WHERE call_id = ?',
  );
  const newest = db.prepare<[number], CallbackRow>(
    'SELECT * FROM teller_callbacks ORDER BY requested_at DESC, rowid DESC LIMIT ?',
  );
  const open = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM teller_callbacks WHERE status = 'open'",
  );
  const done = db.prepare(
    "UPDATE teller_callbacks SET status = 'done' WHERE callback_id = ? AND status = 'open'",
  );
  return {
    record: (input) => {
      const callbackId = randomUUID();
      insert.run(
        callbackId,
        input.kioskId,
        input.callId,
        input.language,
        input.topic,
        sealValue(key, callbackId, input.phone),
        now().toISOString(),
      );
      return byCall.get(input.callId)!.callback_id;
    },
    list: (limit) =>
      newest.all(Math.min(Math.max(Math.trunc(limit), 1), CALLBACK_LIST_MAX)).map((row) => ({
        callbackId: row.callback_id,
        kioskId: row.kiosk_id,
        callId: row.call_id,
        language: row.language,
        topic: row.topic,
        phone: openSealedValue(key, row.callback_id, row.phone_sealed),
        status: row.status,
        requestedAt: row.requested_at,
      })),
    count: () => open.get()!.n,
    markDone: (callbackId) => done.run(callbackId).changes === 1,
  };
}
