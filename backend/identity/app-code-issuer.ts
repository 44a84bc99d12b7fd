import type { KeyObject } from 'node:crypto';
import { newAppCodeId, signAppCode } from './app-codes.ts';

/** Lifetime of an app code unless configured: long enough to walk to the kiosk, short if leaked. */
export const DEFAULT_APP_CODE_TTL_SECONDS = 900;

export interface IssuedAppCode {
  appCode: string;
  /** ISO-8601, when the kiosk stops taking the code. */
  expiresAt: string;
}

export interface AppCodeIssuer {
  /** False when no app code key is configured: no codes are made. */
  readonly enabled: boolean;
  /** A code for the order; it expires with the order at the latest. Null when disabled. */
  cardOrder(orderCode: string, orderExpiresAt: string, now?: Date): IssuedAppCode | null;
  accountApplication(applicationRef: string, applicationExpiresAt: string, now?: Date): IssuedAppCode | null;
}

/** Makes the signed codes the bank's app shows (backend config `appCodePrivateKey`, `appCodeTtlSeconds`). */
export function createAppCodeIssuer(privateKey: KeyObject | null, ttlSeconds: number): AppCodeIssuer {
  const times = (notAfter: string, now: Date) => {
    const iat = Math.floor(now.getTime() / 1000);
    // Never outlives what it stands for; never expires before it is issued either.
    const exp = Math.max(iat + 1, Math.min(iat + ttlSeconds, Math.floor(Date.parse(notAfter) / 1000)));
    return { iat, exp, jti: newAppCodeId() };
  };
  const issued = (appCode: string, exp: number): IssuedAppCode => ({
    appCode,
    expiresAt: new Date(exp * 1000).toISOString(),
  });
  return {
    enabled: privateKey !== null,
    cardOrder: (orderCode, orderExpiresAt, now = new Date()) => {
      if (!privateKey) return null;
      const claims = times(orderExpiresAt, now);
      return issued(signAppCode({ kind: 'cardOrder', orderCode, ...claims }, privateKey), claims.exp);
    },
    accountApplication: (applicationRef, applicationExpiresAt, now = new Date()) => {
      if (!privateKey) return null;
      const claims = times(applicationExpiresAt, now);
      return issued(
        signAppCode({ kind: 'accountApplication', applicationRef, ...claims }, privateKey),
        claims.exp,
      );
    },
  };
}
