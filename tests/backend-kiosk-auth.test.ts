import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DISABLED_KIOSK,
  KIOSK,
  kioskAuth,
  nextEvent,
  startTestBackend,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';

describe('backend: kiosk authentication on /kiosk', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend();
  });
  afterEach(() => backend.stop());

  it('refuses an unregistered kiosk with unknown-kiosk', async () => {
    const error = await backend.connectError(kioskAuth({ kioskId: 'kiosk-nobody' }));
    expect(error.message).toBe('unknown-kiosk');
    expect(error.data).toEqual({ code: 'unknown-kiosk', message: expect.any(String) });
  });

  it('refuses a wrong secret with bad-credential and never logs the secret', async () => {
    const wrongSecret = 'not-the-secret-of-centro-99';
    const error = await backend.connectError(kioskAuth({ secret: wrongSecret }));
    expect(error.message).toBe('bad-credential');
    expect(error.data?.code).toBe('bad-credential');
    const refusal = backend.logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'kiosk connection refused');
    expect(refusal).toMatchObject({ kioskId: KIOSK.kioskId, code: 'bad-credential' });
    expect(backend.logLines.join('\n')).not.toContain(wrongSecret);
  });

  it.each([
    ['no auth at all', undefined],
    ['a missing secret', { kioskId: KIOSK.kioskId, softwareVersion: '1' }],
    ['a secret too short', { ...kioskAuth(), secret: 'short' }],
    ['an id with capitals', { ...kioskAuth(), kioskId: 'KIOSK-CENTRO' }],
    ['a number for the id', { ...kioskAuth(), kioskId: 12345 }],
  ])('refuses %s with malformed-auth', async (_label, auth) => {
    const error = await backend.connectError(auth);
    expect(error.message).toBe('malformed-auth');
    expect(error.data?.code).toBe('malformed-auth');
  });

  it('refuses a disabled kiosk with kiosk-disabled, but only after checking its secret', async () => {
    const right = await backend.connectError(
      kioskAuth({ kioskId: DISABLED_KIOSK.kioskId, secret: DISABLED_KIOSK.secret }),
    );
    expect(right.message).toBe('kiosk-disabled');
    const wrong = await backend.connectError(kioskAuth({ kioskId: DISABLED_KIOSK.kioskId }));
    expect(wrong.message).toBe('bad-credential');
  });

  it('accepts the right secret, sends the service mode and shows the kiosk online', async () => {
    const socket = await backend.connect(kioskAuth());
    await waitUntil(() => backend.serviceModesOf(socket).length > 0, 2000, 'the service mode');
    expect(backend.serviceModesOf(socket)).toEqual([{ inService: true, reason: null }]);
    expect((await backend.fleetKiosk()).online).toBe(true);
  });

  it('a second connection of the same kiosk replaces the first, and the kiosk stays online', async () => {
    const first = await backend.connect(kioskAuth());
    const firstClosed = nextEvent<string>(first, 'disconnect');
    const second = await backend.connect(kioskAuth());
    expect(await firstClosed).toBe('io server disconnect');
    expect(second.connected).toBe(true);
    // The old socket's disconnect must not have marked the kiosk offline.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await backend.fleetKiosk()).online).toBe(true);
    second.disconnect();
    await waitUntil(async () => !(await backend.fleetKiosk()).online, 2000, 'the kiosk to go offline');
  });
});
