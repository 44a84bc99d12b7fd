import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_NAMESPACE, type SyncBacklog } from '../contracts/index.ts';
import { createSyncClient, type SyncClientOptions } from '../main/runtime/sync/sync-client.ts';
import type { SyncClient } from '../main/runtime/sync/types.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { type FakeSyncBackend, startFakeSyncBackend } from './support/sync-fake-backend.ts';
import { MemorySyncStore } from './support/sync-memory-store.ts';
import { connectSyncSocket } from './support/sync-socket.ts';

/** Small batches, a short ack timeout and short backoffs, so each fault costs milliseconds. */
const FAST = {
  ackTimeoutMs: 300,
  retry: { baseMs: 20, maxMs: 400 },
  pollMs: 60_000,
  limits: { maxRecords: 50, maxBytes: 256 * 1024, maxRecordBytes: 16 * 1024 },
};

interface Rig {
  backend: FakeSyncBackend;
  store: MemorySyncStore;
  socket: Socket;
  client: SyncClient;
  logLines: string[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connect(url: string): Socket {
  const socket = connectSyncSocket(url);
  cleanups.push(() => {
    socket.close();
  });
  return socket;
}

async function rig(
  options: { backend?: FakeSyncBackend; maxRecords?: number; client?: Partial<SyncClientOptions> } = {},
): Promise<Rig> {
  const backend = options.backend ?? (await startFakeSyncBackend({ maxRecords: options.maxRecords }));
  if (!options.backend) cleanups.push(() => backend.close());
  const store = new MemorySyncStore(() => backend.mark());
  const socket = connect(backend.url);
  const logger = createMemoryLogger('sync');
  const client = createSyncClient({ socket, store, logger, ...FAST, ...options.client });
  cleanups.push(() => client.stop());
  return { backend, store, socket, client, logLines: logger.lines };
}

/** Every committed sequence applied exactly once, in order, and every one marked synced. */
function expectExactlyOnce({ backend, store }: Rig) {
  const all = Array.from({ length: store.lastSeq }, (_, i) => i + 1);
  expect(backend.applied).toEqual(all);
  expect([...backend.appliedCount.values()].every((count) => count === 1)).toBe(true);
  expect(all.every((seq) => store.isSynced(seq))).toBe(true);
  expect(store.violations).toEqual([]);
}

function logged(lines: string[], message: string): Record<string, unknown>[] {
  return lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((l) => l.message === message);
}

describe('sync client against a protocol backend', () => {
  it('drains the outbox exactly once, in order, in bounded batches, one in flight', async () => {
    const r = await rig();
    r.store.commit(1_000);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.maxInFlight).toBe(1);
    expect(Math.max(...r.backend.batches.map((b) => b.count))).toBeLessThanOrEqual(50);
    expect(r.backend.duplicatesReceived).toBe(0);
    expect(r.client.backlog()).toMatchObject({
      pending: 0,
      highWaterMark: 1_000,
      oldestPendingSeconds: null,
    });
  });

  it('resumes from the backend mark, including records it consumed before the kiosk saw an ack', async () => {
    const backend = await startFakeSyncBackend();
    cleanups.push(() => backend.close());
    // A previous run sent 1..300 and crashed before it could mark them synced.
    backend.preload(Array.from({ length: 300 }, (_, i) => i + 1));
    const r = await rig({ backend });
    r.store.commit(500);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expect(r.backend.duplicatesReceived).toBe(0);
    expect(r.backend.batches[0]!.first).toBe(301);
    expect(r.store.marks[0]).toBe(300);
    expect(r.backend.applied).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(r.store.violations).toEqual([]);
  });

  it('resumes from the mark after every reconnect, while records keep coming', async () => {
    const r = await rig();
    for (let round = 0; round < 5; round++) {
      await waitFor(() => r.backend.hellos === round + 1);
      const batchesBefore = r.backend.batches.length;
      r.store.commit(120);
      r.client.nudge();
      await waitFor(() => r.backend.batches.length > batchesBefore);
      r.backend.disconnectAll();
    }
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.hellos).toBeGreaterThanOrEqual(5);
    expect(r.backend.maxInFlight).toBe(1);
  });

  it('sends a batch again when its ack is lost, and the backend skips what it already has', async () => {
    const r = await rig();
    r.backend.batchFaults.push({ kind: 'dropAck' });
    r.store.commit(120);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.maxInFlight).toBe(1);
    expect(logged(r.logLines, 'sync exchange failed')[0]).toMatchObject({
      failure: 'timeout',
      first: 1,
      last: 50,
    });
  });

