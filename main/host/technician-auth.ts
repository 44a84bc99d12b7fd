import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TechnicianAuthOptions {
  pin: string;
  /** Wrong PINs in a row before the panel locks. */
  maxAttempts?: number;
  lockoutMs?: number;
  sessionTtlMs?: number;
  now?: () => number;
}

export type LoginResult =
  | { ok: true; token: string; maxAgeSeconds: number }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfterSeconds: number };

export const TECHNICIAN_COOKIE = 'ventanilla_technician';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * PIN login for the technician panel: constant-time comparison, a lockout after repeated wrong
 * PINs (a PIN is short, so guessing must be slow), and short-lived random session tokens kept
 * only in memory — a restart logs every technician out.
 */
export function createTechnicianAuth(options: TechnicianAuthOptions) {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 5;
  const lockoutMs = options.lockoutMs ?? 60_000;
  const ttlMs = options.sessionTtlMs ?? 15 * 60_000;
  const expected = digest(options.pin);
  const sessions = new Map<string, number>();
  let failures = 0;
  let lockedUntil = 0;

  const tokenFrom = (cookieHeader: string | undefined): string | null => {
    if (!cookieHeader) return null;
    for (const part of cookieHeader.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === TECHNICIAN_COOKIE) return rest.join('=');
    }
    return null;
  };

  return {
    login(pin: string): LoginResult {
      const t = now();
      if (t < lockedUntil)
        return { ok: false, status: 429, retryAfterSeconds: Math.ceil((lockedUntil - t) / 1000) };
      if (!timingSafeEqual(digest(pin), expected)) {
        failures += 1;
        if (failures >= maxAttempts) {
          failures = 0;
          lockedUntil = t + lockoutMs;
          return { ok: false, status: 429, retryAfterSeconds: Math.ceil(lockoutMs / 1000) };
        }
        return { ok: false, status: 401 };
      }
      failures = 0;
      const token = randomBytes(32).toString('hex');
      sessions.set(token, t + ttlMs);
      return { ok: true, token, maxAgeSeconds: Math.floor(ttlMs / 1000) };
    },
    isAuthenticated(cookieHeader: string | undefined): boolean {
      const token = tokenFrom(cookieHeader);
      if (!token) return false;
      const expires = sessions.get(token);
      if (expires === undefined) return false;
      if (expires < now()) {
        sessions.delete(token);
        return false;
      }
      return true;
    },
    logout(cookieHeader: string | undefined): void {
      const token = tokenFrom(cookieHeader);
      if (token) sessions.delete(token);
    },
  };
}

export type TechnicianAuth = ReturnType<typeof createTechnicianAuth>;
