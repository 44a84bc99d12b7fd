import type { Socket } from 'socket.io-client';
import { SYNC_EVENTS, SYNC_LIMITS, SyncAck } from '../contracts/index.ts';
import type { SyncStore } from '../main/runtime/sync/sync-client.ts';

/**
 * The baseline of the drain benchmark: the obvious client that sends one record and awaits its ack
 * before the next, marking each row synced as its ack arrives. Same protocol, same backend.
 */
export async function naiveDrain(
  socket: Socket,
  store: SyncStore,
  deadlineMs: number,
): Promise<{ sent: number; finished: boolean }> {
  const deadline = performance.now() + deadlineMs;
  const hello = SyncAck.parse(await socket.timeout(5_000).emitWithAck(SYNC_EVENTS.hello, {}));
  if (!hello.ok) throw new Error(`hello refused: ${hello.error.code}`);
  let next = hello.highWaterMark + 1;
  let sent = 0;
  while (performance.now() < deadline) {
    const [record] = store.pendingRecords(next - 1, { maxRecords: 1, maxBytes: SYNC_LIMITS.maxBytes });
    if (!record) return { sent, finished: true };
    const ack = SyncAck.parse(
      await socket.timeout(5_000).emitWithAck(SYNC_EVENTS.batch, { records: [record] }),
    );
    if (!ack.ok) throw new Error(`record ${record.seq} refused: ${ack.error.code}`);
    store.markSynced(ack.highWaterMark);
    next = ack.resendFrom ?? ack.highWaterMark + 1;
    sent += 1;
  }
  return { sent, finished: false };
}
