import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHostServer, type HostServer } from '../main/host/host-server.ts';
import { createKioskRuntime, type KioskRuntime } from '../main/runtime/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { createFakeReceiptPrinter } from './support/fake-receipt-printer.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../contracts/bridge.ts';

let runtime: KioskRuntime;
let host: HostServer;
const logger = createMemoryLogger('host');
const PIN = '246810';

beforeAll(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'ventanilla-static-'));
  mkdirSync(join(staticDir, 'kiosk'));
  writeFileSync(join(staticDir, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(tmpdir(), 'ventanilla-outside.txt'), 'outside the root');
  runtime = createKioskRuntime(testRuntimeConfig({ technicianPin: PIN }), {
    receiptPrinter: createFakeReceiptPrinter(),
    logger,
    deviceSettleMs: 50,
  });
  await runtime.start();
  host = await startHostServer({ runtime, staticDir, port: 0, logger });
});
afterAll(async () => {
  await host.close();
  await runtime.stop();
});

/** A bridge client that collects every message it receives. */
async function openBridge(origin = host.url) {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/bridge`, { headers: { origin } });
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (predicate: (m: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const found = messages.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching message in ${JSON.stringify(messages)}`);
  };
  return { ws, messages, next };
}

describe('browser host', () => {
  it('serves the kiosk page with a CSP and refuses paths outside the renderer folder', async () => {
    const page = await fetch(`${host.url}/kiosk/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    for (const path of [
      '/../ventanilla-outside.txt',
      '/%2e%2e/ventanilla-outside.txt',
      '/kiosk/..%2f..%2fventanilla-outside.txt',
    ]) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status).toBe(404);
    }
  });

  it('carries bridge calls and pushes views', async () => {
    const { ws, next } = await openBridge();
    const first = await next((m) => m.kind === 'event');
    expect((first.payload as { screen: string }).screen).toBe('attract');
    ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'send', params: { type: 'START' } }));
    expect(await next((m) => m.id === 1)).toMatchObject({ ok: true, value: { accepted: true } });
    await next((m) => m.kind === 'event' && (m.payload as { screen: string }).screen === 'language');
    ws.send(JSON.stringify({ kind: 'call', id: 2, method: 'send', params: { type: 'BACK' } }));
    await next((m) => m.id === 2);
    ws.close();
  });

  it('answers malformed bridge messages with an error and keeps serving', async () => {
    const { ws, next, messages } = await openBridge();
    ws.send('this is not json');
    ws.send(JSON.stringify({ kind: 'call', id: 'x' }));
    ws.send(JSON.stringify({ kind: 'call', id: 7, method: 'rm -rf', params: null }));
    ws.send(
      JSON.stringify({
        kind: 'call',
        id: 8,
        method: 'send',
        params: { type: 'CHOOSE_LANGUAGE', language: 'xx' },
      }),
    );
    ws.send(
      JSON.stringify({ kind: 'call', id: 9, method: 'send', params: { type: 'DISPENSE', amount: 1e9 } }),
    );
    ws.send(JSON.stringify({ kind: 'call', id: 10, method: 'getView', params: null }));
    expect(await next((m) => m.id === 7)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await next((m) => m.id === 8)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await next((m) => m.id === 9)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await next((m) => m.id === 10)).toMatchObject({ ok: true, value: { screen: 'attract' } });
    expect(messages.filter((m) => m.id === null && m.ok === false)).toHaveLength(2);
    expect(logger.lines.some((l) => l.includes('bridge message refused'))).toBe(true);
    ws.close();
  });

  it('closes a connection whose message is over the size limit', async () => {
    const { ws } = await openBridge();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(
      JSON.stringify({
        kind: 'call',
        id: 1,
        method: 'send',
        params: { type: 'START', pad: 'x'.repeat(MAX_BRIDGE_MESSAGE_BYTES + 1) },
      }),
    );
    expect(await closed).toBe(1009);
  });

  it('refuses a bridge connection from a foreign origin', async () => {
    await expect(openBridge('http://evil.example')).rejects.toThrow(/403/);
  });

  it('keeps the technician API behind the PIN, with a lockout', async () => {
    expect((await fetch(`${host.url}/api/technician/overview`)).status).toBe(401);
    const login = (pin: string) =>
      fetch(`${host.url}/api/technician/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin }),
      });
    const ok = await login(PIN);
    expect(ok.status).toBe(204);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect(ok.headers.get('set-cookie')).toContain('HttpOnly');
    const overview = await fetch(`${host.url}/api/technician/overview`, { headers: { cookie } });
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({
      kioskId: 'kiosk-test-001',
      devices: [{ device: 'receiptPrinter', state: 'online' }],
    });
    expect(
      (await fetch(`${host.url}/api/technician/simulators/receiptPrinter/state`, { headers: { cookie } }))
        .status,
    ).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login('000000')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await login(PIN)).status).toBe(429);
    expect(logger.lines.join('\n')).not.toContain(PIN);
  });
});
