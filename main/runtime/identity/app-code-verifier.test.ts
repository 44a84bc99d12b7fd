import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_CODE_MAX_LENGTH, APP_CODE_PREFIX, type AppCodePayload } from '../../../contracts/identity.ts';
import { APP_CODE_CLOCK_SKEW_SECONDS, createAppCodeVerifier } from './app-code-verifier.ts';

const pems = () =>
  generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const BANK = pems();
const OTHER = pems();
const NOW = 1_900_000_000;
const verifier = createAppCodeVerifier(BANK.publicKey, () => NOW * 1000);

/** A code as the backend makes one; the payload JSON is taken as given, so tests can bend it. */
function code(payload: unknown, privateKey = BANK.privateKey): string {
  const signed = `${APP_CODE_PREFIX}${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
}

const ORDER: AppCodePayload = {
  kind: 'cardOrder',
  orderCode: 'K7Q2M9XD',
  iat: NOW - 10,
  exp: NOW + 890,
  jti: 'Zr1wq0c8mUq1xkz3F7c1pA',
};
const APPLICATION: AppCodePayload = {
  kind: 'accountApplication',
  applicationRef: '2b7e1516-28ae-4d2a-abf7-15884f09cf4f',
  iat: NOW - 10,
  exp: NOW + 890,
  jti: 'q1xkz3F7c1pAZr1wq0c8mU',
};

/** The code with one bit of its character at `index` flipped, staying in the base64url alphabet. */
function flipped(text: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const value = alphabet.indexOf(text[index]!);
  return text.slice(0, index) + alphabet[value ^ 1] + text.slice(index + 1);
}

describe('app code verifier', () => {
  it('accepts a code the bank signed, of either kind, and gives its payload', () => {
    expect(verifier.verify(code(ORDER))).toEqual({ ok: true, payload: ORDER });
    expect(verifier.verify(code(APPLICATION))).toEqual({ ok: true, payload: APPLICATION });
  });

  it('refuses an expired code and one issued in the future, with the clock skew allowed', () => {
    const at = (exp: number, iat = exp - 900) => verifier.verify(code({ ...ORDER, iat, exp }));
    expect(at(NOW - APP_CODE_CLOCK_SKEW_SECONDS)).toMatchObject({ ok: true });
    expect(at(NOW - APP_CODE_CLOCK_SKEW_SECONDS - 1)).toEqual({ ok: false, reason: 'expired' });
    expect(at(NOW + 900, NOW + APP_CODE_CLOCK_SKEW_SECONDS)).toMatchObject({ ok: true });
    expect(at(NOW + 900, NOW + APP_CODE_CLOCK_SKEW_SECONDS + 1)).toEqual({
      ok: false,
      reason: 'notYetValid',
    });
    // Expiring before it was issued: not something the bank makes.
    expect(at(NOW + 10, NOW + 20)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses every single-bit change of the payload or the signature as a bad signature', () => {
    const genuine = code(ORDER);
    const body = genuine.slice(APP_CODE_PREFIX.length);
    for (let index = 0; index < body.length; index++) {
      if (body[index] === '.') continue;
      const altered = APP_CODE_PREFIX + flipped(body, index);
      expect(verifier.verify(altered), `character ${index}`).toEqual({ ok: false, reason: 'badSignature' });
    }
  });

  it('refuses a code signed with another key, and a genuine signature over another payload', () => {
    expect(verifier.verify(code(ORDER, OTHER.privateKey))).toEqual({ ok: false, reason: 'badSignature' });
    const [, , signature] = code(ORDER).split('.');
    const [prefix, payload] = code({ ...ORDER, orderCode: 'P4T8W3HA' }).split('.');
    expect(verifier.verify(`${prefix}.${payload}.${signature}`)).toEqual({
      ok: false,
      reason: 'badSignature',
    });
    const otherVerifier = createAppCodeVerifier(OTHER.publicKey, () => NOW * 1000);
    expect(otherVerifier.verify(code(ORDER))).toEqual({ ok: false, reason: 'badSignature' });
  });

  it('calls anything not shaped like a code malformed', () => {
    const genuine = code(ORDER);
    const [, payload, signature] = genuine.split('.');
    for (const text of [
      '',
      'hello',
      'VQ1.',
      'VQ1..',
      `VQ2.${genuine.slice(4)}`,
      `vq1.${genuine.slice(4)}`,
      `${genuine}.x`,
      `VQ1.${payload}`,
      `VQ1.${payload}.${signature}=`,
      `VQ1.${payload}.${signature!.slice(1)}`,
      `VQ1.${payload}+.${signature}`,
      ` ${genuine}`,
      `${genuine}\n`,
      `VQ1.${'A'.repeat(APP_CODE_MAX_LENGTH)}.${signature}`,
      'https://example.invalid/pay?x=1',
      '4006381333931',
    ]) {
      expect(verifier.verify(text), JSON.stringify(text)).toEqual({ ok: false, reason: 'malformed' });
    }
    for (const value of [undefined, null, 42, {}, ['VQ1.a.b'], Buffer.from(genuine)]) {
      expect(verifier.verify(value)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('calls a signed payload the kiosk cannot read malformed', () => {
    for (const payload of [
      { ...ORDER, kind: 'giftCard' },
      { ...ORDER, orderCode: 'k7q2m9xd' },
      { ...ORDER, exp: String(ORDER.exp) },
      { ...ORDER, jti: 'short' },
      'just a string',
      null,
    ]) {
      expect(verifier.verify(code(payload))).toEqual({ ok: false, reason: 'malformed' });
    }
    // Signed bytes that are not JSON, or not UTF-8.
    for (const bytes of [Buffer.from('{not json'), Buffer.from([0xff, 0xfe, 0x7b])]) {
      const signed = `${APP_CODE_PREFIX}${bytes.toString('base64url')}`;
      const text = `${signed}.${sign(null, Buffer.from(signed), BANK.privateKey).toString('base64url')}`;
      expect(verifier.verify(text)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('never throws and never accepts random text, nor random text behind the prefix', () => {
    const refused = (text: string) => {
      const result = verifier.verify(text);
      expect(result.ok).toBe(false);
    };
    fc.assert(fc.property(fc.string({ maxLength: 700 }), refused), { numRuns: 500 });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{86}$/),
        (payload, signature) => {
          const result = verifier.verify(`VQ1.${payload}.${signature}`);
          expect(result).toMatchObject({ ok: false });
          expect(['malformed', 'badSignature']).toContain(!result.ok && result.reason);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a key that is not an Ed25519 public key when made', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(() => createAppCodeVerifier(rsa.toString())).toThrow(/Ed25519/);
    expect(() => createAppCodeVerifier('not a key')).toThrow();
  });
});