  it('survives garbage acks without crashing, logs them and backs off', async () => {
    const r = await rig();
    const garbage = [
      null,
      'ok',
      42,
      { ok: true },
      { ok: true, highWaterMark: -1, rejected: [], resendFrom: null },
      { ok: 'yes', highWaterMark: 50, rejected: [], resendFrom: null },
      { ok: false, error: 'nope' },
      [{ ok: true, highWaterMark: 50, rejected: [], resendFrom: null }],
    ];
    for (const reply of garbage) r.backend.batchFaults.push({ kind: 'garbage', reply });
    r.backend.helloFaults.push({ kind: 'garbage', reply: { highWaterMark: 'lots' } });
    r.store.commit(600);
    r.client.nudge();
    expect(await r.client.drained(15_000)).toBe(true);
    expectExactlyOnce(r);
    expect(logged(r.logLines, 'backend sent a malformed sync acknowledgement')).toHaveLength(
      garbage.length + 1,
    );
    expect(r.backend.maxInFlight).toBe(1);
  });

  it('backs off exponentially with full jitter while refused, and starts again small after a success', async () => {
    const r = await rig({ client: { random: () => 0.5, retry: { baseMs: 10, maxMs: 80 } } });
    for (let i = 0; i < 6; i++) r.backend.batchFaults.push({ kind: 'refuse', code: 'internal' });
    r.store.commit(60);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    r.backend.batchFaults.push({ kind: 'refuse', code: 'internal' });
    r.store.commit(10);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);

    const backoffs = logged(r.logLines, 'sync backing off');
    expect(backoffs.map((b) => b.attempt)).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(backoffs.map((b) => b.ceilingMs)).toEqual([10, 20, 40, 80, 80, 80, 10]);
    expect(backoffs.map((b) => b.delayMs)).toEqual([5, 10, 20, 40, 40, 40, 5]);
    // The waits really happened: each refused batch came at least the drawn delay after the one before.
    const refusedAt = r.backend.batches.slice(0, 7).map((b) => b.at);
    for (let i = 1; i < 6; i++) {
      expect(refusedAt[i]! - refusedAt[i - 1]!).toBeGreaterThanOrEqual(
        (backoffs[i - 1]!.delayMs as number) - 2,
      );
    }
  });

  it('draws every delay between 0 and the ceiling', async () => {
    const draws = [0, 0.999, 0.25];
    const r = await rig({ client: { random: () => draws.shift() ?? 0.5 } });
    for (let i = 0; i < 3; i++) r.backend.batchFaults.push({ kind: 'refuse', code: 'internal' });
    r.store.commit(5);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    const backoffs = logged(r.logLines, 'sync backing off');
    expect(backoffs.map((b) => b.delayMs)).toEqual([0, 39, 20]);
  });

  it('treats an ack later than the timeout as lost and still delivers exactly once', async () => {
    const r = await rig();
    r.backend.batchFaults.push({ kind: 'delay', ms: 450 });
    r.store.commit(150);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(logged(r.logLines, 'sync exchange failed')[0]).toMatchObject({ failure: 'timeout' });
  });

  it('resumes after the backend drops the connection mid-batch, applied or not', async () => {
    const r = await rig();
    r.backend.batchFaults.push(
      { kind: 'disconnect', applyFirst: true },
      { kind: 'disconnect', applyFirst: false },
    );
    r.store.commit(300);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.maxInFlight).toBe(1);
    // A batch lost with the connection is sent smaller next time (it may have been too large).
    expect(r.backend.batches.slice(1, 3).map((b) => b.count)).toEqual([25, 12]);
  });

  it('continues from resendFrom when the backend consumed only part of a batch', async () => {
    const r = await rig();
    r.backend.batchFaults.push({ kind: 'partial', consume: 7 }, { kind: 'partial', consume: 0 });
    r.store.commit(200);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.batches.slice(0, 3).map((b) => b.first)).toEqual([1, 8, 8]);
    expect(r.backend.duplicatesReceived).toBe(0);
  });

  it('backs off when acks consume nothing, instead of spinning', async () => {
    const r = await rig();
    for (let i = 0; i < 4; i++) r.backend.batchFaults.push({ kind: 'stall' });
    r.store.commit(20);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(logged(r.logLines, 'backend acknowledged batches without consuming them')).toHaveLength(2);
  });

  it('shrinks a batch the backend refuses as too large until it fits', async () => {
    const r = await rig({ maxRecords: 20 });
    r.store.commit(100);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(r.backend.batches.slice(0, 3).map((b) => b.count)).toEqual([50, 25, 12]);
  });

  it('keeps going after the store fails a read', async () => {
    const r = await rig();
    r.store.failNextReads = 2;
    r.store.commit(40);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    expectExactlyOnce(r);
    expect(logged(r.logLines, 'sync step failed')).toHaveLength(2);
  });

  it('never logs record data', async () => {
    const r = await rig();
    r.backend.batchFaults.push({ kind: 'dropAck' }, { kind: 'refuse', code: 'internal' });
    r.store.commit(60);
    r.client.nudge();
    expect(await r.client.drained(10_000)).toBe(true);
    const text = r.logLines.join('\n');
    expect(text).not.toMatch(/session-|sessionId|startedAt/);
  });
});

