import type { Durability, SyncBacklog, SyncRecord } from '../../../contracts/index.ts';

/**
 * The kiosk's durable local record: an append-only, hash-chained electronic journal and the
 * transactional outbox that feeds exactly-once sync. The local store is the source of truth: a
 * record exists once `record()` returns, whatever happens to the process, the network or the backend.
 */

export interface JournalEntry {
  /** Per-kiosk journal sequence: 1, 2, 3 … without gaps. */
  seq: number;
  /** ISO time of the commit. */
  at: string;
  type: string;
  data: unknown;
  /** Hex SHA-256 of the previous entry (64 zeros for the first). */
  prevHash: string;
  /** Hex SHA-256 over (seq, at, type, canonical data, prevHash). */
  hash: string;
}

export type JournalVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

export interface RecordRequest {
  type: string;
  data: unknown;
  /** `moneyOrCard` commits with synchronous=FULL: on return it is on disk, even across power loss. */
  durability: Durability;
  /** Also put it in the outbox for the backend (a business record), in the same transaction. */
  sync: boolean;
}

export interface RecordReceipt {
  journalSeq: number;
  /** Outbox sequence (the per-kiosk sync sequence), or null when not synced. */
  outboxSeq: number | null;
  idempotencyKey: string | null;
}

/** A device action recorded before it happens; its outcome is recorded after. */
export interface DeviceIntent {
  journalSeq: number;
  device: string;
  action: string;
  /** Why and for whom: e.g. `{ sessionId }`. Never personal data. */
  context: Record<string, unknown>;
  at: string;
}

export interface JournalStore {
  /**
   * Appends a journal entry (and its outbox row when `sync`) in one transaction. `alongside`, when
   * given, runs first inside that same transaction, on the same database: the caller's own writes
   * (cash counts, say) and the entry then commit together, with the entry's durability, or not at
   * all — if either throws, both roll back.
   */
  record(request: RecordRequest, alongside?: () => void): RecordReceipt;
  /** Journals the intent of a device action with synchronous=FULL, before the action starts. */
  recordIntent(intent: { device: string; action: string; context: Record<string, unknown> }): DeviceIntent;
  /** Journals the outcome of an intent; `outcome` is a short code (e.g. `printed`, `failed`). */
  recordOutcome(intent: DeviceIntent, outcome: string, details?: Record<string, unknown>): void;
  /** Intents with no outcome: at start-up, each is in doubt and goes to recovery. */
  openIntents(): DeviceIntent[];

  /** Unsynced outbox records from `afterSeq` (exclusive), in order, within the limits. */
  pendingRecords(afterSeq: number, limits: { maxRecords: number; maxBytes: number }): SyncRecord[];
  /** The backend has consumed everything up to `highWaterMark`: mark those rows synced. */
  markSynced(highWaterMark: number): void;
  backlog(now?: Date): SyncBacklog;

  verify(): JournalVerification;
  search(query: {
    type?: string;
    from?: string;
    to?: string;
    limit: number;
    beforeSeq?: number;
  }): JournalEntry[];
  close(): void;
}

/** Journal entry types the store itself writes. */
export const JOURNAL_ENTRY_TYPES = {
  deviceIntent: 'device.intent',
  deviceOutcome: 'device.outcome',
} as const;
