import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_EVENTS, SYNC_LIMITS, type SyncAck } from '../contracts/sync-protocol.ts';
import { BACKEND_MIGRATIONS } from '../backend/db/migrations.ts';
import { createBackendStores } from '../backend/store/backend-stores.ts';
import { createRecordEffects } from '../backend/sync/record-effects.ts';
import { createSyncIngestion } from '../backend/sync/sync-ingestion.ts';
import { openDatabase } from '../platform/sqlite.ts';
import {
  KIOSK,
  kioskAuth,
  SECOND_KIOSK,
  seedOf,
  startTestBackend,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';
import {
  countRows,
  keyOf,
  sendBatch,
  sendHello,
  sessionRecord,
  sessionRecords,
} from './backend-sync-records.ts';

const started: TestBackend[] = [];
async function start(overrides: Parameters<typeof startTestBackend>[0] = {}): Promise<TestBackend> {
  const backend = await startTestBackend(overrides);
  started.push(backend);
  return backend;
}
afterEach(async () => {
  // Newest first: a restarted backend uses the database in its predecessor's directory.
  for (const backend of started.splice(0).reverse()) await backend.stop().catch(() => {});
});

function refusal(code: string) {
  return { ok: false, error: { code, message: expect.any(String) } };
}

describe('backend: sync refuses what it cannot ingest, and keeps serving', () => {
  it.each([
    ['a string', 'records'],
    ['null', null],
    ['a number', 42],
    ['an array', [sessionRecord(1)]],
    ['records that are a string', { records: 'x' }],
    ['no records', { records: [] }],
    ['a truncated record', { records: [{ seq: 1, idempotencyKey: keyOf(1) }] }],
    ['a record without data key or type', { records: [{ seq: 1 }] }],
    ['a record without data', { records: [{ ...sessionRecord(1), data: undefined }] }],
    ['seq 0', { records: [sessionRecord(0)] }],
    ['a fractional seq', { records: [sessionRecord(1.5)] }],
    ['a short idempotency key', { records: [sessionRecord(1, { idempotencyKey: 'k' })] }],
    ['a type that is not dotted camel case', { records: [sessionRecord(1, { type: 'DROP TABLE' })] }],
  ])(
    'answers %s with invalid-message, stores nothing, then applies a valid batch',
    async (_label, payload) => {
      const backend = await start();
      const socket = await backend.connect(kioskAuth());
      expect(await sendBatch(socket, payload)).toEqual(refusal('invalid-message'));
      expect(countRows(backend.dbPath, 'sync_records')).toBe(0);
      expect(await sendBatch(socket, { records: sessionRecords(1, 2) })).toMatchObject({
        ok: true,
        highWaterMark: 2,
      });
    },
  );

  it.each([
    ['decreasing', [2, 1]],
    ['repeated', [1, 1]],
    ['shuffled', [1, 3, 2]],
  ])('answers %s seqs with not-in-order and stores nothing', async (_label, seqs) => {
    const backend = await start();
    const socket = await backend.connect(kioskAuth());
    expect(await sendBatch(socket, { records: seqs.map((seq) => sessionRecord(seq)) })).toEqual(
      refusal('not-in-order'),
    );
    expect(countRows(backend.dbPath, 'sync_records')).toBe(0);
  });

  it('answers oversized batches with batch-too-large and applies the next valid batch', async () => {
    const backend = await start();
    const socket = await backend.connect(kioskAuth());
    const tooMany = { records: sessionRecords(1, SYNC_LIMITS.maxRecords + 1) };
    expect(await sendBatch(socket, tooMany)).toEqual(refusal('batch-too-large'));

    // 100 records of 3 KB: each within its own limit, together over the batch's.
    const padding = 'p'.repeat(3000);
    const tooBig = {
      records: sessionRecords(1, 100).map((r) => ({ ...r, data: { ...(r.data as object), padding } })),
    };
    expect(JSON.stringify(tooBig).length).toBeGreaterThan(SYNC_LIMITS.maxBytes);
    const big = await sendBatch(socket, tooBig);
    expect(big).toEqual(refusal('batch-too-large'));
    if (!big.ok) expect(big.error.message).toMatch(/bytes per batch/);

    const fatRecord = {
      records: [sessionRecord(1, { data: { blob: 'x'.repeat(SYNC_LIMITS.maxRecordBytes) } })],
    };
    const fat = await sendBatch(socket, fatRecord);
    expect(fat).toEqual(refusal('batch-too-large'));
    if (!fat.ok) expect(fat.error.message).toMatch(/^record seq 1 has \d+ bytes/);

    expect(countRows(backend.dbPath, 'sync_records')).toBe(0);
    expect(socket.connected).toBe(true);
    expect(await sendBatch(socket, { records: sessionRecords(1, 3) })).toMatchObject({
      ok: true,
      highWaterMark: 3,
    });
  });

  it('accepts a full batch of maxRecords records', async () => {
    const backend = await start();
    const socket = await backend.connect(kioskAuth());
    const started = Date.now();
    const ack = await sendBatch(socket, { records: sessionRecords(1, SYNC_LIMITS.maxRecords) });
    expect(ack).toEqual({ ok: true, highWaterMark: SYNC_LIMITS.maxRecords, rejected: [], resendFrom: null });
    expect(countRows(backend.dbPath, 'sessions')).toBe(SYNC_LIMITS.maxRecords);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('consumes a batch sent without an ack callback, and ignores extra arguments', async () => {
    const backend = await start();
    const socket = await backend.connect(kioskAuth());
    socket.emit(SYNC_EVENTS.batch, { records: sessionRecords(1, 2) });
    socket.emit(SYNC_EVENTS.batch, 'garbage');
    socket.emit(SYNC_EVENTS.batch);
    socket.emit(SYNC_EVENTS.hello);
    await waitUntil(
      async () => (await sendHello(socket)).ok && countRows(backend.dbPath, 'sync_records') === 2,
      2000,
      'the batch',
    );
    const ack: SyncAck = await socket
      .timeout(2000)
      .emitWithAck(SYNC_EVENTS.batch, { records: sessionRecords(3, 3) }, 'extra', { more: true });
    expect(ack).toMatchObject({ ok: true, highWaterMark: 3 });
    // A hello without a payload is a hello; one that is not an object is refused.
    expect(await socket.timeout(2000).emitWithAck(SYNC_EVENTS.hello)).toMatchObject({
      ok: true,
      highWaterMark: 3,
    });
    expect(await socket.timeout(2000).emitWithAck(SYNC_EVENTS.hello, 'hi')).toEqual(
      refusal('invalid-message'),
    );
  });
});

describe('backend: sync of several kiosks', () => {
  it('keeps a separate mark per kiosk when two kiosks sync at once', async () => {
    const backend = await start();
    const centro = await backend.connect(kioskAuth());
    const norte = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    const batches = (socket: typeof centro, kioskId: string, upTo: number) =>
      (async () => {
        for (let from = 1; from <= upTo; from += 10) {
          await sendBatch(socket, { records: sessionRecords(from, Math.min(from + 9, upTo), kioskId) });
        }
      })();
    await Promise.all([batches(centro, KIOSK.kioskId, 60), batches(norte, SECOND_KIOSK.kioskId, 35)]);
    expect(await sendHello(centro)).toMatchObject({ highWaterMark: 60 });
    expect(await sendHello(norte)).toMatchObject({ highWaterMark: 35 });
    expect(countRows(backend.dbPath, 'sync_records', KIOSK.kioskId)).toBe(60);
    expect(countRows(backend.dbPath, 'sessions', SECOND_KIOSK.kioskId)).toBe(35);
    // Seqs and idempotency keys are per kiosk: the same ones from another kiosk are new records.
    expect(
      await sendBatch(norte, { records: [sessionRecord(36, { idempotencyKey: keyOf(1) })] }),
    ).toMatchObject({
      highWaterMark: 36,
      rejected: [],
    });
    expect((await backend.fleetKiosk(SECOND_KIOSK.kioskId)).sync).toEqual({ highWaterMark: 36, rejected: 0 });
  });

  it('a kiosk cannot sync as another: the kiosk id comes from the authenticated socket', async () => {
    const backend = await start();
    const centro = await backend.connect(kioskAuth());
    const ack = await sendBatch(centro, {
      kioskId: SECOND_KIOSK.kioskId,
      records: sessionRecords(1, 2).map((r) => ({ ...r, kioskId: SECOND_KIOSK.kioskId })),
    });
    expect(ack).toMatchObject({ ok: true, highWaterMark: 2 });
    expect(countRows(backend.dbPath, 'sync_records', KIOSK.kioskId)).toBe(2);
    expect(countRows(backend.dbPath, 'sync_records', SECOND_KIOSK.kioskId)).toBe(0);
    const norte = await backend.connect(kioskAuth({}, SECOND_KIOSK));
    expect(await sendHello(norte)).toMatchObject({ highWaterMark: 0 });
  });

  it('keeps the marks, records and rejections across a restart', async () => {
    const first = await start();
    const socket = await first.connect(kioskAuth());
    await sendBatch(socket, {
      records: [...sessionRecords(1, 3), sessionRecord(4, { type: 'no.suchType' })],
    });
    await first.close();

    const second = await start({ dbPath: first.dbPath });
    const again = await second.connect(kioskAuth());
    expect(await sendHello(again)).toEqual({ ok: true, highWaterMark: 4, rejected: [], resendFrom: null });
    expect(await sendBatch(again, { records: sessionRecords(3, 5) })).toEqual({
      ok: true,
      highWaterMark: 5,
      rejected: [],
      resendFrom: null,
    });
    expect(countRows(second.dbPath, 'sessions')).toBe(4);
    expect((await second.fleetKiosk()).sync).toEqual({ highWaterMark: 5, rejected: 1 });
  });
});

describe('backend: one transaction per batch', () => {
  it('stores nothing of a batch when a failure of ours interrupts it, so the resend is consumed whole', () => {
    const db = openDatabase(':memory:', BACKEND_MIGRATIONS);
    try {
      const stores = createBackendStores(db);
      stores.kiosks.upsert({ ...seedOf(KIOSK), enabled: true });
      const effects = createRecordEffects(db, stores);
      let failAt: number | null = 3;
      const ingestion = createSyncIngestion(db, stores.syncRecords, (record, context) => {
        if (context.seq === failAt) throw new Error('disk I/O error');
        effects(record, context);
      });
      const batch = { records: sessionRecords(1, 5) };
      expect(() => ingestion.ingest(KIOSK.kioskId, batch)).toThrow('disk I/O error');
      expect(ingestion.hello(KIOSK.kioskId).highWaterMark).toBe(0);
      expect(db.prepare('SELECT count(*) AS n FROM sync_records').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });

      failAt = null;
      expect(ingestion.ingest(KIOSK.kioskId, batch)).toEqual({
        ok: true,
        highWaterMark: 5,
        rejected: [],
        resendFrom: null,
      });
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
    } finally {
      db.close();
    }
  });

  it('a constraint conflict in an effect rejects only that record', () => {
    const db = openDatabase(':memory:', BACKEND_MIGRATIONS);
    try {
      const stores = createBackendStores(db);
      stores.kiosks.upsert({ ...seedOf(KIOSK), enabled: true });
      const effects = createRecordEffects(db, stores);
      const ingestion = createSyncIngestion(db, stores.syncRecords, (record, context) => {
        effects(record, context);
        if (context.seq !== 2) return;
        // The same row twice: a UNIQUE violation, as a conflicting effect would raise.
        const insert = db.prepare(
          "INSERT INTO kiosk_auth_nonces (kiosk_id, nonce, expires_at) VALUES ('kiosk-centro', 'n', 1)",
        );
        insert.run();
        insert.run();
      });
      const ack = ingestion.ingest(KIOSK.kioskId, { records: sessionRecords(1, 3) });
      expect(ack).toMatchObject({ ok: true, highWaterMark: 3, rejected: [{ seq: 2 }] });
      if (ack.ok)
        expect(ack.rejected[0]!.reason).toMatch(/^conflicts with stored data: UNIQUE constraint failed/);
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 2 });
      const statuses = db.prepare('SELECT status FROM sync_records ORDER BY seq').all();
      expect(statuses).toEqual([{ status: 'applied' }, { status: 'rejected' }, { status: 'applied' }]);
      // The savepoint undid the rejected record's effects, its first insert included.
      expect(db.prepare('SELECT count(*) AS n FROM kiosk_auth_nonces').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
