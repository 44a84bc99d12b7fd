import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { FleetKiosk } from '../contracts/backend-protocol.ts';
import type { FleetCards } from '../backend/fleet/fleet-cards.ts';
import {
  formatAge,
  formatBacklog,
  formatCardStock,
  formatCash,
  formatMoney,
  formatDevice,
  formatService,
  formatTime,
} from '../backend/http/fleet-format.ts';
import { renderFleetPage } from '../backend/http/fleet-page.ts';
import { cardPrinterStatus } from './backend-card-records.ts';
import { printerStatus } from './backend-harness.ts';

/**
 * Runs the fleet page's script (backend/http/static/fleet.js) against a minimal DOM that records
 * what the script builds, and refuses `innerHTML`: every value must arrive as text.
 */
class FakeElement {
  children: Array<FakeElement | string> = [];
  className = '';
  dataset: Record<string, string> = {};
  scope = '';
  colSpan = 1;
  hidden = false;
  href = '';
  constructor(readonly tagName: string) {}
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  set textContent(text: string) {
    this.children = [String(text)];
  }
  set innerHTML(_html: string) {
    throw new Error('fleet.js must not set innerHTML');
  }
  append(...nodes: Array<FakeElement | string>) {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: Array<FakeElement | string>) {
    this.children = [...nodes];
  }
  elements(tag: string): FakeElement[] {
    return this.children.flatMap((c) =>
      typeof c === 'string' ? [] : [...(c.tagName === tag ? [c] : []), ...c.elements(tag)],
    );
  }
}

