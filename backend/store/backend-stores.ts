import type { SqliteDatabase } from '../../platform/sqlite.ts';
import { createDeviceStatusStore, type DeviceStatusStore } from './device-status-store.ts';
import { createKioskStore, type KioskStore } from './kiosk-store.ts';
import { createPresenceStore, type PresenceStore } from './presence-store.ts';
import { createServiceModeStore, type ServiceModeStore } from './service-mode-store.ts';

/** Every store of the backend over one database. */
export interface BackendStores {
  db: SqliteDatabase;
  kiosks: KioskStore;
  presence: PresenceStore;
  deviceStatus: DeviceStatusStore;
  serviceMode: ServiceModeStore;
}

export function createBackendStores(db: SqliteDatabase): BackendStores {
  return {
    db,
    kiosks: createKioskStore(db),
    presence: createPresenceStore(db),
    deviceStatus: createDeviceStatusStore(db),
    serviceMode: createServiceModeStore(db),
  };
}
