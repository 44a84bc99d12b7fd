import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../../contracts/teller.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';

export interface AuditRecord {
  /** Null only for a failed login under a username no account has. */
  tellerId: string | null;
  username: string;
  action: AuditAction;
  callId?: string | null;
  kioskId?: string | null;
  /** The teller's own words or a short reason; never customer data. Cut to 600 characters. */
  detail?: string | null;
}

/** Whose entries: every teller's (supervisors) or one teller's own. */
export type AuditQuery = ({ all: true } | { tellerId: string }) & {
  callId?: string | null;
  /** Entries at most, 1–1000; default 100. */
  limit?: number;
};

export const AUDIT_QUERY_MAX = 1000;
const AUDIT_QUERY_DEFAULT = 100;
const DETAIL_MAX = 600;

export interface AuditLog {
  /**
   * Writes one entry. Throws when it cannot be stored: the audit log is a record the bank relies
   * on, so the caller must refuse the action it was about to take rather than take it unrecorded.
   */
  record(entry: AuditRecord): void;
  /** Entries newest first. */
  query(query: AuditQuery): AuditEntry[];
}

interface AuditRow {
  id: number;
  at: string;
  teller_id: string | null;
  username: string;
  action: string;
  call_id: string | null;
  kiosk_id: string | null;
  detail: string | null;
}

const KNOWN_ACTIONS = new Set<string>(AUDIT_ACTIONS);

export function createAuditLog(db: SqliteDatabase, now: () => Date = () => new Date()): AuditLog {
  const insert = db.prepare(
    `INSERT INTO teller_audit (at, teller_id, username, action, call_id, kiosk_id, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // One statement per shape keeps each query on its index; `@callId IS NULL` makes the call filter optional.
  const allEntries = db.prepare<[{ callId: string | null; limit: number }], AuditRow>(
    `SELECT * FROM teller_audit WHERE (@callId IS NULL OR call_id = @callId) ORDER BY id DESC LIMIT @limit`,
  );
  const ofTeller = db.prepare<[{ tellerId: string; callId: string | null; limit: number }], AuditRow>(
    `SELECT * FROM teller_audit WHERE teller_id = @tellerId AND (@callId IS NULL OR call_id = @callId)
     ORDER BY id DESC LIMIT @limit`,
  );
  return {
    record: (entry) => {
      if (!KNOWN_ACTIONS.has(entry.action)) throw new Error(`unknown audit action ${entry.action}`);
      insert.run(
        now().toISOString(),
        entry.tellerId,
        entry.username.slice(0, 64),
        entry.action,
        entry.callId ?? null,
        entry.kioskId ?? null,
        entry.detail == null ? null : entry.detail.slice(0, DETAIL_MAX),
      );
    },
    query: (query) => {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? AUDIT_QUERY_DEFAULT), 1), AUDIT_QUERY_MAX);
      const callId = query.callId ?? null;
      const rows =
        'tellerId' in query
          ? ofTeller.all({ tellerId: query.tellerId, callId, limit })
          : allEntries.all({ callId, limit });
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        tellerId: row.teller_id,
        username: row.username,
        action: row.action,
        callId: row.call_id,
        kioskId: row.kiosk_id,
        detail: row.detail,
      }));
    },
  };
}
