import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostServer, startHostServer } from '../main/host/host-server.ts';
import type { KioskRuntime } from '../main/runtime/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openLedger } from './cash-ledger-support.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';

/**
 * The technician cash routes over a real cash ledger. The runtime is a stub whose cash members
 * call that ledger, as the runtime will: the routes are under test, not the runtime's wiring.
 */
const PIN = '135790';
const ledgerStore = openLedger();
const { ledger } = ledgerStore;
const hosts: HostServer[] = [];
let url: string;
let bareUrl: string;
let cookie: string;
let bareCookie: string;

async function startHost(runtime: Partial<KioskRuntime>) {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-cash-api-'));
  const host = await startHostServer({
    runtime: { config: testRuntimeConfig({ technicianPin: PIN }), ...runtime } as KioskRuntime,
    staticDir: dir,
    port: 0,
    logger: createMemoryLogger('host'),
  });
  hosts.push(host);
  const login = await fetch(`${host.url}/api/technician/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: PIN }),
  });
  expect(login.status).toBe(204);
  return { url: host.url, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

beforeAll(async () => {
  ({ url, cookie } = await startHost({
    cashLevels: () => ledger.levels(),
    startCashExchange: ({ device, kind }) => ledger.startExchange(device, kind),
    endCashExchange: ({ exchangeId, counted }) => ledger.endExchange(exchangeId, counted),
  }));
  ({ url: bareUrl, cookie: bareCookie } = await startHost({}));
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  ledgerStore.close();
});

const get = (base = url, withCookie = cookie) =>
  fetch(`${base}/api/technician/cash`, { headers: withCookie ? { cookie: withCookie } : {} });
const post = (step: 'start' | 'end', body: unknown, base = url, withCookie = cookie) =>
  fetch(`${base}/api/technician/cash/exchange/${step}`, {
    method: 'POST',
    headers: { cookie: withCookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('technician API: cash', () => {
  it('needs the technician session', async () => {
    expect((await get(url, '')).status).toBe(401);
    expect((await post('start', { device: 'coinHopper', kind: 'replenish' }, url, 'x=y')).status).toBe(401);
  });

  it('answers the levels with their alerts', async () => {
    ledger.noteEscrowed(2000);
    ledger.noteStacked(2000);
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      currency: 'EUR',
      cashbox: { 2000: 1 },
      hopper: {},
      alerts: ['hopperEmpty'],
    });
  });

  it('runs a replenishment: start with expected counts, end with the counted ones', async () => {
    const start = await post('start', { device: 'coinHopper', kind: 'replenish' });
    expect(start.status).toBe(200);
    const started = (await start.json()) as { exchangeId: string; expected: unknown; location: string };
    expect(started).toMatchObject({ location: 'hopper', expected: {} });

    const end = await post('end', { exchangeId: started.exchangeId, counted: { 100: 40 } });
    expect(end.status).toBe(200);
    expect(await end.json()).toMatchObject({
      difference: 4000,
      exchange: { exchangeId: started.exchangeId, counted: { 100: 40 }, expected: {} },
      levels: { hopper: { 100: 40 }, alerts: [] },
    });
    expect(ledger.levels().hopper).toEqual({ 100: 40 });
  });

  it('refuses malformed bodies, an unknown exchange and a cashbox replenishment', async () => {
    expect((await post('start', { device: 'printer', kind: 'empty' })).status).toBe(400);
    expect((await post('start', { device: 'billValidator', kind: 'replenish' })).status).toBe(400);
    expect((await post('end', { exchangeId: 'nope', counted: {} })).status).toBe(400);
    expect((await post('end', { exchangeId: crypto.randomUUID(), counted: { 100: -2 } })).status).toBe(400);
    const unknown = await post('end', { exchangeId: crypto.randomUUID(), counted: {} });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no open exchange has this id; start one again' });
    expect((await fetch(`${url}/api/technician/cash/exchange/start`, { headers: { cookie } })).status).toBe(
      404,
    );
  });

  it('answers 404 on a runtime without cash', async () => {
    expect((await get(bareUrl, bareCookie)).status).toBe(404);
    expect((await post('start', { device: 'coinHopper', kind: 'empty' }, bareUrl, bareCookie)).status).toBe(
      404,
    );
  });
});
