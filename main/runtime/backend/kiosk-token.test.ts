import { createPrivateKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KioskAuth, kioskTokenPayload } from '../../../contracts/index.ts';
import { signKioskToken } from './kiosk-token.ts';

describe('kiosk token', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('is a valid KioskAuth whose signature verifies with the public key, with a fresh nonce each time', () => {
    const a = signKioskToken('kiosk-001', privateKey, '0.1.0', 1_800_000_000_000);
    const b = signKioskToken('kiosk-001', privateKey, '0.1.0', 1_800_000_000_000);
    expect(KioskAuth.parse(a)).toEqual(a);
    expect(a.nonce).not.toBe(b.nonce);
    const payload = Buffer.from(kioskTokenPayload(a.kioskId, a.issuedAt, a.nonce));
    expect(verify(null, payload, publicKey, Buffer.from(a.signature, 'base64url'))).toBe(true);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verify(null, payload, other, Buffer.from(a.signature, 'base64url'))).toBe(false);
  });

  it('signs with a key read from PKCS8 PEM, as in the kiosk config', () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const token = signKioskToken('kiosk-002', createPrivateKey(pem), '0.1.0');
    const payload = Buffer.from(kioskTokenPayload(token.kioskId, token.issuedAt, token.nonce));
    expect(verify(null, payload, publicKey, Buffer.from(token.signature, 'base64url'))).toBe(true);
  });
});
