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

/** Minor units as the operator reads them, e.g. `1234.50 EUR` (every kiosk currency has cents). */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const units = Math.abs(minor);
  return `${sign}${Math.floor(units / 100)}.${String(units % 100).padStart(2, '0')} ${currency}`;
}

/** Counts per denomination, largest first, e.g. `3 × 50.00, 1 × 20.00`. */
export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([value, count]) => `${count} × ${formatMoney(Number(value), '').trim()}`)
    .join(', ');
}

function countsTotal(counts: Record<string, number>): { amount: number; pieces: number } {
  return Object.entries(counts).reduce(
    (sum, [value, count]) => ({ amount: sum.amount + Number(value) * count, pieces: sum.pieces + count }),
    { amount: 0, pieces: 0 },
  );
}

/** The cash report lines of a kiosk: cashbox, hopper, alerts; empty when none was reported. */
export function formatCash(kiosk: FleetKiosk): string[] {
  const cash = kiosk.cash;
  if (cash === null) return [];
  const box = countsTotal(cash.cashbox);
  const hopper = countsTotal(cash.hopper);
  return [
    box.pieces === 0
      ? 'Cashbox: empty'
      : `Cashbox: ${formatMoney(box.amount, cash.currency)} — ${formatCounts(cash.cashbox)}`,
    hopper.pieces === 0
      ? 'Hopper: empty'
      : `Hopper: ${hopper.pieces} coins, ${formatMoney(hopper.amount, cash.currency)} — ${formatCounts(cash.hopper)}`,
    cash.alerts.length === 0 ? 'No cash alerts' : `Alerts: ${cash.alerts.join(', ')}`,
  ];
}

/** Where the operator reads a kiosk's deposits. */
export function depositsPath(kioskId: string): string {
  return `/api/fleet/kiosks/${encodeURIComponent(kioskId)}/deposits`;
}

/** One line of a report cell; `alert` lines are shown as needing attention. */
export interface ReportLine {
  text: string;
  alert: boolean;
}

/**
 * The card stock the kiosk's card printer last reported (its device status detail): feeder,
 * ribbon and reject bin. Empty when the kiosk has no card printer.
 */
export function formatCardStock(kiosk: FleetKiosk): ReportLine[] {
  const printer = kiosk.devices.find((status) => status.device === 'cardPrinter');
  if (!printer) return [];
  const d = printer.detail;
  const feeder =
    typeof d.feederCards === 'number'
      ? {
          text: `Feeder: ${d.feederCards} cards${d.feederNearEmpty === true ? ' (near empty)' : ''}`,
          alert: d.feederNearEmpty === true || d.feederCards === 0,
        }
      : { text: 'Feeder: not reported', alert: false };
  const ribbon =
    typeof d.ribbonPanels === 'number'
      ? {
          text: `Ribbon: ${d.ribbonPanels} panels${d.ribbonLow === true ? ' (low)' : ''}`,
          alert: d.ribbonLow === true || d.ribbonPanels === 0,
        }
      : { text: 'Ribbon: not reported', alert: false };
  const full =
    typeof d.rejectBinCards === 'number' &&
    typeof d.rejectBinCapacity === 'number' &&
    d.rejectBinCards >= d.rejectBinCapacity;
  const rejectBin =
    typeof d.rejectBinCards === 'number' && typeof d.rejectBinCapacity === 'number'
      ? {
          text: `Reject bin: ${d.rejectBinCards} of ${d.rejectBinCapacity}${full ? ' (full)' : ''}`,
          alert: full,
        }
      : { text: 'Reject bin: not reported', alert: false };
  return [feeder, ribbon, rejectBin];
}

/** Cards per status, e.g. `1 pending, 4 issued, 1 spoiled, 0 voided`. */
export function formatCardCounts(
  counts: Record<'pending' | 'issued' | 'spoiled' | 'voided', number>,
): string {
  return `${counts.pending} pending, ${counts.issued} issued, ${counts.spoiled} spoiled, ${counts.voided} voided`;
}

/** The first block of a card id: enough to tell the cards on the page apart and to search for one. */
export function shortCardId(cardId: string): string {
  return cardId.slice(0, 8);
}

/** Why a card did not reach the customer: the spoil reason and where the card is, or the void reason. */
export function formatCardReason(card: {
  status: string;
  spoilReason: string | null;
  disposition: string | null;
  voidReason: string | null;
}): string {
  if (card.status === 'spoiled') {
    const where = card.disposition === 'inPrinter' ? 'stuck in the printer' : 'in the reject bin';
    return `${card.spoilReason ?? 'unknown'} — ${where}`;
  }
  if (card.status === 'voided') {
    return card.voidReason === 'reissued'
      ? 'reissued: the kiosk asked again'
      : (card.voidReason ?? 'unknown');
  }
  return '';
}
