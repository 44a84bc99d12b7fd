import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { FleetKiosk } from '../contracts/backend-protocol.ts';
import {
  formatAge,
  formatBacklog,
  formatCash,
  formatMoney,
  formatDevice,
  formatService,
  formatTime,
} from '../backend/http/fleet-format.ts';
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

describe('fleet page script', () => {
  it('refreshes every 2 s from /api/fleet and words every cell as the server does', async () => {
    const page = loadScript(async () => ({ ok: true, status: 200, json: async () => ({ kiosks }) }));
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
      formatDevice(kiosks[0]!.devices[0]!),
      '12 pending, oldest 40 s',
      'up to #57 — 2 rejected',
      'Cashbox: 162.00 EUR — 2 × 50.00, 3 × 20.00, 1 × 2.00' +
        'Hopper: 12 coins, 12.00 EUR — 12 × 1.00' +
        'Alerts: cashboxNearFull, hopperLow Deposits',
    ]);
    expect(formatCash(kiosks[0]!).join('')).toBe(
      centro
        .elements('li')
        .slice(1)
        .map((item) => item.textContent)
        .join(''),
    );
    expect(centro.elements('li').at(-1)!.className).toBe('cash-alert');
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
    ]);
    expect(norte.elements('a').map((a) => a.className)).toEqual(['deposits']);
    expect(page.byId['fleet-error'].hidden).toBe(true);
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
    const page = loadScript(async () => ({ ok: status === 200, status, json: async () => ({ kiosks }) }));
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
