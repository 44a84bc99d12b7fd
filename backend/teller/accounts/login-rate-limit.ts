/** Failed logins per username allowed in LOGIN_FAILURE_WINDOW_MS before logins are refused. */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_FAILURE_WINDOW_MS = 5 * 60_000;
/** Usernames tracked at most: a flood of made-up names must not grow memory without bound. */
const MAX_TRACKED = 10_000;

export interface LoginRateLimit {
  /** True while the username has LOGIN_FAILURE_LIMIT failures within the window. */
  blocked(username: string): boolean;
  fail(username: string): void;
  /** A successful login starts the count afresh. */
  clear(username: string): void;
}

/**
 * Counts failed logins per username (case-folded, so `Ana` and `ana` share a count) in memory.
 * Per username rather than per address: the consoles of a branch share one address, and the
 * point is to stop guessing one teller's password. A restart forgets the counts; guessing a
 * scrypt-hashed password at five tries per five minutes per restart is still hopeless.
 */
export function createLoginRateLimit(now: () => number): LoginRateLimit {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = now() - LOGIN_FAILURE_WINDOW_MS;
    const times = (failures.get(key) ?? []).filter((at) => at > since);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  const prune = () => {
    for (const key of [...failures.keys()]) recent(key);
    // Still too many within the window: drop the oldest entries (Map keeps insertion order).
    for (const key of failures.keys()) {
      if (failures.size <= MAX_TRACKED) break;
      failures.delete(key);
    }
  };
  return {
    blocked: (username) => recent(username.toLowerCase()).length >= LOGIN_FAILURE_LIMIT,
    fail: (username) => {
      const key = username.toLowerCase();
      const times = recent(key);
      failures.delete(key);
      failures.set(key, [...times, now()]);
      if (failures.size > MAX_TRACKED) prune();
    },
    clear: (username) => {
      failures.delete(username.toLowerCase());
    },
  };
}
