import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import type { SessionEnded } from '../contracts/index.ts';
import { signKioskToken } from '../main/runtime/backend/kiosk-token.ts';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import type { JournalStore } from '../main/runtime/journal/types.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { createSyncClient, type SyncExchange } from '../main/runtime/sync/sync-client.ts';
import { createLogger } from '../platform/log.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { MemorySyncStore } from '../tests/support/sync-memory-store.ts';
import {
  exactlyOnceProblems,
  makeSyncKiosks,
  readKioskOutbox,
  type SyncKiosk,
} from '../tests/support/sync-real-backend.ts';
import { connectSyncSocket } from '../tests/support/sync-socket.ts';
import { startBackendProcess } from './sync-backend-process.ts';
import { naiveDrain } from './sync-naive-client.ts';
import { latencyLine, machineSummary } from './sync-machine.ts';

/**
 * Drain benchmarks against the real backend in its own process, on loopback:
 * 1. one kiosk drains 10,000 queued records with the sync client (target ≤ 5 s, exactly once);
 *    baseline: a naive client that awaits one ack per record, same backend, same run;
 * 2. 200 simulated kiosks (each its own socket and signed token, seeded with its own key pair)
 *    drain into the backend at once: records/s and p99 ack latency.
 *
 * `node --import tsx bench/sync-drain.ts [--records 10000] [--kiosks 200] [--per-kiosk 1000]`
 */
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    kiosks: { type: 'string', default: '200' },
    'per-kiosk': { type: 'string', default: '1000' },
    'naive-deadline-ms': { type: 'string', default: '60000' },
  },
});
const RECORDS = Number(values.records);
const FLEET = Number(values.kiosks);
const PER_KIOSK = Number(values['per-kiosk']);
const NAIVE_DEADLINE_MS = Number(values['naive-deadline-ms']);
const quiet = createLogger('bench-sync', { level: 'error' });

function kioskSocket(url: string, kiosk: SyncKiosk): Socket {
  const privateKey = createPrivateKey(kiosk.privateKey);
  return connectSyncSocket(url, (deliver) => deliver(signKioskToken(kiosk.kioskId, privateKey, '0.1.0')));
}

function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect within 30 s')), 30_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function queueSessions(store: JournalStore, count: number): void {
  for (let i = 0; i < count; i++) {
    const at = new Date().toISOString();
    const data: SessionEnded = {
      sessionId: randomUUID(),
      startedAt: at,
      endedAt: at,
      language: 'es',
      outcome: 'finished',
      receipt: 'printed',
    };
    store.record({ type: 'session.ended', data, durability: 'normal', sync: true });
  }
}

function openKioskStore(dir: string, name: string): { store: JournalStore; dbPath: string } {
  const dbPath = join(dir, `${name}.sqlite`);
  return { store: openJournalStore(openDatabase(dbPath, KIOSK_MIGRATIONS)), dbPath };
}

function verdict(problems: string[]): string {
  return problems.length === 0 ? 'exactly once' : `NOT exactly once: ${problems.slice(0, 3).join('; ')}`;
}

const kiosks = makeSyncKiosks(FLEET + 2, 'kiosk-bench');
const [batchedKiosk, naiveKiosk] = kiosks;
const fleet = kiosks.slice(2);
if (!batchedKiosk || !naiveKiosk) throw new Error('no kiosks');
const dir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-sync-'));
const backend = await startBackendProcess(kiosks);
console.log(`machine: ${machineSummary()}`);
console.log(`backend: backend/main.ts as its own process (pid ${backend.pid}), ${backend.url}`);

