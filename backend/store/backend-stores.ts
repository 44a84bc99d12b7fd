import type { SqliteDatabase } from '../../platform/sqlite.ts';
import { type AccountApplicationStore, createAccountApplicationStore } from './account-application-store.ts';
import { type AccountStore, createAccountStore } from './account-store.ts';
import { type AuthNonceStore, createAuthNonceStore } from './auth-nonce-store.ts';
import { type CardMailRequestStore, createCardMailRequestStore } from './card-mail-request-store.ts';
import { type CardOrderStore, createCardOrderStore } from './card-order-store.ts';
import { type CardStore, createCardStore } from './card-store.ts';
import { type CashExchangeStore, createCashExchangeStore } from './cash-exchange-store.ts';
import { type CashLevelsStore, createCashLevelsStore } from './cash-levels-store.ts';
import { createDepositStore, type DepositStore } from './deposit-store.ts';
import { createDeviceStatusStore, type DeviceStatusStore } from './device-status-store.ts';
import { createKioskStore, type KioskStore } from './kiosk-store.ts';
import { createPresenceStore, type PresenceStore } from './presence-store.ts';
import { createSecretStore, type SecretStore } from './secret-store.ts';
import { createServiceModeStore, type ServiceModeStore } from './service-mode-store.ts';
import { createSyncBacklogStore, type SyncBacklogStore } from './sync-backlog-store.ts';
import { createSyncRecordStore, type SyncRecordStore } from './sync-record-store.ts';

/** Every store of the backend over one database. */
export interface BackendStores {
  db: SqliteDatabase;
  kiosks: KioskStore;
  authNonces: AuthNonceStore;
  presence: PresenceStore;
  deviceStatus: DeviceStatusStore;
  serviceMode: ServiceModeStore;
  syncRecords: SyncRecordStore;
  syncBacklog: SyncBacklogStore;
  cashLevels: CashLevelsStore;
  accounts: AccountStore;
  deposits: DepositStore;
  cashExchanges: CashExchangeStore;
  cardOrders: CardOrderStore;
  cards: CardStore;
  cardMailRequests: CardMailRequestStore;
  secrets: SecretStore;
  accountApplications: AccountApplicationStore;
}

export function createBackendStores(db: SqliteDatabase): BackendStores {
  return {
    db,
    kiosks: createKioskStore(db),
    authNonces: createAuthNonceStore(db),
    presence: createPresenceStore(db),
    deviceStatus: createDeviceStatusStore(db),
    serviceMode: createServiceModeStore(db),
    syncRecords: createSyncRecordStore(db),
    syncBacklog: createSyncBacklogStore(db),
    cashLevels: createCashLevelsStore(db),
    accounts: createAccountStore(db),
    deposits: createDepositStore(db),
    cashExchanges: createCashExchangeStore(db),
    cardOrders: createCardOrderStore(db),
    cards: createCardStore(db),
    cardMailRequests: createCardMailRequestStore(db),
    secrets: createSecretStore(db),
    accountApplications: createAccountApplicationStore(db),
  };
}
