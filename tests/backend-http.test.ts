import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import {
  basic,
  KIOSK,
  kioskAuth,
  OPERATOR_PASSWORD,
  printerStatus,
  heartbeat,
  SECOND_KIOSK,
  seedOf,
  startTestBackend,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';
import { sendBatch, sessionRecord } from './backend-sync-records.ts';

const AUTH = { authorization: basic(OPERATOR_PASSWORD) };

describe('backend: HTTP', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({
      kiosks: [seedOf(KIOSK), { ...seedOf(SECOND_KIOSK), name: '<img src=x onerror=alert(1)> & "Norte"' }],
    });
  });
  afterEach(() => backend.stop());

  const post = (kioskId: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${backend.url}/api/fleet/kiosks/${kioskId}/service`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('GET /healthz answers without credentials', async () => {
    const response = await fetch(`${backend.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: 'ok' });
  });

  it.each([
    '/fleet',
    '/fleet.js',
    '/api/fleet',
    '/api/fleet/kiosks/kiosk-centro/service',
    '/api/fleet/kiosks/kiosk-centro/rejected',
    '/api/fleet/kiosks/kiosk-centro/deposits',
    '/api/card-orders',
  ])('%s refuses a missing, wrong-password or wrong-user credential with 401', async (path) => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: basic('wrong') },
      { authorization: basic(OPERATOR_PASSWORD, 'admin') },
      { authorization: 'Bearer x' },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${backend.url}${path}`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
    }
  });

  it('answers 404 for unknown routes and 405 for a wrong method', async () => {
    expect((await fetch(`${backend.url}/nope`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${backend.url}/api/fleet/kiosks`, { headers: AUTH })).status).toBe(404);
    const wrongMethod = await fetch(`${backend.url}/api/fleet`, { method: 'DELETE', headers: AUTH });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('serves the fleet page with a strict CSP, escaped values and a row per kiosk', async () => {
    const socket = await backend.connect(kioskAuth());
    await socket.emitWithAck(
      KIOSK_EVENTS.heartbeat,
      heartbeat({ screen: 'menu', devices: [printerStatus({ message: 'Paper <low>' })] }),
    );
    const response = await fetch(`${backend.url}/fleet`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    // No inline script, style or event handler: the CSP would block them, and data must not become markup.
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|<style|<[^>]*\s(style|on\w+)=/);
    expect(html).toContain('<script src="/fleet.js" defer></script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Norte&quot;');

    const centro = /<tr data-kiosk-id="kiosk-centro">(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
    expect(centro).toContain('<th scope="row">Centro branch');
    expect(centro).toContain('>Online<');
    expect(centro).toContain('<td>menu</td>');
    expect(centro).toContain('receiptPrinter: online — ready — paper ok, cover closed — Paper &lt;low&gt;');
    const norte = /<tr data-kiosk-id="kiosk-norte">(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
    expect(norte).toContain('>Offline<');
    const fleetTable = /<table id="fleet">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
    expect(fleetTable.match(/<th scope="col">/g)).toHaveLength(10);
    expect(centro).toContain(
      '<td>not reported <a class="deposits" href="/api/fleet/kiosks/kiosk-centro/deposits">Deposits</a></td>',
    );
    expect(centro).toContain('<td class="no-backlog">not reported</td>');
    expect(centro).toContain('<td>nothing yet — 0 rejected</td>');
  });

  it('shows the backlog, the mark and a link to the rejected records in the fleet page', async () => {
    const socket = await backend.connect(kioskAuth());
    await socket.emitWithAck(
      KIOSK_EVENTS.heartbeat,
      heartbeat({ backlog: { pending: 12, oldestPendingSeconds: 40, highWaterMark: 3 } }),
    );
    await sendBatch(socket, {
      records: [sessionRecord(1), sessionRecord(2, { type: 'no.suchType' }), sessionRecord(3)],
    });
    const html = await (await fetch(`${backend.url}/fleet`, { headers: AUTH })).text();
    const centro = /<tr data-kiosk-id="kiosk-centro">(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
    expect(centro).toContain('<td class="backlog">12 pending, oldest 40 s</td>');
    expect(centro).toContain(
      '<td>up to #3 — <a class="rejected" href="/api/fleet/kiosks/kiosk-centro/rejected">1 rejected</a></td>',
    );
    const api = await backend.fleetKiosk();
    expect(api.backlog).toEqual({ pending: 12, oldestPendingSeconds: 40, highWaterMark: 3 });
    expect(api.sync).toEqual({ highWaterMark: 3, rejected: 1 });
  });

  it('GET rejected records answers 404 for an unknown kiosk or a bad escape, 405 for POST', async () => {
    for (const id of ['kiosk-nobody', 'NOT-AN-ID', '%zz']) {
      expect((await fetch(`${backend.url}/api/fleet/kiosks/${id}/rejected`, { headers: AUTH })).status).toBe(
        404,
      );
    }
    const post = await fetch(`${backend.url}/api/fleet/kiosks/kiosk-centro/rejected`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const empty = await fetch(`${backend.url}/api/fleet/kiosks/kiosk-norte/rejected`, { headers: AUTH });
    expect(await empty.json()).toEqual({ kioskId: 'kiosk-norte', rejected: [] });
  });

  it('serves the page script and style as same-origin files', async () => {
    const script = await fetch(`${backend.url}/fleet.js`, { headers: AUTH });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await script.text();
    expect(source).toContain("fetch('/api/fleet'");
    expect(source).not.toContain('innerHTML');
    const style = await fetch(`${backend.url}/fleet.css`, { headers: AUTH });
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('POST service mode stores it, shows it in the fleet and sends it to the connected kiosk', async () => {
    const socket = await backend.connect(kioskAuth());
    await waitUntil(() => backend.serviceModesOf(socket).length === 1, 2000, 'the first service mode');
    const response = await post('kiosk-centro', { inService: false, reason: 'Cash cassette audit' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      kioskId: 'kiosk-centro',
      service: { inService: false, reason: 'Cash cassette audit' },
      delivered: true,
    });
    await waitUntil(() => backend.serviceModesOf(socket).length === 2, 2000, 'the new service mode');
    expect(backend.serviceModesOf(socket)[1]).toEqual({ inService: false, reason: 'Cash cassette audit' });
    expect((await backend.fleetKiosk()).service).toEqual({ inService: false, reason: 'Cash cassette audit' });

    // The next ack carries it too, and a kiosk connecting later receives it on connect.
    const ack = await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat());
    expect(ack.service).toEqual({ inService: false, reason: 'Cash cassette audit' });
    socket.disconnect();
    const later = await backend.connect(kioskAuth());
    await waitUntil(() => backend.serviceModesOf(later).length === 1, 2000, 'the service mode on connect');
    expect(backend.serviceModesOf(later)[0]).toEqual({ inService: false, reason: 'Cash cassette audit' });
  });

  it('POST service mode to a disconnected kiosk is stored but not delivered', async () => {
    const response = await post('kiosk-norte', { inService: false, reason: null });
    expect(await response.json()).toMatchObject({ delivered: false });
    expect((await backend.fleetKiosk('kiosk-norte')).service).toEqual({ inService: false, reason: null });
  });

  it('POST service mode validates the body, the kiosk, the content type and the origin', async () => {
    for (const body of [
      { inService: 'no', reason: null },
      { inService: false },
      { inService: false, reason: 'x'.repeat(201) },
      { inService: true, reason: null, extra: 1 },
      'not json',
      '',
    ]) {
      expect((await post('kiosk-centro', body)).status).toBe(400);
    }
    expect((await post('kiosk-nobody', { inService: false, reason: null })).status).toBe(404);
    expect(
      (await post('kiosk-centro', { inService: false, reason: null }, { 'content-type': 'text/plain' }))
        .status,
    ).toBe(415);
    expect(
      (await post('kiosk-centro', { inService: false, reason: null }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect((await backend.fleetKiosk()).service).toEqual({ inService: true, reason: null });
  });
});
