import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CODE_MAX_LENGTH, type AppCodePayload } from '../contracts/identity.ts';
import { ConfigError, configFromArgs } from '../backend/config.ts';
import { createAppCodeIssuer } from '../backend/identity/app-code-issuer.ts';
import { appCodeSigningKey, newAppCodeId, signAppCode } from '../backend/identity/app-codes.ts';
import { createAppCodeVerifier } from '../main/runtime/identity/app-code-verifier.ts';
import { basic, OPERATOR_PASSWORD, startTestBackend, type TestBackend } from './backend-harness.ts';
import { ACCOUNTS, execute, ORDERS } from './backend-card-records.ts';

const KEYS = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const AUTH = { authorization: basic(OPERATOR_PASSWORD), 'content-type': 'application/json' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('app codes: signed by the backend, verified by the kiosk', () => {
  const verifier = createAppCodeVerifier(KEYS.publicKey);
  const payload = (): Extract<AppCodePayload, { kind: 'cardOrder' }> => ({
    kind: 'cardOrder',
    orderCode: 'K7Q2M9XD',
    iat: nowSeconds(),
    exp: nowSeconds() + 900,
    jti: newAppCodeId(),
  });

  it('round trip: what the backend signs the kiosk verifies, within the QR size', () => {
    const signed = payload();
    const code = signAppCode(signed, KEYS.privateKey);
    expect(code).toMatch(/^VQ1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(code.length).toBeLessThanOrEqual(APP_CODE_MAX_LENGTH);
    expect(verifier.verify(code)).toEqual({ ok: true, payload: signed });
    const application: AppCodePayload = {
      kind: 'accountApplication',
      applicationRef: 'f'.repeat(64),
      iat: nowSeconds(),
      exp: nowSeconds() + 900,
      jti: 'j'.repeat(40),
    };
    const longest = signAppCode(application, appCodeSigningKey(KEYS.privateKey));
    expect(longest.length).toBeLessThanOrEqual(APP_CODE_MAX_LENGTH);
    expect(verifier.verify(longest)).toEqual({ ok: true, payload: application });
  });

  it('codes are expired, forged or foreign as the kiosk sees them', () => {
    const expired = { ...payload(), iat: nowSeconds() - 2000, exp: nowSeconds() - 1000 };
    expect(verifier.verify(signAppCode(expired, KEYS.privateKey))).toEqual({ ok: false, reason: 'expired' });
    const foreign = generateKeyPairSync('ed25519').privateKey;
    expect(verifier.verify(signAppCode(payload(), foreign))).toEqual({ ok: false, reason: 'badSignature' });
    const code = signAppCode(payload(), KEYS.privateKey);
    const [prefix, body, signature] = code.split('.');
    const json = JSON.parse(Buffer.from(body!, 'base64url').toString()) as AppCodePayload;
    const forgedBody = Buffer.from(JSON.stringify({ ...json, exp: json.exp + 86_400 })).toString('base64url');
    expect(verifier.verify(`${prefix}.${forgedBody}.${signature}`)).toEqual({
      ok: false,
      reason: 'badSignature',
    });
    expect(verifier.verify('VQ1.garbage')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('signs only payloads of the contract, with an Ed25519 key', () => {
    expect(() => signAppCode({ ...payload(), orderCode: 'lowercase' }, KEYS.privateKey)).toThrow();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => signAppCode(payload(), rsa.toString())).toThrow(/Ed25519/);
  });

  it('a code never outlives its order, and none is made without a key', () => {
    const issuer = createAppCodeIssuer(appCodeSigningKey(KEYS.privateKey), 900);
    const now = new Date('2030-01-01T00:00:00Z');
    const soon = new Date(now.getTime() + 120_000).toISOString();
    const issued = issuer.cardOrder('K7Q2M9XD', soon, now)!;
    expect(issued.expiresAt).toBe(soon);
    const verified = createAppCodeVerifier(KEYS.publicKey, () => now.getTime()).verify(issued.appCode);
    expect(verified).toMatchObject({ ok: true, payload: { exp: Date.parse(soon) / 1000 } });
    const later = issuer.cardOrder('K7Q2M9XD', '2031-01-01T00:00:00Z', now)!;
    expect(Date.parse(later.expiresAt) - now.getTime()).toBe(900_000);
    expect(issuer.cardOrder('K7Q2M9XD', soon, now)!.appCode).not.toBe(issued.appCode);
    const disabled = createAppCodeIssuer(null, 900);
    expect(disabled.enabled).toBe(false);
    expect(disabled.cardOrder('K7Q2M9XD', soon, now)).toBeNull();
    expect(disabled.accountApplication('f'.repeat(36), soon, now)).toBeNull();
  });
});

describe('backend: app code settings', () => {
  const env = { VENTANILLA_OPERATOR_PASSWORD: 'pw' };

  it('reads the private key and the lifetime from the environment; no key, no codes', () => {
    expect(configFromArgs([], env)).toMatchObject({ appCodePrivateKey: null, appCodeTtlSeconds: 900 });
    const config = configFromArgs(['--app-code-ttl-seconds', '300'], {
      ...env,
      VENTANILLA_APP_CODE_PRIVATE_KEY: KEYS.privateKey,
    });
    expect(config).toMatchObject({ appCodePrivateKey: KEYS.privateKey, appCodeTtlSeconds: 300 });
    expect(configFromArgs([], { ...env, VENTANILLA_APP_CODE_TTL_SECONDS: '60' }).appCodeTtlSeconds).toBe(60);
    expect(() => configFromArgs(['--app-code-ttl-seconds', '5'], env)).toThrow(ConfigError);
  });

  it('refuses a key that is not an Ed25519 private key without echoing it', () => {
    for (const key of [KEYS.publicKey, 'SECRET-NOT-A-KEY']) {
      const read = () => configFromArgs([], { ...env, VENTANILLA_APP_CODE_PRIVATE_KEY: key });
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining(key.slice(0, 16)) }),
      );
    }
    const short = () => configFromArgs([], { ...env, VENTANILLA_IDENTITY_KEY: 'short' });
    expect(short).toThrow(/VENTANILLA_IDENTITY_KEY must have at least 32/);
  });
});

describe('backend: app codes over HTTP', () => {
  let backend: TestBackend;
  let disabled: TestBackend;
  const verifier = createAppCodeVerifier(KEYS.publicKey);
  beforeAll(async () => {
    backend = await startTestBackend({
      accounts: ACCOUNTS,
      cardOrders: ORDERS,
      appCodePrivateKey: KEYS.privateKey,
    });
    disabled = await startTestBackend({ accounts: ACCOUNTS, cardOrders: ORDERS });
  });
  afterAll(async () => {
    await backend.stop();
    await disabled.stop();
  });

  const post = (on: TestBackend, path: string, body?: unknown, headers: Record<string, string> = AUTH) =>
    fetch(`${on.url}${path}`, {
      method: 'POST',
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('POST /api/card-orders answers with an app code for the new order', async () => {
    const response = await post(backend, '/api/card-orders', { accountNumber: '00087654321' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as {
      orderCode: string;
      expiresAt: string;
      appCode: string;
      appCodeExpiresAt: string;
    };
    const verified = verifier.verify(created.appCode);
    expect(verified).toMatchObject({
      ok: true,
      payload: { kind: 'cardOrder', orderCode: created.orderCode },
    });
    if (!verified.ok) return;
    expect(verified.payload.exp - verified.payload.iat).toBe(900);
    expect(new Date(verified.payload.exp * 1000).toISOString()).toBe(created.appCodeExpiresAt);
    expect(backend.logLines.join('\n')).not.toContain(created.appCode.slice(4, 40));

    const withoutKey = await post(disabled, '/api/card-orders', { accountNumber: '00087654321' });
    expect(withoutKey.status).toBe(201);
    expect(await withoutKey.json()).toMatchObject({ appCode: null, appCodeExpiresAt: null });
  });

  it('POST /api/card-orders/:code/app-code gives a fresh code for an open order', async () => {
    const first = await post(backend, '/api/card-orders/K7Q2M9XD/app-code');
    expect(first.status).toBe(201);
    const a = (await first.json()) as { orderRef: string; appCode: string };
    const b = (await (await post(backend, '/api/card-orders/K7Q2M9XD/app-code')).json()) as typeof a;
    for (const issued of [a, b]) {
      expect(verifier.verify(issued.appCode)).toMatchObject({
        ok: true,
        payload: { kind: 'cardOrder', orderCode: 'K7Q2M9XD' },
      });
    }
    const jti = (code: string) => {
      const verified = verifier.verify(code);
      return verified.ok ? verified.payload.jti : null;
    };
    expect(jti(a.appCode)).not.toBe(jti(b.appCode));
    expect(b.orderRef).toBe(a.orderRef);
  });

  it('refuses unknown, malformed and closed orders, and when no key is configured', async () => {
    expect((await post(backend, '/api/card-orders/ZZZZZZZZ/app-code')).status).toBe(404);
    expect((await post(backend, '/api/card-orders/k7q2m9xd/app-code')).status).toBe(404);
    expect((await post(backend, '/api/card-orders/%ZZ/app-code')).status).toBe(404);
    execute(backend.dbPath, "UPDATE card_orders SET status = 'cancelled' WHERE order_code = 'P4T8W3HA'");
    const cancelled = await post(backend, '/api/card-orders/P4T8W3HA/app-code');
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toEqual({ error: expect.stringMatching(/not open/) });
    execute(
      backend.dbPath,
      "UPDATE card_orders SET expires_at = '2000-01-01T00:00:00.000Z' WHERE order_code = 'B6N5R2EZ'",
    );
    expect((await post(backend, '/api/card-orders/B6N5R2EZ/app-code')).status).toBe(409);
    const off = await post(disabled, '/api/card-orders/K7Q2M9XD/app-code');
    expect(off.status).toBe(503);
    expect(await off.json()).toEqual({ error: expect.stringMatching(/not configured/) });
  });

  it('POST /api/account-applications stores the application sealed and answers with its code', async () => {
    const prefill = {
      product: 'current',
      surname: 'Quintanilla-Zubizarreta',
      givenNames: 'Eulalia',
      email: 'eulalia.quintanilla@example.invalid',
      phone: '+34 600 000 123',
    };
    const response = await post(backend, '/api/account-applications', { prefill });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { applicationRef: string; appCode: string; expiresAt: string };
    expect(created.applicationRef).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifier.verify(created.appCode)).toMatchObject({
      ok: true,
      payload: { kind: 'accountApplication', applicationRef: created.applicationRef },
    });
    // Sealed in the database: none of the pre-filled data is in the file in the clear.
    const bytes = readFileSync(backend.dbPath).toString('latin1');
    const wal = (() => {
      try {
        return readFileSync(`${backend.dbPath}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
    for (const value of ['Quintanilla', 'Eulalia', 'example.invalid', '600 000 123']) {
      expect(bytes + wal).not.toContain(value);
    }
    expect(bytes + wal).toContain(created.applicationRef);
    expect(backend.logLines.join('\n')).not.toMatch(/Quintanilla|Eulalia/);
  });

  it('POST /api/account-applications validates the body, the operator, the content type', async () => {
    for (const body of [
      {},
      { prefill: {} },
      { prefill: { product: 'mortgage', surname: 'A', givenNames: 'B' } },
      { prefill: { product: 'current', surname: '', givenNames: 'B' } },
      { prefill: { product: 'current', surname: 'A', givenNames: 'B', email: 'not-an-email' } },
      { prefill: { product: 'current', surname: 'A', givenNames: 'B', passport: 'X' } },
      { prefill: { product: 'current', surname: 'A', givenNames: 'B' }, extra: true },
      { prefill: { product: 'current', surname: 'A'.repeat(41), givenNames: 'B' } },
      '[1,2',
    ]) {
      const response = await post(backend, '/api/account-applications', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const ok = { prefill: { product: 'savings', surname: 'A', givenNames: 'B' } };
    expect((await post(backend, '/api/account-applications', ok, {})).status).toBe(401);
    expect(
      (await post(backend, '/api/account-applications', ok, { authorization: basic('wrong') })).status,
    ).toBe(401);
    expect(
      (await post(backend, '/api/account-applications', ok, { authorization: basic(OPERATOR_PASSWORD) }))
        .status,
    ).toBe(415);
    const get = await fetch(`${backend.url}/api/account-applications`, { headers: AUTH });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(backend, '/api/card-orders/K7Q2M9XD/app-code', undefined, {})).status).toBe(401);
    expect((await post(disabled, '/api/account-applications', ok)).status).toBe(503);
  });
});
