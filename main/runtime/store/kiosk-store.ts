import type { DeviceStatus, Language, ReceiptOutcome } from '../../../contracts/index.ts';
import { openDatabase, type SqliteDatabase } from '../../../platform/sqlite.ts';
import { KIOSK_MIGRATIONS } from './migrations.ts';

/**
 * The kiosk's local SQLite store. It keeps no personal data: a session row holds its id, times,
 * language and how it ended — nothing the customer typed or showed.
 */
export type SessionOutcome = 'finished' | 'cancelled' | 'timedOut';

export interface KioskStore {
  sessionStarted(id: string, startedAt: Date): void;
  sessionEnded(
    id: string,
    outcome: SessionOutcome,
    details: { language: Language | null; receipt: ReceiptOutcome | null },
  ): void;
  deviceChanged(status: DeviceStatus): void;
  recentDeviceEvents(limit: number): Array<{ at: string; device: string; state: string; ready: boolean }>;
  close(): void;
}

export function openKioskStore(path: string): KioskStore {
  const db: SqliteDatabase = openDatabase(path, KIOSK_MIGRATIONS);
  const insertSession = db.prepare('INSERT OR IGNORE INTO sessions (id, started_at) VALUES (?, ?)');
  const endSession = db.prepare(
    'UPDATE sessions SET ended_at = ?, outcome = ?, language = ?, receipt = ? WHERE id = ? AND ended_at IS NULL',
  );
  const insertDeviceEvent = db.prepare(
    'INSERT INTO device_events (at, device, state, ready, message) VALUES (?, ?, ?, ?, ?)',
  );
  const selectDeviceEvents = db.prepare(
    'SELECT at, device, state, ready FROM device_events ORDER BY seq DESC LIMIT ?',
  );
  return {
    sessionStarted: (id, startedAt) => {
      insertSession.run(id, startedAt.toISOString());
    },
    sessionEnded: (id, outcome, { language, receipt }) => {
      const stored = receipt === 'printing' ? null : receipt;
      endSession.run(new Date().toISOString(), outcome, language, stored, id);
    },
    deviceChanged: (status) => {
      insertDeviceEvent.run(status.since, status.device, status.state, status.ready ? 1 : 0, status.message);
    },
    recentDeviceEvents: (limit) =>
      (
        selectDeviceEvents.all(limit) as Array<{ at: string; device: string; state: string; ready: number }>
      ).map((row) => ({ ...row, ready: row.ready === 1 })),
    close: () => db.close(),
  };
}
