import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ack, KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import {
  heartbeat,
  KIOSK,
  kioskAuth,
  nextEvent,
  printerStatus,
  startTestBackend,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';

function countRows(dbPath: string, table: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backend: kiosk messages', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend();
  });
  afterEach(() => backend.stop());

  it('acks a heartbeat and shows its screen, time and devices in /api/fleet', async () => {
    const socket = await backend.connect(kioskAuth());
    const before = Date.now();
    const ack: Ack = await socket
      .timeout(2000)
      .emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ screen: 'menu' }));
    expect(ack).toEqual({
      ok: true,
      serverTime: expect.any(String),
      service: { inService: true, reason: null },
    });
    if (!ack.ok) return;
    expect(Date.parse(ack.serverTime)).toBeGreaterThanOrEqual(before - 1000);

    const kiosk = await backend.fleetKiosk();
    expect(kiosk).toMatchObject({ kioskId: KIOSK.kioskId, name: KIOSK.name, online: true, screen: 'menu' });
    expect(kiosk.lastSeen).toBe(ack.serverTime);
    expect(kiosk.devices).toEqual([printerStatus()]);
  });

  it('a heartbeat replaces the device list; a device-status report updates only its devices', async () => {
    const socket = await backend.connect(kioskAuth());
    const scanner = { ...printerStatus(), device: 'qrScanner' as const, detail: {} };
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ devices: [printerStatus(), scanner] }));
    const paperOut = printerStatus({
      state: 'userError',
      ready: false,
      detail: { paper: 'out', cover: 'closed' },
      action: 'clear',
      message: 'Paper out',
      since: '2026-01-05T11:00:00.000Z',
    });
    const ack: Ack = await socket.emitWithAck(KIOSK_EVENTS.deviceStatus, { devices: [paperOut] });
    expect(ack.ok).toBe(true);
    expect((await backend.fleetKiosk()).devices).toEqual(
      [scanner, paperOut].sort((a, b) => a.device.localeCompare(b.device)),
    );

    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ devices: [printerStatus()] }));
    expect((await backend.fleetKiosk()).devices).toEqual([printerStatus()]);
  });

  it('answers a malformed heartbeat with invalid-message, stores nothing, and keeps serving', async () => {
    const socket = await backend.connect(kioskAuth());
    for (const payload of [
      { ...heartbeat(), screen: 'no-such-screen' },
      { ...heartbeat(), devices: [{ device: 'toaster' }] },
      'not an object',
      null,
    ]) {
      const ack: Ack = await socket.timeout(2000).emitWithAck(KIOSK_EVENTS.heartbeat, payload);
      expect(ack).toEqual({ ok: false, error: { code: 'invalid-message', message: expect.any(String) } });
    }
    const kiosk = await backend.fleetKiosk();
    expect(kiosk.lastSeen).toBeNull();
    expect(kiosk.devices).toEqual([]);
    expect(countRows(backend.dbPath, 'device_status')).toBe(0);

    const ack: Ack = await socket.timeout(2000).emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect(ack.ok).toBe(true);
    expect(socket.connected).toBe(true);
  });

  it('refuses a device-status report with no devices', async () => {
    const socket = await backend.connect(kioskAuth());
    const ack: Ack = await socket.emitWithAck(KIOSK_EVENTS.deviceStatus, { devices: [] });
    expect(ack.ok).toBe(false);
  });

  it('survives messages without an ack callback, storing the valid one', async () => {
    const socket = await backend.connect(kioskAuth());
    socket.emit(KIOSK_EVENTS.heartbeat, { bogus: true });
    socket.emit(KIOSK_EVENTS.deviceStatus);
    socket.emit(KIOSK_EVENTS.heartbeat, heartbeat({ screen: 'language' }));
    await waitUntil(
      async () => (await backend.fleetKiosk()).screen === 'language',
      2000,
      'the heartbeat to be stored',
    );
    const ack: Ack = await socket.timeout(2000).emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect(ack.ok).toBe(true);
  });

  it('closes a connection that sends an oversize message, and serves others', async () => {
    const socket = await backend.connect(kioskAuth());
    const closed = nextEvent<string>(socket, 'disconnect');
    socket.emit(KIOSK_EVENTS.heartbeat, { ...heartbeat(), sentAt: 'x'.repeat(600 * 1024) });
    expect(await closed).toBe('transport close');
    expect((await backend.fleetKiosk()).lastSeen).toBeNull();

    const again = await backend.connect(kioskAuth());
    const ack: Ack = await again.timeout(2000).emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect(ack.ok).toBe(true);
  });

  it('shows the kiosk offline once it disconnects, keeping its last heartbeat', async () => {
    const socket = await backend.connect(kioskAuth());
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect((await backend.fleetKiosk()).online).toBe(true);
    socket.disconnect();
    await waitUntil(async () => !(await backend.fleetKiosk()).online, 2000, 'the kiosk to show offline');
    const kiosk = await backend.fleetKiosk();
    expect(kiosk.lastSeen).not.toBeNull();
    expect(kiosk.screen).toBe('attract');
  });
});

describe('backend: heartbeat timeout', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ heartbeatTimeoutMs: 400 });
  });
  afterEach(() => backend.stop());

  it('shows a connected but silent kiosk offline, and online again at its next heartbeat', async () => {
    const socket = await backend.connect(kioskAuth());
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    const lastHeartbeat = Date.now();
    expect((await backend.fleetKiosk()).online).toBe(true);

    await waitUntil(
      async () => !(await backend.fleetKiosk()).online,
      3000,
      'the silent kiosk to show offline',
    );
    expect(Date.now() - lastHeartbeat).toBeGreaterThanOrEqual(350);
    expect(socket.connected).toBe(true);

    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect((await backend.fleetKiosk()).online).toBe(true);
  });
});
