import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import { heartbeat, KIOSK, kioskAuth, startTestBackend, type TestBackend } from './backend-harness.ts';
import {
  actionInDoubtData,
  countRows,
  keyOf,
  queryRows,
  sendBatch,
  sendHello,
  sessionEndedData,
  sessionRecord,
  sessionRecords,
} from './backend-sync-records.ts';

describe('backend: sync ingestion, exactly once per (kiosk, seq)', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend();
  });
  afterEach(() => backend.stop());

  it('answers a hello of a fresh kiosk with mark 0', async () => {
    const socket = await backend.connect(kioskAuth());
    expect(await sendHello(socket)).toEqual({ ok: true, highWaterMark: 0, rejected: [], resendFrom: null });
  });

  it('applies a batch 1..5 once: a resend is acknowledged and skipped', async () => {
    const socket = await backend.connect(kioskAuth());
    const batch = { records: sessionRecords(1, 5) };
    expect(await sendBatch(socket, batch)).toEqual({
      ok: true,
      highWaterMark: 5,
      rejected: [],
      resendFrom: null,
    });
    expect(countRows(backend.dbPath, 'sync_records')).toBe(5);
    expect(countRows(backend.dbPath, 'sessions')).toBe(5);

    // The ack was lost, say: the kiosk sends the same batch again.
    expect(await sendBatch(socket, batch)).toEqual({
      ok: true,
      highWaterMark: 5,
      rejected: [],
      resendFrom: null,
    });
    expect(countRows(backend.dbPath, 'sync_records')).toBe(5);
    expect(countRows(backend.dbPath, 'sessions')).toBe(5);
    const statuses = queryRows<{ seq: number; status: string; idempotency_key: string }>(
      backend.dbPath,
      'SELECT seq, status, idempotency_key FROM sync_records ORDER BY seq',
    );
    expect(statuses).toEqual(
      [1, 2, 3, 4, 5].map((seq) => ({ seq, status: 'applied', idempotency_key: keyOf(seq) })),
    );
    expect(await sendHello(socket)).toMatchObject({ highWaterMark: 5 });
    expect((await backend.fleetKiosk()).sync).toEqual({ highWaterMark: 5, rejected: 0 });
  });

  it('stores what a session.ended record says in sessions, and an action in doubt in incidents', async () => {
    const socket = await backend.connect(kioskAuth());
    const session = sessionEndedData({ outcome: 'timedOut', receipt: null, language: null });
    const ack = await sendBatch(socket, {
      records: [
        sessionRecord(1, { data: session }),
        {
          seq: 2,
          idempotencyKey: keyOf(2),
          type: 'device.actionInDoubt',
          occurredAt: '2026-01-05T11:00:00.000Z',
          data: actionInDoubtData(),
        },
      ],
    });
    expect(ack).toMatchObject({ ok: true, highWaterMark: 2, rejected: [] });
    expect(queryRows(backend.dbPath, 'SELECT * FROM sessions')).toEqual([
      {
        kiosk_id: KIOSK.kioskId,
        session_id: session.sessionId,
        seq: 1,
        started_at: session.startedAt,
        ended_at: session.endedAt,
        language: null,
        outcome: 'timedOut',
        receipt: null,
      },
    ]);
    expect(queryRows(backend.dbPath, 'SELECT * FROM incidents')).toEqual([
      {
        kiosk_id: KIOSK.kioskId,
        seq: 2,
        occurred_at: '2026-01-05T11:00:00.000Z',
        intent_seq: 7,
        device: 'receiptPrinter',
        action: 'printReceipt',
        resolution: 'printedUnknown',
        device_state: 'online',
      },
    ]);
  });

  it('a batch past the mark asks for a resend from mark + 1 and stores nothing', async () => {
    const socket = await backend.connect(kioskAuth());
    await sendBatch(socket, { records: sessionRecords(1, 5) });
    expect(await sendBatch(socket, { records: sessionRecords(8, 10) })).toEqual({
      ok: true,
      highWaterMark: 5,
      rejected: [],
      resendFrom: 6,
    });
    expect(countRows(backend.dbPath, 'sync_records')).toBe(5);
    expect(countRows(backend.dbPath, 'sessions')).toBe(5);
  });

  it('a batch overlapping the mark skips the old records, applies the new, and stops at a gap', async () => {
    const socket = await backend.connect(kioskAuth());
    await sendBatch(socket, { records: sessionRecords(1, 3) });
    const ack = await sendBatch(socket, { records: [...sessionRecords(2, 5), ...sessionRecords(7, 8)] });
    expect(ack).toEqual({ ok: true, highWaterMark: 5, rejected: [], resendFrom: 6 });
    expect(countRows(backend.dbPath, 'sync_records')).toBe(5);
  });

  it.each([
    [
      'an invalid session.ended payload',
      { data: { ...sessionEndedData(), outcome: 'exploded' } },
      /^invalid session\.ended: outcome/,
    ],
    ['a session.ended with null data', { data: null }, /^invalid session\.ended/],
    [
      'an unknown record type',
      { type: 'cash.dispensed', data: { amount: 10 } },
      /^unknown record type cash\.dispensed$/,
    ],
  ])(
    'stores %s as rejected, acknowledges it, and applies the next record',
    async (_label, change, reason) => {
      const socket = await backend.connect(kioskAuth());
      const ack = await sendBatch(socket, {
        records: [sessionRecord(1), sessionRecord(2, change), sessionRecord(3)],
      });
      expect(ack).toMatchObject({ ok: true, highWaterMark: 3, resendFrom: null });
      if (!ack.ok) return;
      expect(ack.rejected).toHaveLength(1);
      expect(ack.rejected[0]!.seq).toBe(2);
      expect(ack.rejected[0]!.reason).toMatch(reason);
      const rows = queryRows<{ seq: number; status: string; reason: string | null }>(
        backend.dbPath,
        'SELECT seq, status, reason FROM sync_records ORDER BY seq',
      );
      expect(rows.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
      expect(rows[1]!.reason).toBe(ack.rejected[0]!.reason);
      expect(countRows(backend.dbPath, 'sessions')).toBe(2);
      expect((await backend.fleetKiosk()).sync).toEqual({ highWaterMark: 3, rejected: 1 });

      // The rejected record is consumed: resending it changes nothing, and the queue moves on.
      expect(await sendBatch(socket, { records: [sessionRecord(2, change), sessionRecord(4)] })).toEqual({
        ok: true,
        highWaterMark: 4,
        rejected: [],
        resendFrom: null,
      });
      expect((await backend.fleetKiosk()).sync).toEqual({ highWaterMark: 4, rejected: 1 });
    },
  );

  it('rejects a record whose idempotency key this kiosk already used under another seq', async () => {
    const socket = await backend.connect(kioskAuth());
    await sendBatch(socket, { records: sessionRecords(1, 2) });
    const ack = await sendBatch(socket, {
      records: [sessionRecord(3, { idempotencyKey: keyOf(1) }), sessionRecord(4)],
    });
    expect(ack).toEqual({
      ok: true,
      highWaterMark: 4,
      rejected: [{ seq: 3, reason: 'duplicate idempotency key: already used by seq 1' }],
      resendFrom: null,
    });
    // Within one batch too.
    const same = await sendBatch(socket, {
      records: [
        sessionRecord(5, { idempotencyKey: 'shared-key-0001' }),
        sessionRecord(6, { idempotencyKey: 'shared-key-0001' }),
      ],
    });
    expect(same).toMatchObject({ highWaterMark: 6, rejected: [{ seq: 6 }] });
    expect(countRows(backend.dbPath, 'sessions')).toBe(4);
  });

  it('rejects a second report of the same session under a new seq, without blocking the queue', async () => {
    const socket = await backend.connect(kioskAuth());
    const data = sessionEndedData();
    const ack = await sendBatch(socket, {
      records: [sessionRecord(1, { data }), sessionRecord(2, { data }), sessionRecord(3)],
    });
    expect(ack).toEqual({
      ok: true,
      highWaterMark: 3,
      rejected: [{ seq: 2, reason: 'session already recorded by seq 1' }],
      resendFrom: null,
    });
    expect(countRows(backend.dbPath, 'sessions')).toBe(2);
    // The rejected record left no applied row behind: its savepoint was rolled back.
    expect(
      queryRows(backend.dbPath, "SELECT seq FROM sync_records WHERE status = 'applied' ORDER BY seq"),
    ).toEqual([{ seq: 1 }, { seq: 3 }]);
  });

  it('lists rejected records to the operator without their data', async () => {
    const socket = await backend.connect(kioskAuth());
    await sendBatch(socket, {
      records: [
        sessionRecord(1),
        sessionRecord(2, { type: 'secret.thing', data: { pan: '4111111111111111' } }),
      ],
    });
    const response = await fetch(`${backend.url}/api/fleet/kiosks/${KIOSK.kioskId}/rejected`, {
      headers: {
        authorization: `Basic ${Buffer.from('operator:correct horse battery staple').toString('base64')}`,
      },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('4111111111111111');
    expect(JSON.parse(text)).toEqual({
      kioskId: KIOSK.kioskId,
      rejected: [
        {
          seq: 2,
          type: 'secret.thing',
          reason: 'unknown record type secret.thing',
          receivedAt: expect.any(String),
        },
      ],
    });
  });

  it('stores the backlog of the last heartbeat and shows it in the fleet', async () => {
    const socket = await backend.connect(kioskAuth());
    expect((await backend.fleetKiosk()).backlog).toBeNull();
    const backlog = { pending: 12, oldestPendingSeconds: 40, highWaterMark: 57 };
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ backlog }));
    expect((await backend.fleetKiosk()).backlog).toEqual(backlog);
    const caughtUp = { pending: 0, oldestPendingSeconds: null, highWaterMark: 69 };
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ backlog: caughtUp }));
    expect((await backend.fleetKiosk()).backlog).toEqual(caughtUp);
    // A heartbeat without a backlog (a kiosk without sync) clears it.
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect((await backend.fleetKiosk()).backlog).toBeNull();
  });
});