describe('sync client scheduling and reporting', () => {
  it('is woken by nudge long before its next poll', async () => {
    const r = await rig({ client: { pollMs: 60_000 } });
    await waitFor(() => r.backend.hellos === 1);
    r.store.commit(3);
    const started = Date.now();
    r.client.nudge();
    expect(await r.client.drained(5_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('finds un-nudged commits by polling', async () => {
    const r = await rig({ client: { pollMs: 50 } });
    await waitFor(() => r.backend.hellos === 1);
    r.store.commit(3);
    // No nudge and no drained() (which wakes the sender): only the poll can find them.
    await waitFor(() => r.store.backlog().pending === 0);
    expectExactlyOnce(r);
  });

  it('reports the backlog after every change, and drained() answers false while the backend is away', async () => {
    const backend = await startFakeSyncBackend();
    const r = await rig({ backend });
    const seen: SyncBacklog[] = [];
    r.client.onBacklog((backlog) => seen.push(backlog));
    await waitFor(() => r.backend.hellos === 1);
    await backend.close();
    r.store.commit(30);
    r.client.nudge();
    await waitFor(() => seen.at(-1)?.pending === 30);
    expect(await r.client.drained(300)).toBe(false);
    expect(r.client.backlog()).toMatchObject({ pending: 30, highWaterMark: 0 });
    expect(r.client.backlog().oldestPendingSeconds).not.toBeNull();

    // The backend returns on the same port; the socket reconnects by itself and the client resumes.
    const again = await startFakeSyncBackend({ port: backend.port });
    cleanups.push(() => again.close());
    expect(await r.client.drained(10_000)).toBe(true);
    expect(again.applied).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(seen.at(-1)).toMatchObject({ pending: 0, highWaterMark: 30, oldestPendingSeconds: null });
  });

  it('starts on a socket that is not connected yet', async () => {
    const backend = await startFakeSyncBackend();
    cleanups.push(() => backend.close());
    const store = new MemorySyncStore(() => backend.mark());
    store.commit(10);
    const socket = io(`${backend.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], autoConnect: false });
    cleanups.push(() => {
      socket.close();
    });
    const client = createSyncClient({ socket, store, logger: createMemoryLogger('sync'), ...FAST });
    cleanups.push(() => client.stop());
    socket.connect();
    expect(await client.drained(5_000)).toBe(true);
    expect(backend.applied).toHaveLength(10);
  });

  it('stop() removes its listeners and sends nothing more', async () => {
    const r = await rig({ client: { pollMs: 20 } });
    await waitFor(() => r.backend.hellos === 1);
    const before = {
      connect: r.socket.listeners('connect').length,
      disconnect: r.socket.listeners('disconnect').length,
    };
    r.client.stop();
    expect(r.socket.listeners('connect')).toHaveLength(before.connect - 1);
    expect(r.socket.listeners('disconnect')).toHaveLength(before.disconnect - 1);
    r.store.commit(5);
    r.client.nudge();
    r.backend.disconnectAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.backend.batches).toHaveLength(0);
    expect(r.backend.hellos).toBe(1);
    expect(await r.client.drained(10)).toBe(false);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
