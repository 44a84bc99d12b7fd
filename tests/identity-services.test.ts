import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createIdentityServices, type IdentityServices } from '../main/runtime/identity/identity-services.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openDatabase, type SqliteDatabase } from '../platform/sqlite.ts';
import { toIdentifyView } from '../state-machines/identify-customer/identify-customer-view.ts';
import { type HidSimulator, startHidSimulator } from './hid-simulator-process.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';

/**
 * The identity services as the kiosk runtime composes them from its config, on real parts: the
 * HID scanner simulator's process over its Unix socket, the kiosk database, the capture store.
 * The ID scanner here types the MRZ (keyboard wedge), so the MRZ is checked in-process and no OCR
 * worker is started; the serial image mode with the OCR worker is covered end to end.
 */

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const part of running.splice(0).reverse()) await part.stop();
});

async function compose(overrides: Parameters<typeof testRuntimeConfig>[0]) {
  const config = testRuntimeConfig(overrides);
  const db: SqliteDatabase = openDatabase(config.databasePath, KIOSK_MIGRATIONS);
  running.push({
    stop: () => {
      db.close();
    },
  });
  const log = createMemoryLogger('identity-test');
  const services: IdentityServices = createIdentityServices(config, log, () => 'session-1');
  for (const device of services.devices) {
    await device.start();
    running.push({ stop: () => device.stop() });
  }
  await services.start(db);
  running.push({ stop: () => services.stop() });
  return { services, db, log };
}

async function deviceReady(services: IdentityServices, device: 'idScanner' | 'qrScanner') {
  const deadline = Date.now() + 5_000;
  while (!services[device]?.status().ready) {
    if (Date.now() > deadline) throw new Error(`${device} never became ready`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function simulator(
  device: 'idScanner' | 'qrScanner',
  mode: 'hidWedge' | 'hidPos',
): Promise<HidSimulator> {
  const sim = await startHidSimulator({ device, mode });
  running.push(sim);
  return sim;
}

describe('identity services from the kiosk config', () => {
  it('an ID scanner typing the MRZ: read, checked, kept encrypted, shown, and looked up by', async () => {
    const sim = await simulator('idScanner', 'hidWedge');
    const { services, db } = await compose({
      idScanner: { mode: 'hidWedge', hid: { transport: 'simulated', socketPath: sim.socketPath } },
    });
    expect(services.methods).toEqual({ qr: false, idScan: true });
    expect(services.health()).toMatchObject({ state: 'ready' });
    await deviceReady(services, 'idScanner');

    const actor = createActor(services.machine, {
      input: { method: 'idScan', maxAttempts: 3, acceptKinds: ['cardOrder'] },
    }).start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sim.control('POST', '/place', { documentId: 'passport-esp' });
    const confirming = await waitFor(actor, (s) => s.matches('confirmDocument'), { timeout: 10_000 });
    const captureId = confirming.context.captureId!;

    const view = services.withDocument(
      {
        card: { identify: toIdentifyView(confirming) },
      } as never,
      captureId,
    ) as unknown as { card: { identify: { document: unknown } } };
    expect(view.card.identify.document).toMatchObject({
      kind: 'passport',
      surname: 'GARCIA LOPEZ',
      givenNames: 'MARIA JOSE',
      documentNumber: 'PAB123456',
      birthDate: '1985-03-15',
    });
    expect(services.lookupRequest(captureId)).toEqual({
      issuingState: 'ESP',
      documentNumber: 'PAB123456',
      birthDate: '850315',
    });
    // Sealed in the database, gone with the flow.
    const row = db.prepare('SELECT COUNT(*) AS n FROM identity_captures').get() as { n: number };
    expect(row.n).toBe(1);
    services.endOfFlow('session-1');
    expect(services.lookupRequest(captureId)).toBeNull();
    actor.stop();
  });

  it('a QR scanner in HID POS mode with the backend key: a signed code verified, a forged one refused', async () => {
    const sim = await simulator('qrScanner', 'hidPos');
    const keys = generateKeyPairSync('ed25519');
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { services } = await compose({
      qrScanner: { mode: 'hidPos', hid: { transport: 'simulated', socketPath: sim.socketPath } },
      appCodePublicKey: publicKey,
    });
    expect(services.methods).toEqual({ qr: true, idScan: false });
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        kind: 'cardOrder',
        orderCode: 'AB23CD45',
        iat: now,
        exp: now + 600,
        jti: 'code-0001',
      }),
    ).toString('base64url');
    const signature = sign(null, Buffer.from(`VQ1.${payload}`), keys.privateKey).toString('base64url');
    const code = `VQ1.${payload}.${signature}`;
    await deviceReady(services, 'qrScanner');

    const read = async (text: string) => {
      const actor = createActor(services.machine, {
        input: { method: 'qr', maxAttempts: 3, acceptKinds: ['cardOrder'] },
      }).start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sim.control('POST', '/scan', { text });
      const settled = await waitFor(actor, (s) => s.status === 'done' || s.matches('rescan'), {
        timeout: 10_000,
      });
      actor.stop();
      return settled;
    };
    const forged = await read(`VQ1.${payload.slice(0, -2)}AA.${signature}`);
    expect(forged.context.message).toBe('qrForged');
    const genuine = await read(code);
    expect(genuine.output).toEqual({ result: 'appCode', code: { kind: 'cardOrder', orderCode: 'AB23CD45' } });
  });
});
