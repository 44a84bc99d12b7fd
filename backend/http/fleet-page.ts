import type { FleetKiosk } from '../../contracts/backend-protocol.ts';
import type { FleetCard, FleetCards } from '../fleet/fleet-cards.ts';
import {
  depositsPath,
  formatBacklog,
  formatCardCounts,
  formatCardReason,
  formatCardStock,
  formatCash,
  formatDevice,
  formatRejected,
  formatService,
  formatSyncMark,
  formatTime,
  rejectedRecordsPath,
  shortCardId,
} from './fleet-format.ts';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A backlog worth a look: records waiting. */
function backlogClass(kiosk: FleetKiosk): string {
  return kiosk.backlog !== null && kiosk.backlog.pending > 0 ? 'backlog' : 'no-backlog';
}

/** The high-water mark, then the rejected count, linked to the list when there are any. */
function syncCell(kiosk: FleetKiosk): string {
  const rejected = escapeHtml(formatRejected(kiosk));
  const link =
    kiosk.sync.rejected === 0
      ? rejected
      : `<a class="rejected" href="${escapeHtml(rejectedRecordsPath(kiosk.kioskId))}">${rejected}</a>`;
  return `${escapeHtml(formatSyncMark(kiosk))} — ${link}`;
}

/** The cash report (or `not reported`), then the link to the kiosk's deposits. */
function cashCell(kiosk: FleetKiosk): string {
  const lines = formatCash(kiosk);
  const report =
    lines.length === 0
      ? 'not reported'
      : `<ul>${lines
          .map((line, i) => {
            const alert = i === 2 && kiosk.cash !== null && kiosk.cash.alerts.length > 0;
            return `<li${alert ? ' class="cash-alert"' : ''}>${escapeHtml(line)}</li>`;
          })
          .join('')}</ul>`;
  return `${report} <a class="deposits" href="${escapeHtml(depositsPath(kiosk.kioskId))}">Deposits</a>`;
}

/** The card printer's stock (feeder, ribbon, reject bin), or `no card printer`. */
function cardStockCell(kiosk: FleetKiosk): string {
  const lines = formatCardStock(kiosk);
  if (lines.length === 0) return 'no card printer';
  return `<ul>${lines
    .map((line) => `<li${line.alert ? ' class="card-alert"' : ''}>${escapeHtml(line.text)}</li>`)
    .join('')}</ul>`;
}

function kioskRow(kiosk: FleetKiosk): string {
  const devices =
    kiosk.devices.length === 0
      ? 'none reported'
      : `<ul>${kiosk.devices
          .map((d) => `<li class="${d.ready ? 'ready' : 'not-ready'}">${escapeHtml(formatDevice(d))}</li>`)
          .join('')}</ul>`;
  return [
    `<tr data-kiosk-id="${escapeHtml(kiosk.kioskId)}">`,
    `<th scope="row">${escapeHtml(kiosk.name)} <span class="kiosk-id">(${escapeHtml(kiosk.kioskId)})</span></th>`,
    `<td class="${kiosk.online ? 'online' : 'offline'}">${kiosk.online ? 'Online' : 'Offline'}</td>`,
    `<td>${escapeHtml(formatTime(kiosk.lastSeen))}</td>`,
    `<td>${escapeHtml(kiosk.screen ?? 'unknown')}</td>`,
    `<td class="${kiosk.service.inService ? 'in-service' : 'out-of-service'}">${escapeHtml(formatService(kiosk))}</td>`,
    `<td>${devices}</td>`,
    `<td class="${backlogClass(kiosk)}">${escapeHtml(formatBacklog(kiosk))}</td>`,
    `<td>${syncCell(kiosk)}</td>`,
    `<td>${cashCell(kiosk)}</td>`,
    `<td>${cardStockCell(kiosk)}</td>`,
    '</tr>',
  ].join('');
}

function cardRow(card: FleetCard): string {
  return [
    `<tr data-card-id="${escapeHtml(card.cardId)}">`,
    `<td class="card-id">${escapeHtml(shortCardId(card.cardId))}</td>`,
    `<td class="pan">${escapeHtml(card.panMasked)}</td>`,
    `<td class="card-${escapeHtml(card.status)}">${escapeHtml(card.status)}</td>`,
    `<td>${escapeHtml(card.kioskId)}</td>`,
    `<td>${escapeHtml(formatTime(card.updatedAt))}</td>`,
    `<td>${escapeHtml(formatCardReason(card))}</td>`,
    '</tr>',
  ].join('');
}

/** The latest cards the backend issued and the counts per status: numbers masked. */
function cardsSection(cards: FleetCards): string {
  const rows =
    cards.recent.length === 0
      ? '<tr><td colspan="6">No cards issued yet.</td></tr>'
      : cards.recent.map(cardRow).join('\n');
  return `<section aria-labelledby="cards-title">
<h2 id="cards-title">Cards</h2>
<p id="card-counts">${escapeHtml(formatCardCounts(cards.counts))}</p>
<table id="cards">
<caption>The latest cards issued to kiosks, newest first (numbers masked)</caption>
<thead>
<tr><th scope="col">Card</th><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Kiosk</th><th scope="col">Changed</th><th scope="col">Reason</th></tr>
</thead>
<tbody id="card-rows">
${rows}
</tbody>
</table>
</section>`;
}

/**
 * The fleet page as first served: complete without script, so it is readable even where scripts
 * are off. `/fleet.js` then refreshes the rows and the cards every 2 s from `/api/fleet`.
 */
export function renderFleetPage(kiosks: readonly FleetKiosk[], cards: FleetCards, now = new Date()): string {
  const rows =
    kiosks.length === 0
      ? '<tr><td colspan="10">No kiosks are registered.</td></tr>'
      : kiosks.map(kioskRow).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ventanilla — kiosk fleet</title>
<link rel="stylesheet" href="/fleet.css">
<script src="/fleet.js" defer></script>
</head>
<body>
<main>
<h1>Kiosk fleet</h1>
<p id="fleet-updated">Updated ${escapeHtml(formatTime(now.toISOString()))}</p>
<p id="fleet-error" role="alert" hidden></p>
<table id="fleet">
<caption>Every registered kiosk, its connection, service mode, devices, sync, cash and card stock</caption>
<thead>
<tr><th scope="col">Kiosk</th><th scope="col">Connection</th><th scope="col">Last heartbeat</th><th scope="col">Screen</th><th scope="col">Service</th><th scope="col">Devices</th><th scope="col">Outbox backlog</th><th scope="col">Synced</th><th scope="col">Cash</th><th scope="col">Card stock</th></tr>
</thead>
<tbody id="fleet-rows">
${rows}
</tbody>
</table>
${cardsSection(cards)}
</main>
</body>
</html>
`;
}
