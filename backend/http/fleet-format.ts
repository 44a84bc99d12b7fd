import type { FleetKiosk } from '../../contracts/backend-protocol.ts';
import type { DeviceStatus } from '../../contracts/devices/status.ts';

/*
 * Plain-text wording of the fleet table, used for the page the server renders. The refreshing
 * script (static/fleet.js) words cells the same way; tests/backend-fleet-page.test.ts runs both.
 */

export function formatTime(iso: string | null): string {
  if (iso === null) return 'never';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatService(kiosk: FleetKiosk): string {
  if (kiosk.service.inService) return 'In service';
  return kiosk.service.reason ? `Out of service: ${kiosk.service.reason}` : 'Out of service';
}

export function formatDevice(status: DeviceStatus): string {
  const parts = [`${status.device}: ${status.state}`, status.ready ? 'ready' : 'not ready'];
  const detail = Object.entries(status.detail).map(([key, value]) => `${key} ${String(value)}`);
  if (detail.length > 0) parts.push(detail.join(', '));
  if (status.action !== 'none') parts.push(`action: ${status.action}`);
  if (status.message) parts.push(status.message);
  return parts.join(' — ');
}

/** An age in seconds as the operator reads it: `40 s`, `12 min`, `3 h`. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.floor(seconds)} s`;
  if (seconds < 120 * 60) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

/** The kiosk's outbox as its last heartbeat reported it, e.g. `12 pending, oldest 40 s`. */
export function formatBacklog(kiosk: FleetKiosk): string {
  const backlog = kiosk.backlog;
  if (backlog === null) return 'not reported';
  if (backlog.pending === 0) return 'nothing pending';
  const oldest = backlog.oldestPendingSeconds;
  return oldest === null
    ? `${backlog.pending} pending`
    : `${backlog.pending} pending, oldest ${formatAge(oldest)}`;
}

/** What the backend has consumed of the kiosk's outbox, e.g. `up to #57`. */
export function formatSyncMark(kiosk: FleetKiosk): string {
  return kiosk.sync.highWaterMark === 0 ? 'nothing yet' : `up to #${kiosk.sync.highWaterMark}`;
}

export function formatRejected(kiosk: FleetKiosk): string {
  return `${kiosk.sync.rejected} rejected`;
}

/** Where the operator reads a kiosk's rejected records. */
export function rejectedRecordsPath(kioskId: string): string {
  return `/api/fleet/kiosks/${encodeURIComponent(kioskId)}/rejected`;
}
