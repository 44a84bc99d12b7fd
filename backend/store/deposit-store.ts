import type { CashDeposit } from '../../contracts/business-records.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

export type DepositStatus = 'credited' | 'unmatched';

/** One deposit as stored, the effect of a `cash.deposit` record. */
export interface StoredDeposit {
  kioskId: string;
  seq: number;
  deposit: CashDeposit;
  /** The account credited; null while unmatched. */
  accountRef: string | null;
  status: DepositStatus;
  unmatchedReason: string | null;
  receivedAt: string;
}

/** A deposit for the operator: the account number shows only its last four digits. */
export interface DepositSummary {
  depositId: string;
  seq: number;
  currency: string;
  total: number;
  notes: Record<string, number>;
  coins: Record<string, number>;
  /** e.g. `•••• 1234`; null when neither the account nor a typed number is known. */
  accountMasked: string | null;
  capturedOffline: boolean;
  ending: string;
  status: DepositStatus;
  unmatchedReason: string | null;
  completedAt: string;
  receivedAt: string;
}

export interface DepositStore {
  /** The seq that recorded this deposit of this kiosk, if any. */
  seqOf(kioskId: string, depositId: string): number | undefined;
  insert(deposit: StoredDeposit): void;
  /** The kiosk's deposits, newest first. */
  list(kioskId: string, limit: number): DepositSummary[];
}

interface DepositRow {
  deposit_id: string;
  seq: number;
  currency: string;
  total: number;
  notes_json: string;
  coins_json: string;
  number: string | null;
  captured_offline: number;
  ending: string;
  status: DepositStatus;
  unmatched_reason: string | null;
  completed_at: string;
  received_at: string;
}

/** Last four digits only: enough for the operator to tell deposits apart, not to use the number. */
export function maskAccountNumber(accountNumber: string | null): string | null {
  return accountNumber === null ? null : `•••• ${accountNumber.slice(-4)}`;
}

export function createDepositStore(db: SqliteDatabase): DepositStore {
  const seqStatement = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM deposits WHERE kiosk_id = ? AND deposit_id = ?',
  );
  const insertStatement = db.prepare(
    `INSERT INTO deposits
       (kiosk_id, deposit_id, seq, currency, account_ref, account_number, notes_json, coins_json, total,
        captured_offline, ending, completed_at, status, unmatched_reason, received_at)
     VALUES (@kioskId, @depositId, @seq, @currency, @accountRef, @accountNumber, @notesJson, @coinsJson, @total,
        @capturedOffline, @ending, @completedAt, @status, @unmatchedReason, @receivedAt)`,
  );
  const listStatement = db.prepare<[string, number], DepositRow>(
    `SELECT d.deposit_id, d.seq, d.currency, d.total, d.notes_json, d.coins_json,
            coalesce(a.account_number, d.account_number) AS number, d.captured_offline, d.ending,
            d.status, d.unmatched_reason, d.completed_at, d.received_at
     FROM deposits d LEFT JOIN accounts a ON a.account_ref = d.account_ref
     WHERE d.kiosk_id = ? ORDER BY d.seq DESC LIMIT ?`,
  );
  return {
    seqOf: (kioskId, depositId) => seqStatement.get(kioskId, depositId)?.seq,
    insert: ({ kioskId, seq, deposit, accountRef, status, unmatchedReason, receivedAt }) => {
      insertStatement.run({
        kioskId,
        seq,
        depositId: deposit.depositId,
        currency: deposit.currency,
        accountRef,
        accountNumber: deposit.accountNumber,
        notesJson: JSON.stringify(deposit.notes),
        coinsJson: JSON.stringify(deposit.coins),
        total: deposit.total,
        capturedOffline: deposit.capturedOffline ? 1 : 0,
        ending: deposit.ending,
        completedAt: deposit.completedAt,
        status,
        unmatchedReason,
        receivedAt,
      });
    },
    list: (kioskId, limit) =>
      listStatement.all(kioskId, limit).map((row) => ({
        depositId: row.deposit_id,
        seq: row.seq,
        currency: row.currency,
        total: row.total,
        notes: JSON.parse(row.notes_json) as Record<string, number>,
        coins: JSON.parse(row.coins_json) as Record<string, number>,
        accountMasked: maskAccountNumber(row.number),
        capturedOffline: row.captured_offline === 1,
        ending: row.ending,
        status: row.status,
        unmatchedReason: row.unmatched_reason,
        completedAt: row.completed_at,
        receivedAt: row.received_at,
      })),
  };
}
