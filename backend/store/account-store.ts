import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** A bank account a deposit can be credited to. */
export interface Account {
  accountRef: string;
  accountNumber: string;
  holderName: string;
  /** Minor units. */
  balance: number;
  currency: string;
}

export interface AccountStore {
  findByNumber(accountNumber: string): Account | undefined;
  findByRef(accountRef: string): Account | undefined;
  /**
   * Adds the account, or updates its holder and currency. The reference is made once, when the
   * number is first seen, so kiosks holding it keep working across restarts; the opening balance
   * applies only then, so a restart never undoes credited deposits.
   */
  upsert(seed: { accountNumber: string; holderName: string; currency: string; balance: number }): Account;
  /** Adds `amount` to the balance; false when no account has that reference. */
  credit(accountRef: string, amount: number): boolean;
}

interface AccountRow {
  account_ref: string;
  account_number: string;
  holder_name: string;
  balance: number;
  currency: string;
}

export function createAccountStore(db: SqliteDatabase): AccountStore {
  const columns = 'account_ref, account_number, holder_name, balance, currency';
  const byNumber = db.prepare<[string], AccountRow>(
    `SELECT ${columns} FROM accounts WHERE account_number = ?`,
  );
  const byRef = db.prepare<[string], AccountRow>(`SELECT ${columns} FROM accounts WHERE account_ref = ?`);
  const insertStatement = db.prepare(
    `INSERT INTO accounts (account_ref, account_number, holder_name, balance, currency)
     VALUES (@accountRef, @accountNumber, @holderName, @balance, @currency)
     ON CONFLICT (account_number) DO UPDATE SET
       holder_name = excluded.holder_name, currency = excluded.currency`,
  );
  const creditStatement = db.prepare('UPDATE accounts SET balance = balance + ? WHERE account_ref = ?');
  const toAccount = (row: AccountRow | undefined): Account | undefined =>
    row && {
      accountRef: row.account_ref,
      accountNumber: row.account_number,
      holderName: row.holder_name,
      balance: row.balance,
      currency: row.currency,
    };
  return {
    findByNumber: (accountNumber) => toAccount(byNumber.get(accountNumber)),
    findByRef: (accountRef) => toAccount(byRef.get(accountRef)),
    upsert: (seed) => {
      insertStatement.run({ accountRef: randomUUID(), ...seed });
      return toAccount(byNumber.get(seed.accountNumber))!;
    },
    credit: (accountRef, amount) => creditStatement.run(amount, accountRef).changes === 1,
  };
}
