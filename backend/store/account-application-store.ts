import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** An account application pre-filled in the bank's app, waiting for the customer at a kiosk. */
export interface AccountApplication {
  applicationRef: string;
  /** The pre-filled data, sealed with the application data key (db/sealed-value.ts). */
  prefillSealed: string;
  status: 'open' | 'completed' | 'cancelled';
  createdAt: string;
  expiresAt: string;
}

export interface AccountApplicationStore {
  insert(application: AccountApplication): void;
  findByRef(applicationRef: string): AccountApplication | undefined;
}

interface Row {
  application_ref: string;
  prefill_sealed: string;
  status: AccountApplication['status'];
  created_at: string;
  expires_at: string;
}

export function createAccountApplicationStore(db: SqliteDatabase): AccountApplicationStore {
  const insertStatement = db.prepare(
    `INSERT INTO account_applications (application_ref, prefill_sealed, status, created_at, expires_at)
     VALUES (@applicationRef, @prefillSealed, @status, @createdAt, @expiresAt)`,
  );
  const byRef = db.prepare<[string], Row>('SELECT * FROM account_applications WHERE application_ref = ?');
  return {
    insert: (application) => {
      insertStatement.run(application);
    },
    findByRef: (applicationRef) => {
      const row = byRef.get(applicationRef);
      return (
        row && {
          applicationRef: row.application_ref,
          prefillSealed: row.prefill_sealed,
          status: row.status,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      );
    },
  };
}
