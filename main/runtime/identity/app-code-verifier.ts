import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import {
  APP_CODE_MAX_LENGTH,
  APP_CODE_PREFIX,
  AppCodePayload,
  type AppCodeVerification,
} from '../../../contracts/identity.ts';

/**
 * Clock difference tolerated between the backend that signed a code and this kiosk, seconds: a
 * kiosk clock a little behind must not refuse a fresh code, nor one a little ahead an unexpired one.
 */
export const APP_CODE_CLOCK_SKEW_SECONDS = 60;

/** An Ed25519 signature is 64 bytes: 86 base64url characters without padding. */
const SIGNATURE_CHARS = 86;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface AppCodeVerifier {
  /** Checks a scanned text; never throws, whatever the text. */
  verify(text: unknown): AppCodeVerification;
}

/**
 * Verifies the codes of the bank's app offline with the backend's public key (kiosk config
 * `appCodePublicKey`, SPKI PEM). Order of checks: the shape (anything else a scanner may read is
 * `malformed`), then the signature over `VQ1.<payload>` (an altered or foreign code is
 * `badSignature`, before any of its content is trusted), then the payload and its times.
 */
export function createAppCodeVerifier(publicKeyPem: string, now: () => number = Date.now): AppCodeVerifier {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('appCodePublicKey must be an Ed25519 public key');
  return {
    verify: (text) => {
      try {
        return check(key, text, Math.floor(now() / 1000));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
    },
  };
}

function check(key: KeyObject, text: unknown, nowSeconds: number): AppCodeVerification {
  const malformed: AppCodeVerification = { ok: false, reason: 'malformed' };
  if (typeof text !== 'string' || text.length > APP_CODE_MAX_LENGTH || !text.startsWith(APP_CODE_PREFIX)) {
    return malformed;
  }
  const parts = text.slice(APP_CODE_PREFIX.length).split('.');
  if (parts.length !== 2) return malformed;
  const [payloadText, signatureText] = parts as [string, string];
  if (!BASE64URL.test(payloadText) || !BASE64URL.test(signatureText)) return malformed;
  if (signatureText.length !== SIGNATURE_CHARS) return malformed;

  const payloadBytes = Buffer.from(payloadText, 'base64url');
  const signature = Buffer.from(signatureText, 'base64url');
  // Base64url has several spellings of the same bytes (the last character's spare bits); only the
  // one the backend writes is taken, so a changed character always counts as a changed code.
  if (
    payloadBytes.toString('base64url') !== payloadText ||
    signature.toString('base64url') !== signatureText
  ) {
    return { ok: false, reason: 'badSignature' };
  }
  const signed = Buffer.from(`${APP_CODE_PREFIX}${payloadText}`, 'ascii');
  if (!verify(null, signed, key, signature)) return { ok: false, reason: 'badSignature' };

  // Signed by the bank from here on; still checked, as a code of a newer format would fail here.
  const payload = AppCodePayload.safeParse(
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)),
  );
  if (!payload.success || payload.data.exp < payload.data.iat) return malformed;
  if (payload.data.iat > nowSeconds + APP_CODE_CLOCK_SKEW_SECONDS)
    return { ok: false, reason: 'notYetValid' };
  if (payload.data.exp + APP_CODE_CLOCK_SKEW_SECONDS < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload: payload.data };
}