function loadScript(respond: () => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>) {
  const byId = {
    'fleet-rows': new FakeElement('tbody'),
    'fleet-updated': new FakeElement('p'),
    'fleet-error': new FakeElement('p'),
    'card-counts': new FakeElement('p'),
    'card-rows': new FakeElement('tbody'),
  };
  byId['fleet-error'].hidden = true;
  const timers: Array<() => void> = [];
  const fetched: string[] = [];
  runInNewContext(readFileSync(new URL('../backend/http/static/fleet.js', import.meta.url), 'utf8'), {
    document: {
      createElement: (tag: string) => new FakeElement(tag),
      getElementById: (id: keyof typeof byId) => byId[id],
    },
    fetch: (url: string) => {
      fetched.push(url);
      return respond();
    },
    setTimeout: (callback: () => void) => timers.push(callback),
  });
  /** Runs the pending refresh and waits for it to finish. */
  const tick = async () => {
    const next = timers.shift();
    if (!next) throw new Error('no refresh is scheduled');
    next();
    await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { byId, timers, fetched, tick };
}

const kiosks: FleetKiosk[] = [
  {
    kioskId: 'kiosk-centro',
    name: '<b>Centro</b>',
    online: true,
    lastSeen: '2026-01-05T10:00:03.120Z',
    screen: 'menu',
    service: { inService: false, reason: 'Audit <today>' },
    devices: [
      printerStatus({
        ready: false,
        state: 'userError',
        detail: { paper: 'out', cover: 'closed' },
        action: 'clear',
        message: '<script>x</script>',
      }),
      cardPrinterStatus({
        feederCards: 4,
        feederNearEmpty: true,
        ribbonPanels: 180,
        ribbonLow: false,
        rejectBinCards: 20,
        rejectBinCapacity: 20,
      }),
    ],
    backlog: { pending: 12, oldestPendingSeconds: 40, highWaterMark: 57 },
    cash: {
      currency: 'EUR',
      cashbox: { '200': 1, '2000': 3, '5000': 2 },
      hopper: { '100': 12 },
      alerts: ['cashboxNearFull', 'hopperLow'],
    },
    sync: { highWaterMark: 57, rejected: 2 },
  },
  {
    kioskId: 'kiosk-norte',
    name: 'Norte',
    online: false,
    lastSeen: null,
    screen: null,
    service: { inService: true, reason: null },
    devices: [],
    backlog: null,
    cash: null,
    sync: { highWaterMark: 0, rejected: 0 },
  },
];

const cards: FleetCards = {
  counts: { pending: 1, issued: 1, spoiled: 1, voided: 2 },
  recent: [
    card('0f3e9a1c-5b7d-4e2f-9a8b-1c2d3e4f5a6b', 'pending', {}),
    card('1a2b3c4d-0000-4000-8000-000000000001', 'issued', {}),
    card('2b3c4d5e-0000-4000-8000-000000000002', 'spoiled', { spoilReason: 'jam', disposition: 'inPrinter' }),
    card('3c4d5e6f-0000-4000-8000-000000000003', 'voided', { voidReason: 'reissued' }),
    card('4d5e6f70-0000-4000-8000-000000000004', 'voided', { voidReason: '<b>flowEnded</b>' }),
  ],
};

function card(
  cardId: string,
  status: FleetCards['recent'][number]['status'],
  reasons: Partial<Pick<FleetCards['recent'][number], 'spoilReason' | 'disposition' | 'voidReason'>>,
): FleetCards['recent'][number] {
  return {
    cardId,
    panMasked: '990000******4242',
    status,
    kioskId: 'kiosk-centro',
    attempt: 1,
    createdAt: '2026-01-05T10:05:00.000Z',
    updatedAt: '2026-01-05T10:06:00.000Z',
    spoilReason: null,
    disposition: null,
    voidReason: null,
    ...reasons,
  };
}

/** The text of every cell of the server-rendered row whose opening tag matches `rowStart`. */
function serverCells(html: string, rowStart: string): string[] {
  const start = html.indexOf(rowStart);
  if (start < 0) throw new Error(`no row ${rowStart} in the page`);
  const row = html.slice(start, html.indexOf('</tr>', start));
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((match) =>
    match[1]!
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&'),
  );
}

describe('fleet page script', () => {
  it('refreshes every 2 s from /api/fleet and words every cell as the server does', async () => {
    const page = loadScript(async () => ({ ok: true, status: 200, json: async () => ({ kiosks, cards }) }));
    expect(page.timers).toHaveLength(1);
    await page.tick();
    expect(page.fetched).toEqual(['/api/fleet']);
    expect(page.timers).toHaveLength(1);

    const rows = page.byId['fleet-rows'].elements('tr');
    expect(rows).toHaveLength(2);
    const [centro, norte] = rows as [FakeElement, FakeElement];
    expect(centro.dataset.kioskId).toBe('kiosk-centro');
    const header = centro.elements('th')[0]!;
    expect(header.scope).toBe('row');
    expect(header.textContent).toBe('<b>Centro</b> (kiosk-centro)');
    expect(centro.elements('td').map((cell) => cell.textContent)).toEqual([
      'Online',
      formatTime(kiosks[0]!.lastSeen),
      'menu',
      formatService(kiosks[0]!),
      formatDevice(kiosks[0]!.devices[0]!) + formatDevice(kiosks[0]!.devices[1]!),
      '12 pending, oldest 40 s',
      'up to #57 — 2 rejected',
      'Cashbox: 162.00 EUR — 2 × 50.00, 3 × 20.00, 1 × 2.00' +
        'Hopper: 12 coins, 12.00 EUR — 12 × 1.00' +
        'Alerts: cashboxNearFull, hopperLow Deposits',
      'Feeder: 4 cards (near empty)Ribbon: 180 panelsReject bin: 20 of 20 (full)',
    ]);
    const items = centro.elements('li');
    expect(formatCash(kiosks[0]!).join('')).toBe(
      items
        .slice(2, 5)
        .map((item) => item.textContent)
        .join(''),
    );
    expect(items[4]!.className).toBe('cash-alert');
    expect(formatCardStock(kiosks[0]!).map((line) => line.text)).toEqual(
      items.slice(5).map((item) => item.textContent),
    );
    expect(items.slice(5).map((item) => item.className)).toEqual(['card-alert', '', 'card-alert']);
    const deposits = centro.elements('a')[1]!;
    expect(deposits.href).toBe('/api/fleet/kiosks/kiosk-centro/deposits');
    expect(formatBacklog(kiosks[0]!)).toBe('12 pending, oldest 40 s');
    const link = centro.elements('a')[0]!;
    expect(link.href).toBe('/api/fleet/kiosks/kiosk-centro/rejected');
    expect(link.textContent).toBe('2 rejected');
    expect(formatService(kiosks[0]!)).toBe('Out of service: Audit <today>');
    expect(norte.elements('td').map((cell) => cell.textContent)).toEqual([
      'Offline',
      'never',
      'unknown',
      'In service',
      'none reported',
      'not reported',
      'nothing yet — 0 rejected',
      'not reported Deposits',
      'no card printer',
    ]);
    expect(norte.elements('a').map((a) => a.className)).toEqual(['deposits']);
    expect(page.byId['fleet-error'].hidden).toBe(true);

    // The server renders every cell of every row with the same words.
    const html = renderFleetPage(kiosks, cards);
    for (const row of rows) {
      expect(row.elements('td').map((cell) => cell.textContent)).toEqual(
        serverCells(html, `<tr data-kiosk-id="${row.dataset.kioskId}">`),
      );
    }
  });

  it('lists the latest cards, masked, with their status, kiosk, time and reason, as the server does', async () => {
    const page = loadScript(async () => ({ ok: true, status: 200, json: async () => ({ kiosks, cards }) }));
    await page.tick();
    expect(page.byId['card-counts'].textContent).toBe('1 pending, 1 issued, 1 spoiled, 2 voided');
    const rows = page.byId['card-rows'].elements('tr');
    expect(rows.map((row) => row.elements('td').map((cell) => cell.textContent))).toEqual([
      ['0f3e9a1c', '990000******4242', 'pending', 'kiosk-centro', '2026-01-05 10:06:00 UTC', ''],
      ['1a2b3c4d', '990000******4242', 'issued', 'kiosk-centro', '2026-01-05 10:06:00 UTC', ''],
      [
        '2b3c4d5e',
        '990000******4242',
        'spoiled',
        'kiosk-centro',
        '2026-01-05 10:06:00 UTC',
        'jam — stuck in the printer',
      ],
      [
        '3c4d5e6f',
        '990000******4242',
        'voided',
        'kiosk-centro',
        '2026-01-05 10:06:00 UTC',
        'reissued: the kiosk asked again',
      ],
      [
        '4d5e6f70',
        '990000******4242',
        'voided',
        'kiosk-centro',
        '2026-01-05 10:06:00 UTC',
        '<b>flowEnded</b>',
      ],
    ]);
    expect(rows[2]!.elements('td')[2]!.className).toBe('card-spoiled');
    const html = renderFleetPage(kiosks, cards);
    expect(html).toContain('<p id="card-counts">1 pending, 1 issued, 1 spoiled, 2 voided</p>');
    expect(html).toContain('&lt;b&gt;flowEnded&lt;/b&gt;');
    for (const row of rows) {
      expect(row.elements('td').map((cell) => cell.textContent)).toEqual(
        serverCells(html, `<tr data-card-id="${row.dataset.cardId}">`),
      );
    }

    const empty = loadScript(async () => ({
      ok: true,
      status: 200,
      json: async () => ({
        kiosks: [],
        cards: { counts: { pending: 0, issued: 0, spoiled: 0, voided: 0 }, recent: [] },
      }),
    }));
    await empty.tick();
    expect(empty.byId['card-rows'].textContent).toBe('No cards issued yet.');
    expect(empty.byId['fleet-rows'].elements('td')[0]!.colSpan).toBe(10);
    expect(empty.byId['card-rows'].elements('td')[0]!.colSpan).toBe(6);
    expect(
      renderFleetPage([], { counts: { pending: 0, issued: 0, spoiled: 0, voided: 0 }, recent: [] }),
    ).toContain('<tr><td colspan="6">No cards issued yet.</td></tr>');
  });

  it('words amounts in minor units with two decimals, whole and exact', () => {
    expect([0, 5, 99, 100, 123_456, -2000].map((minor) => formatMoney(minor, 'EUR'))).toEqual([
      '0.00 EUR',
      '0.05 EUR',
      '0.99 EUR',
      '1.00 EUR',
      '1234.56 EUR',
      '-20.00 EUR',
    ]);
    expect(
      formatCash({ ...kiosks[1]!, cash: { currency: 'MXN', cashbox: {}, hopper: {}, alerts: [] } }),
    ).toEqual(['Cashbox: empty', 'Hopper: empty', 'No cash alerts']);
  });

  it('words backlog ages and states the way the server does', () => {
    expect([0, 40, 119.9, 120, 3599, 7200, 90_000].map(formatAge)).toEqual([
      '0 s',
      '40 s',
      '119 s',
      '2 min',
      '59 min',
      '2 h',
      '25 h',
    ]);
    const base = kiosks[1]!;
    expect(
      formatBacklog({ ...base, backlog: { pending: 0, oldestPendingSeconds: null, highWaterMark: 3 } }),
    ).toBe('nothing pending');
    expect(
      formatBacklog({ ...base, backlog: { pending: 4, oldestPendingSeconds: null, highWaterMark: 3 } }),
    ).toBe('4 pending');
  });

  it('keeps the last rows and shows an alert when a refresh fails, then recovers', async () => {
    let status = 200;
    const page = loadScript(async () => ({
      ok: status === 200,
      status,
      json: async () => ({ kiosks, cards }),
    }));
    await page.tick();
    status = 401;
    await page.tick();
    expect(page.byId['fleet-rows'].elements('tr')).toHaveLength(2);
    expect(page.byId['fleet-error'].hidden).toBe(false);
    expect(page.byId['fleet-error'].textContent).toContain('HTTP 401');
    status = 200;
    await page.tick();
    expect(page.byId['fleet-error'].hidden).toBe(true);
  });
});
