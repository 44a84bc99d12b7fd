import type { SqliteDatabase } from '../../platform/sqlite.ts';

export type CardStatus = 'pending' | 'issued' | 'spoiled' | 'voided';
export const CARD_STATUSES: readonly CardStatus[] = ['pending', 'issued', 'spoiled', 'voided'];

/**
 * A card number the backend issued to a kiosk, as stored: never the number itself, only its
 * masked form, its last four digits and (in the table, never read back) its keyed hash.
 */
export interface StoredCard {
  cardId: string;
  orderRef: string;
  kioskId: string;
  attemptId: string;
  attempt: number;
  status: CardStatus;
  panMasked: string;
  last4: string;
  /** YYMM. */
  expiry: string;
  createdAt: string;
  updatedAt: string;
  /** The sync record that reported the outcome; null while pending or when the backend voided it. */
  outcomeSeq: number | null;
  /** The kiosk's time of the outcome. */
  outcomeAt: string | null;
  detectedBy: string | null;
  taken: boolean | null;
  spoilReason: string | null;
  disposition: string | null;
  voidReason: string | null;
}

export interface NewCard {
  cardId: string;
  orderRef: string;
  kioskId: string;
  attemptId: string;
  attempt: number;
  panMasked: string;
  last4: string;
  panHash: string;
  expiry: string;
  createdAt: string;
}

/** How a pending card ended. */
export interface CardOutcome {
  status: Exclude<CardStatus, 'pending'>;
  seq: number | null;
  at: string | null;
  detectedBy?: string | null;
  taken?: boolean | null;
  spoilReason?: string | null;
  disposition?: string | null;
  voidReason?: string | null;
  updatedAt: string;
}

export interface CardStore {
  find(cardId: string): StoredCard | undefined;
  listByOrder(orderRef: string): StoredCard[];
  /** Every card issued to this attempt: more than one when the kiosk asked again. */
  listByAttempt(attemptId: string): StoredCard[];
  hasPanHash(panHash: string): boolean;
  insert(card: NewCard): void;
  /** Gives a pending card its outcome; false when the card was not pending. */
  recordOutcome(cardId: string, outcome: CardOutcome): boolean;
  counts(): Record<CardStatus, number>;
  /** The newest cards, newest first. */
  recent(limit: number): StoredCard[];
}

interface CardRow {
  card_id: string;
  order_ref: string;
  kiosk_id: string;
  attempt_id: string;
  attempt: number;
  status: CardStatus;
  pan_masked: string;
  last4: string;
  expiry: string;
  created_at: string;
  updated_at: string;
  outcome_seq: number | null;
  outcome_at: string | null;
  detected_by: string | null;
  taken: number | null;
  spoil_reason: string | null;
  disposition: string | null;
  void_reason: string | null;
}

function toCard(row: CardRow): StoredCard {
  return {
    cardId: row.card_id,
    orderRef: row.order_ref,
    kioskId: row.kiosk_id,
    attemptId: row.attempt_id,
    attempt: row.attempt,
    status: row.status,
    panMasked: row.pan_masked,
    last4: row.last4,
    expiry: row.expiry,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    outcomeSeq: row.outcome_seq,
    outcomeAt: row.outcome_at,
    detectedBy: row.detected_by,
    taken: row.taken === null ? null : row.taken === 1,
    spoilReason: row.spoil_reason,
    disposition: row.disposition,
    voidReason: row.void_reason,
  };
}

export function createCardStore(db: SqliteDatabase): CardStore {
  // Every column but pan_hash: the hash is for the uniqueness check only and never leaves the store.
  const columns = `card_id, order_ref, kiosk_id, attempt_id, attempt, status, pan_masked, last4, expiry,
    created_at, updated_at, outcome_seq, outcome_at, detected_by, taken, spoil_reason, disposition, void_reason`;
  const findStatement = db.prepare<[string], CardRow>(`SELECT ${columns} FROM cards WHERE card_id = ?`);
  const byOrder = db.prepare<[string], CardRow>(
    `SELECT ${columns} FROM cards WHERE order_ref = ? ORDER BY created_at, rowid`,
  );
  const byAttempt = db.prepare<[string], CardRow>(
    `SELECT ${columns} FROM cards WHERE attempt_id = ? ORDER BY created_at, rowid`,
  );
  const hashStatement = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM cards WHERE pan_hash = ?',
  );
  const insertStatement = db.prepare(
    `INSERT INTO cards (card_id, order_ref, kiosk_id, attempt_id, attempt, status, pan_masked, last4, pan_hash,
       expiry, created_at, updated_at)
     VALUES (@cardId, @orderRef, @kioskId, @attemptId, @attempt, 'pending', @panMasked, @last4, @panHash,
       @expiry, @createdAt, @createdAt)`,
  );
  const outcomeStatement = db.prepare(
    `UPDATE cards SET status = @status, outcome_seq = @seq, outcome_at = @at, detected_by = @detectedBy,
       taken = @taken, spoil_reason = @spoilReason, disposition = @disposition, void_reason = @voidReason,
       updated_at = @updatedAt
     WHERE card_id = @cardId AND status = 'pending'`,
  );
  const countStatement = db.prepare<[], { status: CardStatus; n: number }>(
    'SELECT status, count(*) AS n FROM cards GROUP BY status',
  );
  const recentStatement = db.prepare<[number], CardRow>(
    `SELECT ${columns} FROM cards ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  );
  return {
    find: (cardId) => {
      const row = findStatement.get(cardId);
      return row && toCard(row);
    },
    listByOrder: (orderRef) => byOrder.all(orderRef).map(toCard),
    listByAttempt: (attemptId) => byAttempt.all(attemptId).map(toCard),
    hasPanHash: (panHash) => hashStatement.get(panHash) !== undefined,
    insert: (card) => {
      insertStatement.run(card);
    },
    recordOutcome: (cardId, outcome) =>
      outcomeStatement.run({
        cardId,
        status: outcome.status,
        seq: outcome.seq,
        at: outcome.at,
        detectedBy: outcome.detectedBy ?? null,
        taken: outcome.taken === undefined || outcome.taken === null ? null : outcome.taken ? 1 : 0,
        spoilReason: outcome.spoilReason ?? null,
        disposition: outcome.disposition ?? null,
        voidReason: outcome.voidReason ?? null,
        updatedAt: outcome.updatedAt,
      }).changes === 1,
    counts: () => {
      const counts: Record<CardStatus, number> = { pending: 0, issued: 0, spoiled: 0, voided: 0 };
      for (const row of countStatement.all()) counts[row.status] = row.n;
      return counts;
    },
    recent: (limit) => recentStatement.all(limit).map(toCard),
  };
}
