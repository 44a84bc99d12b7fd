import type { Logger } from '../../platform/log.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';
import { createTellerAccounts, type TellerAccounts } from './accounts/teller-accounts.ts';
import type { TellerSeed } from './accounts/teller-seed.ts';
import { type AuditLog, createAuditLog } from './audit/audit-log.ts';
import { type CallbackStore, createCallbackStore } from './callbacks/callback-store.ts';

/** The video teller's stores over the backend database: accounts and sessions, audit, callbacks. */
export interface TellerServices {
  accounts: TellerAccounts;
  audit: AuditLog;
  callbacks: CallbackStore;
}

/** Builds the teller stores and seeds the configured tellers (hashing their passwords: async). */
export async function createTellerServices(
  db: SqliteDatabase,
  options: {
    /** identityKeys(...).tellerCallbacks. */
    callbackKey: Buffer;
    tellers: readonly TellerSeed[];
    logger: Logger;
  },
): Promise<TellerServices> {
  const audit = createAuditLog(db);
  const accounts = createTellerAccounts(db, { audit, logger: options.logger });
  await accounts.seed(options.tellers);
  return { accounts, audit, callbacks: createCallbackStore(db, options.callbackKey) };
}
