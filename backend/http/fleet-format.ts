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
