import type { Screen } from '../../contracts/session-view.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** Whether a kiosk holds a connection, and what it last told us about itself. */
export interface KioskPresence {
  kioskId: string;
  /** A socket of this kiosk is connected (it may still be silent: see `lastSeen`). */
  connected: boolean;
  connectedAt: string | null;
  /** Time of the last heartbeat received. */
  lastSeen: string | null;
  screen: Screen | null;
}

interface PresenceRow {
  kiosk_id: string;
  online: number;
  connected_at: string | null;
  last_seen: string | null;
  screen: string | null;
}

export interface PresenceStore {
  find(kioskId: string): KioskPresence | undefined;
  markConnected(kioskId: string, now?: Date): void;
  markDisconnected(kioskId: string): void;
  recordHeartbeat(kioskId: string, screen: Screen, now?: Date): void;
  /** After a restart no socket survives: every kiosk starts disconnected. */
  markAllDisconnected(): void;
}

export function createPresenceStore(db: SqliteDatabase): PresenceStore {
  const findStatement = db.prepare<[string], PresenceRow>('SELECT * FROM kiosk_presence WHERE kiosk_id = ?');
  const connectedStatement = db.prepare(
    `INSERT INTO kiosk_presence (kiosk_id, online, connected_at) VALUES (?, 1, ?)
     ON CONFLICT (kiosk_id) DO UPDATE SET online = 1, connected_at = excluded.connected_at`,
  );
  const disconnectedStatement = db.prepare('UPDATE kiosk_presence SET online = 0 WHERE kiosk_id = ?');
  const heartbeatStatement = db.prepare(
    `INSERT INTO kiosk_presence (kiosk_id, online, last_seen, screen) VALUES (@kioskId, 1, @now, @screen)
     ON CONFLICT (kiosk_id) DO UPDATE SET last_seen = excluded.last_seen, screen = excluded.screen`,
  );
  const allDisconnectedStatement = db.prepare('UPDATE kiosk_presence SET online = 0');
  return {
    find: (kioskId) => {
      const row = findStatement.get(kioskId);
      if (!row) return undefined;
      return {
        kioskId: row.kiosk_id,
        connected: row.online === 1,
        connectedAt: row.connected_at,
        lastSeen: row.last_seen,
        screen: row.screen as Screen | null,
      };
    },
    markConnected: (kioskId, now = new Date()) => {
      connectedStatement.run(kioskId, now.toISOString());
    },
    markDisconnected: (kioskId) => {
      disconnectedStatement.run(kioskId);
    },
    recordHeartbeat: (kioskId, screen, now = new Date()) => {
      heartbeatStatement.run({ kioskId, screen, now: now.toISOString() });
    },
    markAllDisconnected: () => {
      allDisconnectedStatement.run();
    },
  };
}
