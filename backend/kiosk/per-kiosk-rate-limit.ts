/**
 * Counts a kiosk's requests of one kind over the last minute and refuses those above `perMinute`.
 * Kept by kiosk id, not by socket, so reconnecting does not reset it.
 */
export function createPerKioskRateLimiter(perMinute: number, now: () => number = Date.now) {
  const recentByKiosk = new Map<string, number[]>();
  return {
    allow(kioskId: string): boolean {
      const at = now();
      const recent = (recentByKiosk.get(kioskId) ?? []).filter((time) => at - time < 60_000);
      const allowed = recent.length < perMinute;
      if (allowed) recent.push(at);
      recentByKiosk.set(kioskId, recent);
      return allowed;
    },
  };
}
export type PerKioskRateLimiter = ReturnType<typeof createPerKioskRateLimiter>;
