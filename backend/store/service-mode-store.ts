import type { ServiceMode } from '../../contracts/backend-protocol.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** A kiosk nobody has taken out of service is in service. */
export const DEFAULT_SERVICE_MODE: ServiceMode = { inService: true, reason: null };

interface ServiceModeRow {
  in_service: number;
  reason: string | null;
}

export interface ServiceModeStore {
  get(kioskId: string): ServiceMode;
  /** `changedBy` names who decided (e.g. `operator`), kept for the record. */
  set(kioskId: string, mode: ServiceMode, changedBy: string, now?: Date): void;
}

export function createServiceModeStore(db: SqliteDatabase): ServiceModeStore {
  const getStatement = db.prepare<[string], ServiceModeRow>(
    'SELECT in_service, reason FROM service_mode WHERE kiosk_id = ?',
  );
  const setStatement = db.prepare(
    `INSERT INTO service_mode (kiosk_id, in_service, reason, changed_at, changed_by)
     VALUES (@kioskId, @inService, @reason, @changedAt, @changedBy)
     ON CONFLICT (kiosk_id) DO UPDATE SET in_service = excluded.in_service, reason = excluded.reason,
       changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
  );
  return {
    get: (kioskId) => {
      const row = getStatement.get(kioskId);
      return row ? { inService: row.in_service === 1, reason: row.reason } : { ...DEFAULT_SERVICE_MODE };
    },
    set: (kioskId, mode, changedBy, now = new Date()) => {
      setStatement.run({
        kioskId,
        inService: mode.inService ? 1 : 0,
        reason: mode.reason,
        changedAt: now.toISOString(),
        changedBy,
      });
    },
  };
}
