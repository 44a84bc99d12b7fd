import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../platform/log.ts';
import { sendError } from '../platform/http.ts';
import { openDatabase, type SqliteDatabase } from '../platform/sqlite.ts';
import { BACKEND_MIGRATIONS } from '../backend/db/migrations.ts';
import { createTellerConsoleAssets, isTellerConsolePath } from '../backend/http/teller-console-assets.ts';
import { createTellerRoutes, type DocumentImageSource } from '../backend/http/teller-routes.ts';
import { createTellerServices, type TellerServices } from '../backend/teller/teller-services.ts';

const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:; img-src 'self' data: blob:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const CALL_ID = '6f1c1a52-5d1c-4b1e-9a1a-2b7e3c4d5e6f';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('backend: the teller console served at /teller/', () => {
  let dir: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ventanilla-teller-console-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    writeFileSync(join(dir, 'renderer', 'assets', 'teller-abc123.js'), 'console.log(1)');
    const serve = createTellerConsoleAssets(join(dir, 'renderer'));
    server = createServer((req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://x.invalid');
      if (!isTellerConsolePath(pathname)) {
        res.writeHead(404).end();
        return;
      }
      void serve(req, res, pathname);
    });
    url = await listen(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with what to do while the console is not built', async () => {
    const response = await fetch(`${url}/teller/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:renderer');
  });

  it('serves index.html and the shared assets with the console CSP once built', async () => {
    mkdirSync(join(dir, 'renderer', 'teller'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'teller', 'index.html'), '<!doctype html><title>Teller</title>');
    const page = await fetch(`${url}/teller/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Teller</title>');
    const script = await fetch(`${url}/assets/teller-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    const redirect = await fetch(`${url}/teller`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/teller/');
    expect((await fetch(`${url}/teller/`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
  });

  it('refuses paths that leave the console folders', async () => {
    for (const path of [
      '/teller/..%2f..%2fsecret.txt',
      '/teller/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/teller/%00index.html',
      '/teller/%E0%A4%A',
    ]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside the renderer');
    }
  });
});

describe('backend: the shared document image, through the injected source', () => {
  let db: SqliteDatabase;
  let tellers: TellerServices;
  let server: Server;
  let url: string;
  let anaToken: string;
  let liToken: string;
  beforeAll(async () => {
    db = openDatabase(':memory:', BACKEND_MIGRATIONS);
    tellers = await createTellerServices(db, {
      callbackKey: Buffer.alloc(32, 1),
      tellers: [
        {
          username: 'ana',
          displayName: 'Ana',
          password: 'ana-password-1',
          languages: ['es'],
          topics: ['general'],
        },
        {
          username: 'li',
          displayName: 'Li',
          password: 'li-password-1',
          languages: ['zh'],
          topics: ['general'],
        },
      ],
      logger: createMemoryLogger(),
    });
    // Stands in for the call router: the call is Ana's.
    const documentImage: DocumentImageSource = (callId, teller) => {
      if (callId !== CALL_ID) return null;
      return teller.username === 'ana' ? { mime: 'image/png', bytes: PNG } : 'forbidden';
    };
    const routes = createTellerRoutes({ ...tellers, documentImage, logger: createMemoryLogger() });
    server = createServer((req, res) => {
      routes(req, res, new URL(req.url ?? '/', 'http://x.invalid')).catch((error) => sendError(res, error));
    });
    url = await listen(server);
    const ana = await tellers.accounts.login('ana', 'ana-password-1', null);
    const li = await tellers.accounts.login('li', 'li-password-1', null);
    if (!ana.ok || !li.ok) throw new Error('login refused');
    anaToken = ana.reply.token;
    liToken = li.reply.token;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    db.close();
  });

  const image = (token: string, callId = CALL_ID) =>
    fetch(`${url}/api/teller/calls/${callId}/document-image`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('gives the assigned teller the image, uncached, and audits the view', async () => {
    const response = await image(anaToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    const [latest] = tellers.audit.query({ all: true, callId: CALL_ID, limit: 1 });
    expect(latest).toMatchObject({ username: 'ana', action: 'viewDocument', callId: CALL_ID });
  });

  it('refuses another teller (403, audited as refused) and answers 404 for an unknown call', async () => {
    expect((await image(liToken)).status).toBe(403);
    const [latest] = tellers.audit.query({ all: true, callId: CALL_ID, limit: 1 });
    expect(latest).toMatchObject({ username: 'li', action: 'refused' });
    expect((await image(anaToken, '0b5f2a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b')).status).toBe(404);
  });
});
