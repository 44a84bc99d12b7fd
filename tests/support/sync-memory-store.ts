import { randomUUID } from 'node:crypto';
import type { SessionEnded, SyncBacklog, SyncRecord } from '../../contracts/index.ts';
import type { SyncStore } from '../../main/runtime/sync/sync-client.ts';

interface OutboxRow {
  record: SyncRecord;
  committedAt: number;
  synced: boolean;
}

/**
 * The outbox part of the journal store, in memory, for the sync client's unit tests. It keeps the
 * store's contract (pending rows in order from a sequence, within the limits; `markSynced` up to a
 * mark) and checks the client's: `ackedMark` says what the backend has acknowledged, and a
 * `markSynced` beyond it is recorded as a violation.
 */
export class MemorySyncStore implements SyncStore {
  private readonly rows: OutboxRow[] = [];
  private syncedMark = 0;
  readonly violations: string[] = [];
  /** Every `markSynced` call, in order. */
  readonly marks: number[] = [];
  /** When set, the next calls to `pendingRecords` throw, as a busy or closed database would. */
  failNextReads = 0;

  constructor(private readonly ackedMark: () => number = () => Number.POSITIVE_INFINITY) {}

  /** Commits `count` session records and returns their sequences. */
  commit(count: number): number[] {
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) {
      const seq = this.rows.length + 1;
      this.rows.push({ record: sessionRecord(seq), committedAt: Date.now(), synced: false });
      seqs.push(seq);
    }
    return seqs;
  }

  get lastSeq(): number {
    return this.rows.length;
  }

  pendingRecords(afterSeq: number, limits: { maxRecords: number; maxBytes: number }): SyncRecord[] {
    if (this.failNextReads > 0) {
      this.failNextReads -= 1;
      throw new Error('SQLITE_BUSY: database is locked');
    }
    const out: SyncRecord[] = [];
    let bytes = 0;
    for (const row of this.rows.slice(Math.max(0, afterSeq))) {
      if (row.synced) continue;
      const size = Buffer.byteLength(JSON.stringify(row.record));
      if (out.length >= limits.maxRecords || (out.length > 0 && bytes + size > limits.maxBytes)) break;
      out.push(row.record);
      bytes += size;
    }
    return out;
  }

  markSynced(highWaterMark: number): void {
    this.marks.push(highWaterMark);
    if (highWaterMark > this.ackedMark()) {
      this.violations.push(`markSynced(${highWaterMark}) beyond the backend's mark ${this.ackedMark()}`);
    }
    for (const row of this.rows.slice(0, highWaterMark)) row.synced = true;
    this.syncedMark = Math.max(this.syncedMark, Math.min(highWaterMark, this.rows.length));
  }

  backlog(now = new Date()): SyncBacklog {
    const pending = this.rows.filter((row) => !row.synced);
    const oldest = pending[0];
    return {
      pending: pending.length,
      oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.committedAt) / 1000) : null,
      highWaterMark: this.syncedMark,
    };
  }

  /** seq → idempotency key of every committed record. */
  outbox(): Map<number, string> {
    return new Map(this.rows.map((row) => [row.record.seq, row.record.idempotencyKey]));
  }

  isSynced(seq: number): boolean {
    return this.rows[seq - 1]?.synced ?? false;
  }
}

export function sessionRecord(seq: number): SyncRecord {
  const at = new Date().toISOString();
  const data: SessionEnded = {
    sessionId: randomUUID(),
    startedAt: at,
    endedAt: at,
    language: 'es',
    outcome: 'finished',
    receipt: 'printed',
  };
  return { seq, idempotencyKey: `session-${data.sessionId}`, type: 'session.ended', occurredAt: at, data };
}
