// Refreshes the fleet table and the cards every 2 s from /api/fleet. Every value from the server is placed
// with textContent, never parsed as HTML: a kiosk name or device message cannot inject markup.
// Wording matches backend/http/fleet-format.ts, which renders the page's first state.
(() => {
  const REFRESH_MS = 2000;

  function formatTime(iso) {
    if (iso === null) return 'never';
    const time = new Date(iso);
    return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }

  function formatService(kiosk) {
    if (kiosk.service.inService) return 'In service';
    return kiosk.service.reason ? `Out of service: ${kiosk.service.reason}` : 'Out of service';
  }

  function formatDevice(status) {
    const parts = [`${status.device}: ${status.state}`, status.ready ? 'ready' : 'not ready'];
    const detail = Object.entries(status.detail).map(([key, value]) => `${key} ${String(value)}`);
    if (detail.length > 0) parts.push(detail.join(', '));
    if (status.action !== 'none') parts.push(`action: ${status.action}`);
    if (status.message) parts.push(status.message);
    return parts.join(' — ');
  }

  function formatAge(seconds) {
    if (seconds < 120) return `${Math.floor(seconds)} s`;
    if (seconds < 120 * 60) return `${Math.floor(seconds / 60)} min`;
    return `${Math.floor(seconds / 3600)} h`;
  }

  function formatBacklog(kiosk) {
    const backlog = kiosk.backlog;
    if (backlog === null) return 'not reported';
    if (backlog.pending === 0) return 'nothing pending';
    const oldest = backlog.oldestPendingSeconds;
    return oldest === null
      ? `${backlog.pending} pending`
      : `${backlog.pending} pending, oldest ${formatAge(oldest)}`;
  }

  function formatSyncMark(kiosk) {
    return kiosk.sync.highWaterMark === 0 ? 'nothing yet' : `up to #${kiosk.sync.highWaterMark}`;
  }

  function formatRejected(kiosk) {
    return `${kiosk.sync.rejected} rejected`;
  }

  function rejectedRecordsPath(kioskId) {
    return `/api/fleet/kiosks/${encodeURIComponent(kioskId)}/rejected`;
  }

  function formatMoney(minor, currency) {
    const sign = minor < 0 ? '-' : '';
    const units = Math.abs(minor);
    return `${sign}${Math.floor(units / 100)}.${String(units % 100).padStart(2, '0')} ${currency}`;
  }

  function formatCounts(counts) {
    return Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => Number(b) - Number(a))
      .map(([value, count]) => `${count} × ${formatMoney(Number(value), '').trim()}`)
      .join(', ');
  }

  function countsTotal(counts) {
    return Object.entries(counts).reduce(
      (sum, [value, count]) => ({ amount: sum.amount + Number(value) * count, pieces: sum.pieces + count }),
      { amount: 0, pieces: 0 },
    );
  }

  function formatCash(kiosk) {
    const cash = kiosk.cash;
    if (cash === null || cash === undefined) return [];
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

  function depositsPath(kioskId) {
    return `/api/fleet/kiosks/${encodeURIComponent(kioskId)}/deposits`;
  }

  function formatCardStock(kiosk) {
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

  function formatCardCounts(counts) {
    return `${counts.pending} pending, ${counts.issued} issued, ${counts.spoiled} spoiled, ${counts.voided} voided`;
  }

  function shortCardId(cardId) {
    return cardId.slice(0, 8);
  }

  function formatCardReason(card) {
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

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function cashCell(kiosk) {
    const cell = element('td');
    const lines = formatCash(kiosk);
    if (lines.length === 0) {
      cell.append('not reported');
    } else {
      const list = element('ul');
      lines.forEach((line, i) => {
        const alert = i === 2 && kiosk.cash.alerts.length > 0;
        list.append(element('li', line, alert ? 'cash-alert' : undefined));
      });
      cell.append(list);
    }
    cell.append(' ');
    const link = element('a', 'Deposits', 'deposits');
    link.href = depositsPath(kiosk.kioskId);
    cell.append(link);
    return cell;
  }

  function cardStockCell(kiosk) {
    const cell = element('td');
    const lines = formatCardStock(kiosk);
    if (lines.length === 0) {
      cell.append('no card printer');
      return cell;
    }
    const list = element('ul');
    for (const line of lines) list.append(element('li', line.text, line.alert ? 'card-alert' : undefined));
    cell.append(list);
    return cell;
  }

  function kioskRow(kiosk) {
    const row = element('tr');
    row.dataset.kioskId = kiosk.kioskId;
    const name = element('th', `${kiosk.name} `);
    name.scope = 'row';
    name.append(element('span', `(${kiosk.kioskId})`, 'kiosk-id'));
    row.append(name);
    row.append(element('td', kiosk.online ? 'Online' : 'Offline', kiosk.online ? 'online' : 'offline'));
    row.append(element('td', formatTime(kiosk.lastSeen)));
    row.append(element('td', kiosk.screen ?? 'unknown'));
    row.append(
      element('td', formatService(kiosk), kiosk.service.inService ? 'in-service' : 'out-of-service'),
    );
    const devices = element('td');
    if (kiosk.devices.length === 0) {
      devices.textContent = 'none reported';
    } else {
      const list = element('ul');
      for (const status of kiosk.devices) {
        list.append(element('li', formatDevice(status), status.ready ? 'ready' : 'not-ready'));
      }
      devices.append(list);
    }
    row.append(devices);
    const hasBacklog = kiosk.backlog !== null && kiosk.backlog.pending > 0;
    row.append(element('td', formatBacklog(kiosk), hasBacklog ? 'backlog' : 'no-backlog'));
    const sync = element('td', `${formatSyncMark(kiosk)} — `);
    if (kiosk.sync.rejected === 0) {
      sync.append(formatRejected(kiosk));
    } else {
      const link = element('a', formatRejected(kiosk), 'rejected');
      link.href = rejectedRecordsPath(kiosk.kioskId);
      sync.append(link);
    }
    row.append(sync);
    row.append(cashCell(kiosk));
    row.append(cardStockCell(kiosk));
    return row;
  }

  function cardRow(card) {
    const row = element('tr');
    row.dataset.cardId = card.cardId;
    row.append(element('td', shortCardId(card.cardId), 'card-id'));
    row.append(element('td', card.panMasked, 'pan'));
    row.append(element('td', card.status, `card-${card.status}`));
    row.append(element('td', card.kioskId));
    row.append(element('td', formatTime(card.updatedAt)));
    row.append(element('td', formatCardReason(card)));
    return row;
  }

  function renderCards(cards) {
    document.getElementById('card-counts').textContent = formatCardCounts(cards.counts);
    const rows = document.getElementById('card-rows');
    if (cards.recent.length === 0) {
      const row = element('tr');
      const cell = element('td', 'No cards issued yet.');
      cell.colSpan = 6;
      row.append(cell);
      rows.replaceChildren(row);
    } else {
      rows.replaceChildren(...cards.recent.map(cardRow));
    }
  }

  function render(kiosks) {
    const rows = document.getElementById('fleet-rows');
    if (kiosks.length === 0) {
      const row = element('tr');
      const cell = element('td', 'No kiosks are registered.');
      cell.colSpan = 10;
      row.append(cell);
      rows.replaceChildren(row);
    } else {
      rows.replaceChildren(...kiosks.map(kioskRow));
    }
    document.getElementById('fleet-updated').textContent = `Updated ${formatTime(new Date().toISOString())}`;
  }

  function showError(text) {
    const alert = document.getElementById('fleet-error');
    // Set only on a change, so a screen reader announces a failure once, not every 2 s.
    if (alert.textContent !== text) alert.textContent = text;
    alert.hidden = text === '';
  }

  async function refresh() {
    try {
      const response = await fetch('/api/fleet', {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = await response.json();
      render(body.kiosks);
      renderCards(body.cards);
      showError('');
    } catch (error) {
      showError(`Could not refresh the fleet (${error.message}); the table shows the last data received.`);
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  setTimeout(refresh, REFRESH_MS);
})();
