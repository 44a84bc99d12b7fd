import { type SyncAck, SyncBatch, SYNC_LIMITS } from '../../contracts/sync-protocol.ts';
import { summariseIssues } from './issue-summary.ts';

type SyncRefusal = Extract<SyncAck, { ok: false }>;

function refuse(code: SyncRefusal['error']['code'], message: string): SyncRefusal {
  return { ok: false, error: { code, message } };
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Decides whether a `kiosk:sync-batch` payload may be ingested, before any of it is stored:
 * size first (so an oversized batch gets `batch-too-large`, not a schema complaint, and the schema
 * never walks a huge payload), then shape, then order. The payload comes from the network: it may
 * be anything, including a value whose serialisation throws.
 */
export function screenBatch(payload: unknown): { ok: true; batch: SyncBatch } | SyncRefusal {
  const records = (payload as { records?: unknown } | null | undefined)?.records;
  if (Array.isArray(records) && records.length > SYNC_LIMITS.maxRecords) {
    return refuse('batch-too-large', `at most ${SYNC_LIMITS.maxRecords} records per batch`);
  }
  let bytes: number;
  try {
    bytes = jsonBytes(payload);
  } catch {
    return refuse('invalid-message', 'the batch is not serialisable JSON');
  }
  if (bytes > SYNC_LIMITS.maxBytes) {
    return refuse('batch-too-large', `at most ${SYNC_LIMITS.maxBytes} bytes per batch, got ${bytes}`);
  }
  const parsed = SyncBatch.safeParse(payload);
  if (!parsed.success) return refuse('invalid-message', summariseIssues(parsed.error));
  const batch = parsed.data;
  for (const [index, record] of batch.records.entries()) {
    const recordBytes = jsonBytes(record);
    if (recordBytes > SYNC_LIMITS.maxRecordBytes) {
      return refuse(
        'batch-too-large',
        `record seq ${record.seq} has ${recordBytes} bytes; at most ${SYNC_LIMITS.maxRecordBytes}`,
      );
    }
    const previous = batch.records[index - 1];
    if (previous && record.seq <= previous.seq) {
      return refuse(
        'not-in-order',
        `seq ${record.seq} follows seq ${previous.seq}; send seqs in increasing order`,
      );
    }
  }
  return { ok: true, batch };
}
