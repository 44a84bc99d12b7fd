import { DeviceDetail, type DeviceStatus } from '../../contracts/devices/status.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

interface DeviceStatusRow {
  device: string;
  state: string;
  ready: number;
  detail_json: string;
  action: string;
  message: string | null;
  since: string;
}

function toStatus(row: DeviceStatusRow): DeviceStatus {
  // The JSON was validated before it was stored; parse defensively all the same, so one bad row
  // (a hand edit, an old version) shows as empty detail instead of breaking the fleet page.
  const detail = DeviceDetail.safeParse(JSON.parse(row.detail_json));
  return {
    device: row.device as DeviceStatus['device'],
    state: row.state as DeviceStatus['state'],
    ready: row.ready === 1,
    detail: detail.success ? detail.data : {},
    action: row.action as DeviceStatus['action'],
    message: row.message,
    since: row.since,
  };
}

export interface DeviceStatusStore {
  list(kioskId: string): DeviceStatus[];
  /** Stores the given devices' statuses and leaves the kiosk's other devices as they were. */
  update(kioskId: string, statuses: readonly DeviceStatus[], now?: Date): void;
  /** Makes `statuses` the kiosk's whole device list: devices not in it are forgotten. */
  replaceAll(kioskId: string, statuses: readonly DeviceStatus[], now?: Date): void;
}

export function createDeviceStatusStore(db: SqliteDatabase): DeviceStatusStore {
  const listStatement = db.prepare<[string], DeviceStatusRow>(
    'SELECT * FROM device_status WHERE kiosk_id = ? ORDER BY device',
  );
  const upsertStatement = db.prepare(
    `INSERT INTO device_status (kiosk_id, device, state, ready, detail_json, action, message, since, updated_at)
     VALUES (@kioskId, @device, @state, @ready, @detailJson, @action, @message, @since, @updatedAt)
     ON CONFLICT (kiosk_id, device) DO UPDATE SET
       state = excluded.state, ready = excluded.ready, detail_json = excluded.detail_json,
       action = excluded.action, message = excluded.message, since = excluded.since,
       updated_at = excluded.updated_at`,
  );
  const deleteAllStatement = db.prepare('DELETE FROM device_status WHERE kiosk_id = ?');

  const update = db.transaction((kioskId: string, statuses: readonly DeviceStatus[], now: Date) => {
    for (const status of statuses) {
      upsertStatement.run({
        kioskId,
        device: status.device,
        state: status.state,
        ready: status.ready ? 1 : 0,
        detailJson: JSON.stringify(status.detail),
        action: status.action,
        message: status.message,
        since: status.since,
        updatedAt: now.toISOString(),
      });
    }
  });
  const replaceAll = db.transaction((kioskId: string, statuses: readonly DeviceStatus[], now: Date) => {
    deleteAllStatement.run(kioskId);
    update(kioskId, statuses, now);
  });

  return {
    list: (kioskId) => listStatement.all(kioskId).map(toStatus),
    update: (kioskId, statuses, now = new Date()) => update(kioskId, statuses, now),
    replaceAll: (kioskId, statuses, now = new Date()) => replaceAll(kioskId, statuses, now),
  };
}
