import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEnded } from '../contracts/index.ts';
import { signKioskToken } from '../main/runtime/backend/kiosk-token.ts';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import type { JournalStore } from '../main/runtime/journal/types.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { createSyncClient } from '../main/runtime/sync/sync-client.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openDatabase } from '../platform/sqlite.ts';
import {
  exactlyOnceProblems,
  makeSyncKiosks,
  readKioskOutbox,
  SyncTestBackend,
} from './support/sync-real-backend.ts';
import { connectSyncSocket } from './support/sync-socket.ts';
import { CuttableProxy } from './support/sync-tcp-proxy.ts';

/**
 * The network fails during a drain of a few thousand records: the backend is closed and started
 * again on the same port and database, the kiosk's socket is dropped by the backend, and the TCP
 * connection is reset mid-stream. At the end the backend holds each record exactly once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function commitSessions(store: JournalStore, count: number, offset: number): void {
  for (let i = 0; i < count; i++) {
    const at = new Date().toISOString();
    const data: SessionEnded = {
      sessionId: randomUUID(),
      startedAt: at,
      endedAt: at,
      language: 'en',
      outcome: 'finished',
      receipt: null,
    };
    const durability = (offset + i) % 3 === 0 ? 'moneyOrCard' : 'normal';
    store.record({ type: 'session.ended', data, durability, sync: true });
  }
}

describe('sync across network cuts', () => {
  it('ends with each record exactly once after backend restarts, server-side drops and TCP resets', async () => {
    const kiosk = makeSyncKiosks(1, 'kiosk-net')[0]!;
    const backend = new SyncTestBackend([kiosk]);
    cleanups.push(() => backend.dispose());
    await backend.start();
    const proxy = new CuttableProxy(() => backend.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());

    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-sync-net-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'kiosk.sqlite');
    const store = openJournalStore(openDatabase(dbPath, KIOSK_MIGRATIONS));
    cleanups.push(() => store.close());
    commitSessions(store, 4_000, 0);

    const privateKey = createPrivateKey(kiosk.privateKey);
    const auth = (deliver: (auth: object) => void) =>
      deliver(signKioskToken(kiosk.kioskId, privateKey, '0.1.0'));
    const socket = connectSyncSocket(proxy.url, auth);
    cleanups.push(() => {
      socket.close();
    });
    const logger = createMemoryLogger('sync');
    const client = createSyncClient({
      socket,
      store,
      logger,
      ackTimeoutMs: 1_000,
      retry: { baseMs: 20, maxMs: 300 },
      pollMs: 100,
      // Small batches: more of them, so the cuts land before, inside and after many.
      limits: { maxRecords: 10, maxBytes: 256 * 1024, maxRecordBytes: 16 * 1024 },
    });
    cleanups.push(() => client.stop());

    const done = { restarts: 0, kicks: 0, resets: 0 };
    const started = performance.now();
    for (let action = 0; action < 60 && client.backlog().pending > 0; action++) {
      await sleep(5 + Math.random() * 60);
      // More records arrive while the drain is under way, as sessions keep ending.
      commitSessions(store, 10, action);
      client.nudge();
      const roll = Math.random();
      if (roll < 0.3) {
        await backend.stop();
        await sleep(Math.random() * 200);
        await backend.start();
        done.restarts += 1;
      } else if (roll < 0.6) {
        // The backend drops the kiosk's socket when the same kiosk signs in again.
        const intruder = connectSyncSocket(backend.url, auth);
        await new Promise<void>((resolve) => {
          intruder.once('connect', () => resolve());
          setTimeout(resolve, 1_000);
        });
        intruder.close();
        done.kicks += 1;
      } else if (proxy.cutAll() > 0) {
        done.resets += 1;
      }
    }
    expect(await client.drained(30_000)).toBe(true);
    const elapsed = performance.now() - started;

    const lostInFlight = logger.lines.filter((line) => line.includes('"failure":"disconnected"')).length;
    const outbox = readKioskOutbox(dbPath);
    const rows = backend.rows(kiosk.kioskId);
    console.log(
      `sync-network: ${outbox.size} records, ${done.restarts} backend restarts, ${done.kicks} server-side drops, ` +
        `${done.resets} TCP resets, ${lostInFlight} exchanges lost in flight, drained in ${Math.round(elapsed)} ms`,
    );
    expect(exactlyOnceProblems(rows, outbox)).toEqual([]);
    expect(rows).toHaveLength(outbox.size);
    expect(done.restarts + done.kicks + done.resets).toBeGreaterThanOrEqual(20);
    expect(store.verify().ok).toBe(true);
  }, 90_000);
});