try {
  // 1a. The sync client drains 10,000 queued records.
  const batched = openKioskStore(dir, 'batched');
  queueSessions(batched.store, RECORDS);
  const batchedSocket = kioskSocket(backend.url, batchedKiosk);
  await connected(batchedSocket);
  const batchLatencies: number[] = [];
  const batchSizes: number[] = [];
  const started = performance.now();
  const client = createSyncClient({
    socket: batchedSocket,
    store: batched.store,
    logger: quiet,
    onExchange: (e: SyncExchange) => {
      if (e.event === 'kiosk:sync-batch' && e.outcome === 'acked') {
        batchLatencies.push(e.latencyMs);
        batchSizes.push(e.records);
      }
    },
  });
  const drained = await client.drained(120_000);
  const batchedMs = performance.now() - started;
  client.stop();
  batchedSocket.close();
  batched.store.close();
  const batchedCheck = exactlyOnceProblems(
    backend.rows(batchedKiosk.kioskId),
    readKioskOutbox(batched.dbPath),
  );

  // 1b. The naive client, same backend, same number of records (bounded by a deadline).
  const naive = openKioskStore(dir, 'naive');
  queueSessions(naive.store, RECORDS);
  const naiveSocket = kioskSocket(backend.url, naiveKiosk);
  await connected(naiveSocket);
  const naiveStarted = performance.now();
  const naiveResult = await naiveDrain(naiveSocket, naive.store, NAIVE_DEADLINE_MS);
  const naiveMs = performance.now() - naiveStarted;
  naiveSocket.close();
  const naiveRows = backend.rows(naiveKiosk.kioskId);
  const naiveOutbox = readKioskOutbox(naive.dbPath);
  naive.store.close();
  // When the deadline cut it short, only the records it sent are compared.
  const naiveSentOutbox = new Map([...naiveOutbox].filter(([seq]) => seq <= naiveResult.sent));
  const naiveCheck = exactlyOnceProblems(naiveRows, naiveSentOutbox);
  const naiveRate = naiveResult.sent / (naiveMs / 1000);
  const naiveFullMs = naiveResult.finished ? naiveMs : (RECORDS / naiveRate) * 1000;

  console.log(`\n== Drain ${RECORDS} queued records to the backend on loopback (one kiosk)`);
  console.log(
    `   measured: ${Math.round(batchedMs)} ms, ${Math.round(RECORDS / (batchedMs / 1000))} records/s, drained=${drained}, ${verdict(batchedCheck)}`,
  );
  console.log(
    `   target:   ≤ 5000 ms, exactly once (${batchedMs <= 5000 && drained && batchedCheck.length === 0 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `   batches:  ${batchSizes.length} (max ${Math.max(...batchSizes)} records), ack latency ${latencyLine(batchLatencies)}`,
  );
  console.log(
    `   baseline: naive client, one ack per record: ${naiveResult.finished ? '' : `cut at ${NAIVE_DEADLINE_MS} ms after `}${naiveResult.sent} records in ${Math.round(naiveMs)} ms, ${Math.round(naiveRate)} records/s, ${verdict(naiveCheck)}` +
      (naiveResult.finished ? '' : `; ${RECORDS} would take ≈ ${Math.round(naiveFullMs)} ms`),
  );
  console.log(`   ratio:    naive / sync client = ${(naiveFullMs / batchedMs).toFixed(1)}× the time`);

  // 2. A fleet drains at once.
  const stores = fleet.map(() => {
    const store = new MemorySyncStore();
    store.commit(PER_KIOSK);
    return store;
  });
  const sockets = fleet.map((kiosk) => kioskSocket(backend.url, kiosk));
  const connectStarted = performance.now();
  await Promise.all(sockets.map(connected));
  const connectMs = performance.now() - connectStarted;
  const fleetLatencies: number[] = [];
  let failures = 0;
  const fleetStarted = performance.now();
  const clients = sockets.map((socket, i) =>
    createSyncClient({
      socket,
      store: stores[i]!,
      logger: quiet,
      onExchange: (e) => {
        if (e.event !== 'kiosk:sync-batch') return;
        if (e.outcome === 'acked') fleetLatencies.push(e.latencyMs);
        else failures += 1;
      },
    }),
  );
  const allDrained = await Promise.all(clients.map((c) => c.drained(120_000)));
  const fleetMs = performance.now() - fleetStarted;
  for (const c of clients) c.stop();
  for (const s of sockets) s.close();
  const fleetProblems = fleet.flatMap((kiosk, i) =>
    exactlyOnceProblems(backend.rows(kiosk.kioskId), stores[i]!.outbox()).map(
      (p) => `${kiosk.kioskId}: ${p}`,
    ),
  );
  const total = FLEET * PER_KIOSK;
  const fleetRate = total / (fleetMs / 1000);
  const singleRate = RECORDS / (batchedMs / 1000);

  console.log(`\n== ${FLEET} simulated kiosks draining into one backend process at once`);
  console.log(
    `   measured: ${total} records (${PER_KIOSK} per kiosk) in ${Math.round(fleetMs)} ms = ${Math.round(fleetRate)} records/s; ` +
      `drained ${allDrained.filter(Boolean).length}/${FLEET}; ${verdict(fleetProblems)}`,
  );
  console.log(
    `   ack latency per batch: ${latencyLine(fleetLatencies)} over ${fleetLatencies.length} batches; failed exchanges ${failures}`,
  );
  console.log(
    `   connect: ${FLEET} sockets with signed tokens in ${Math.round(connectMs)} ms (not in the drain time)`,
  );
  console.log(
    `   baseline: one kiosk alone (above) ${Math.round(singleRate)} records/s; ratio fleet / single = ${(fleetRate / singleRate).toFixed(2)}×`,
  );
  console.log(
    `   note: the ${FLEET} kiosks run in this one process with in-memory outboxes; the backend is the process under load`,
  );
} finally {
  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
}
