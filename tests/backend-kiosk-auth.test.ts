import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN_LIFETIME_MS } from '../contracts/backend-protocol.ts';
import {
  DISABLED_KIOSK,
  expiredKioskAuth,
  forgedKioskAuth,
  KIOSK,
  kioskAuth,
  nextEvent,
  SECOND_KIOSK,
  signKioskToken,
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

  const refusalLog = () =>
    backend.logLines.map((l) => JSON.parse(l)).filter((l) => l.message === 'kiosk connection refused');

  it('refuses an unregistered kiosk with unknown-kiosk', async () => {
    const error = await backend.connectError(kioskAuth({ kioskId: 'kiosk-nobody' }));
    expect(error.message).toBe('unknown-kiosk');
    expect(error.data).toEqual({ code: 'unknown-kiosk', message: expect.any(String) });
  });

  it('refuses a token signed with another key with bad-credential, and never logs the token', async () => {
    const forged = forgedKioskAuth();
    const error = await backend.connectError(forged);
    expect(error.message).toBe('bad-credential');
    expect(error.data?.code).toBe('bad-credential');
    expect(refusalLog().at(-1)).toMatchObject({ kioskId: KIOSK.kioskId, code: 'bad-credential' });
    expect(backend.logLines.join('\n')).not.toContain(forged.signature);
  });

  it.each([
    ['a signature of other bytes', () => ({ ...kioskAuth(), nonce: 'another-nonce-0123456789' })],
    ['a signature of another kiosk', () => kioskAuth({ signature: kioskAuth({}, SECOND_KIOSK).signature })],
    ['a signature that is not one', () => kioskAuth({ signature: 'A'.repeat(86) })],
    ['a signature too short for Ed25519', () => kioskAuth({ signature: 'A'.repeat(20) })],
    [
      'a changed issuedAt',
      () => {
        const token = kioskAuth();
        return { ...token, issuedAt: token.issuedAt - 1 };
      },
    ],
  ])('refuses %s with bad-credential', async (_label, auth) => {
    expect((await backend.connectError(auth())).message).toBe('bad-credential');
  });

  it('refuses a forged token even when it is also expired: the signature is checked first', async () => {
    const old = signKioskToken(SECOND_KIOSK.privateKey, {
      kioskId: KIOSK.kioskId,
      issuedAt: Date.now() - 10 * KIOSK_TOKEN_LIFETIME_MS,
    });
    expect((await backend.connectError(old)).message).toBe('bad-credential');
  });

  it.each([
    ['issued too long ago', -(KIOSK_TOKEN_LIFETIME_MS + 5_000)],
    ['issued too far ahead', KIOSK_TOKEN_LIFETIME_MS + 5_000],
  ])('refuses a token %s with expired-token', async (_label, offset) => {
    const error = await backend.connectError(
      signKioskToken(KIOSK.privateKey, { kioskId: KIOSK.kioskId, issuedAt: Date.now() + offset }),
    );
    expect(error.message).toBe('expired-token');
  });

  it('refuses the harness expired token with expired-token', async () => {
    expect((await backend.connectError(expiredKioskAuth())).message).toBe('expired-token');
  });

  it('accepts a token within the lifetime on either side of the backend clock', async () => {
    for (const offset of [-(KIOSK_TOKEN_LIFETIME_MS - 5_000), KIOSK_TOKEN_LIFETIME_MS - 5_000]) {
      const socket = await backend.connect(kioskAuth({ issuedAt: Date.now() + offset }));
      expect(socket.connected).toBe(true);
      socket.disconnect();
    }
  });

  it('refuses a token used a second time with replayed-token, even after a disconnect', async () => {
    const token = kioskAuth();
    const socket = await backend.connect(token);
    socket.disconnect();
    const error = await backend.connectError(token);
    expect(error.message).toBe('replayed-token');
    expect(error.data?.code).toBe('replayed-token');
    // A fresh token of the same kiosk is fine, and so is another kiosk using the same nonce.
    expect((await backend.connect(kioskAuth())).connected).toBe(true);
    expect((await backend.connect(kioskAuth({ nonce: token.nonce }, SECOND_KIOSK))).connected).toBe(true);
  });

  it.each([
    ['no auth at all', undefined],
    [
      'a missing signature',
      { kioskId: KIOSK.kioskId, issuedAt: Date.now(), nonce: 'n'.repeat(22), softwareVersion: '1' },
    ],
    ['a nonce too short', () => ({ ...kioskAuth(), nonce: 'short' })],
    ['an issuedAt that is a string', () => ({ ...kioskAuth(), issuedAt: String(Date.now()) })],
    ['an issuedAt with a fraction', () => ({ ...kioskAuth(), issuedAt: Date.now() + 0.5 })],
    ['an id with capitals', () => ({ ...kioskAuth(), kioskId: 'KIOSK-CENTRO' })],
    ['a number for the id', () => ({ ...kioskAuth(), kioskId: 12345 })],
    ['a signature of 1 KB', () => ({ ...kioskAuth(), signature: 'A'.repeat(1024) })],
  ])('refuses %s with malformed-auth', async (_label, auth) => {
    const error = await backend.connectError(typeof auth === 'function' ? auth() : auth);
    expect(error.message).toBe('malformed-auth');
    expect(error.data?.code).toBe('malformed-auth');
  });

  it('refuses a disabled kiosk with kiosk-disabled, but only after checking its signature', async () => {
    const right = await backend.connectError(kioskAuth({}, DISABLED_KIOSK));
    expect(right.message).toBe('kiosk-disabled');
    const wrong = await backend.connectError(forgedKioskAuth(DISABLED_KIOSK));
    expect(wrong.message).toBe('bad-credential');
  });

  it('accepts a valid token, sends the service mode and shows the kiosk online', async () => {
    const socket = await backend.connect(kioskAuth({ softwareVersion: '2.3.4' }));
    await waitUntil(() => backend.serviceModesOf(socket).length > 0, 2000, 'the service mode');
    expect(backend.serviceModesOf(socket)).toEqual([{ inService: true, reason: null }]);
    expect((await backend.fleetKiosk()).online).toBe(true);
    const connected = backend.logLines.map((l) => JSON.parse(l)).find((l) => l.message === 'kiosk connected');
    expect(connected).toMatchObject({ kioskId: KIOSK.kioskId, softwareVersion: '2.3.4' });
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
