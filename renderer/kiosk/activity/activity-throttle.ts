/**
 * Lets one report through per `intervalMs`: touches while reading keep the session alive, but
 * a burst of taps must not flood the bridge.
 */
export function createActivityThrottle(intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  return (): boolean => {
    const current = now();
    if (current - last < intervalMs) return false;
    last = current;
    return true;
  };
}
