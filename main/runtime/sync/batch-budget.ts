import type { SyncRecord } from '../../../contracts/index.ts';

export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
  maxRecordBytes: number;
}

/** Bytes a record takes on the wire, as socket.io will serialize it (JSON, UTF-8). */
export function recordBytes(record: SyncRecord): number {
  return Buffer.byteLength(JSON.stringify(record), 'utf8');
}

/**
 * How large the next batch may be. It starts at the protocol's limits; a batch the backend refused as
 * too large, or that was lost with the connection, halves it (a batch beyond the backend's message
 * size makes socket.io drop the connection, and sending it again whole would fail forever); every
 * acknowledged batch doubles it back toward the limits.
 */
export class BatchBudget {
  private records: number;
  private bytes: number;

  constructor(private readonly limits: BatchLimits) {
    this.records = limits.maxRecords;
    this.bytes = limits.maxBytes;
  }

  current(): { maxRecords: number; maxBytes: number } {
    return { maxRecords: this.records, maxBytes: this.bytes };
  }

  shrink(): void {
    this.records = Math.max(1, Math.floor(this.records / 2));
    this.bytes = Math.max(this.limits.maxRecordBytes, Math.floor(this.bytes / 2));
  }

  grow(): void {
    this.records = Math.min(this.limits.maxRecords, this.records * 2);
    this.bytes = Math.min(this.limits.maxBytes, this.bytes * 2);
  }

  /**
   * Keeps the leading records that fit the budget (always at least the first, so one large record
   * cannot stall the queue; the backend consumes an oversized record as rejected). The store already
   * applies the limits; this is the check at the edge, where a wrong batch would cost a connection.
   */
  fit(records: readonly SyncRecord[]): { batch: SyncRecord[]; bytes: number; oversized: number[] } {
    const batch: SyncRecord[] = [];
    const oversized: number[] = [];
    let bytes = 0;
    for (const record of records.slice(0, this.records)) {
      const size = recordBytes(record);
      if (size > this.limits.maxRecordBytes) oversized.push(record.seq);
      if (batch.length > 0 && bytes + size > this.bytes) break;
      batch.push(record);
      bytes += size;
    }
    return { batch, bytes, oversized };
  }
}
