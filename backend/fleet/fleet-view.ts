import type { FleetKiosk } from '../../contracts/backend-protocol.ts';
import type { KioskPresence } from '../store/presence-store.ts';
import type { BackendStores } from '../store/backend-stores.ts';

/**
 * A kiosk counts as online while its socket is connected and it has spoken within the heartbeat
 * timeout. The timeout catches a hung kiosk whose connection stays open (socket.io's own pings are
 * answered by the transport even when the kiosk's runtime is stuck). A fresh connection counts as
 * having spoken, so a kiosk is online from the moment it connects.
 */
export function isOnline(
  presence: KioskPresence | undefined,
  heartbeatTimeoutMs: number,
  now: Date,
): boolean {
  if (!presence?.connected) return false;
  const lastHeard = Math.max(
    presence.connectedAt ? Date.parse(presence.connectedAt) : Number.NEGATIVE_INFINITY,
    presence.lastSeen ? Date.parse(presence.lastSeen) : Number.NEGATIVE_INFINITY,
  );
  return now.getTime() - lastHeard <= heartbeatTimeoutMs;
}

/** What `GET /api/fleet` and the fleet page show: every registered kiosk. */
export function fleetView(stores: BackendStores, heartbeatTimeoutMs: number, now = new Date()): FleetKiosk[] {
  return stores.kiosks.list().map((kiosk) => {
    const presence = stores.presence.find(kiosk.kioskId);
    return {
      kioskId: kiosk.kioskId,
      name: kiosk.name,
      online: isOnline(presence, heartbeatTimeoutMs, now),
      lastSeen: presence?.lastSeen ?? null,
      screen: presence?.screen ?? null,
      service: stores.serviceMode.get(kiosk.kioskId),
      devices: stores.deviceStatus.list(kiosk.kioskId),
      backlog: stores.syncBacklog.find(kiosk.kioskId),
      cash: stores.cashLevels.find(kiosk.kioskId),
      sync: stores.syncRecords.state(kiosk.kioskId),
    };
  });
}
