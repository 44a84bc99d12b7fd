export interface RetryPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
}

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(maxMs, baseMs·2^attempt)].
 * Full jitter (rather than a fixed delay plus a little noise) spreads a fleet of kiosks that all lost
 * the backend at once, so they do not come back in one wave when it returns.
 */
export function backoffCeilingMs(policy: RetryPolicy, attempt: number): number {
  // 2^attempt overflows to Infinity long before it matters; the exponent is capped to keep it finite.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
}

export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeilingMs(policy, attempt));
}
