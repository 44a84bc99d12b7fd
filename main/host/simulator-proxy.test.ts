import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PrintedCard, SimulatorState } from '../../contracts/index.ts';
import { createMemoryLogger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/index.ts';
import { createSimulatorProxy } from './simulator-proxy.ts';
import { createTechnicianApi } from './technician-api.ts';
import { createTechnicianAuth } from './technician-auth.ts';

const PIN = '135790';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const CARD: PrintedCard = {
  id: 7,
  pickedAt: '2025-01-01T10:00:00.000Z',
  location: 'atExit',
  printed: true,
  tracks: [{ track: 2, valid: true, masked: ';492913******1234=29121010000?' }],
  mechanicalMs: 5_400,
};
const STATE: SimulatorState = {
  device: 'cardPrinter',
  faults: [],
  supplies: { feederCards: 99 },
  plugged: true,
};

/** What the fake card printer simulator was asked, in order. */
const received: Array<{ method: string; url: string; contentType: string | undefined; body: string }> = [];
let cardAtExit = true;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

/** A card printer simulator's control API, as far as the panel's card routes go. */
const simulator: Server = createServer(async (req, res) => {
  received.push({
    method: req.method ?? '',
    url: req.url ?? '',
    contentType: req.headers['content-type'],
    body: await readBody(req),
  });
  const route = `${req.method} ${req.url}`;
  if (route === 'GET /cards/last')
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(CARD));
  else if (route === 'GET /cards/last.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  else if (route === 'POST /take' && cardAtExit) {
    cardAtExit = false;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STATE));
  } else if (route === 'POST /take') res.writeHead(409, { 'content-type': 'application/json' }).end('{}');
  else res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
});

let kiosk: Server;
let simulatorUrl: string;
let kioskUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => simulator.listen(0, '127.0.0.1', resolve));
  simulatorUrl = `http://127.0.0.1:${(simulator.address() as AddressInfo).port}`;
  const api = createTechnicianApi({
    // The simulator routes never reach the runtime.
    runtime: {} as KioskRuntime,
    auth: createTechnicianAuth({ pin: PIN }),
    simulators: createSimulatorProxy([{ device: 'cardPrinter', controlUrl: simulatorUrl }]),
    logger: createMemoryLogger('technician'),
  });
  kiosk = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (api.matches(pathname)) void api.handle(req, res, pathname);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => kiosk.listen(0, '127.0.0.1', resolve));
  kioskUrl = `http://127.0.0.1:${(kiosk.address() as AddressInfo).port}/api/technician`;
});

afterAll(async () => {
  await new Promise((resolve) => kiosk.close(resolve));
  await new Promise((resolve) => simulator.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  cardAtExit = true;
});

describe('simulator proxy: card printer routes', () => {
  const proxy = createSimulatorProxy([]);

  it('lets the last card, its image and taking the card through', () => {
    expect(proxy.isAllowed('GET', '/cards/last')).toBe(true);
    expect(proxy.isAllowed('GET', '/cards/last.png')).toBe(true);
    expect(proxy.isAllowed('POST', '/take')).toBe(true);
  });

  it('refuses other methods and paths near them', () => {
    for (const [method, path] of [
      ['POST', '/cards/last'],
      ['DELETE', '/cards/last'],
      ['GET', '/take'],
      ['DELETE', '/take'],
      ['GET', '/cards'],
      ['GET', '/cards/1'],
      ['GET', '/cards/last.jpg'],
      ['GET', '/cards/last.png/x'],
      ['GET', '/cards/lastpng'],
      ['POST', '/take/all'],
      ['POST', '/takes'],
      ['GET', '/cards/../state/../cards/last'],
    ] as const)
      expect(proxy.isAllowed(method, path), `${method} ${path}`).toBe(false);
  });

  it('forwards the last card as JSON and its image as PNG bytes', async () => {
    const forward = createSimulatorProxy([{ device: 'cardPrinter', controlUrl: simulatorUrl }]).forward;
    const card = await forward('cardPrinter', 'GET', '/cards/last', null);
    expect(card?.status).toBe(200);
    expect(JSON.parse(card!.body.toString())).toEqual(CARD);
    const png = await forward('cardPrinter', 'GET', '/cards/last.png', null);
    expect(png?.contentType).toBe('image/png');
    expect(png?.body.equals(PNG)).toBe(true);
  });
});

describe('technician API: card printer simulator routes', () => {
  async function signIn(): Promise<string> {
    const response = await fetch(`${kioskUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pin: PIN }),
    });
    expect(response.status).toBe(204);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('needs the technician PIN: without it nothing reaches the simulator', async () => {
    for (const [method, path] of [
      ['GET', '/cards/last'],
      ['GET', '/cards/last.png'],
      ['POST', '/take'],
    ])
      expect((await fetch(`${kioskUrl}/simulators/cardPrinter${path}`, { method })).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('passes the last card and its image through, uncached', async () => {
    const cookie = await signIn();
    const card = await fetch(`${kioskUrl}/simulators/cardPrinter/cards/last`, { headers: { cookie } });
    expect(card.status).toBe(200);
    expect(card.headers.get('cache-control')).toBe('no-store');
    expect(await card.json()).toEqual(CARD);
    const png = await fetch(`${kioskUrl}/simulators/cardPrinter/cards/last.png`, { headers: { cookie } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('takes the card with an empty POST, and passes on the 409 when there is none', async () => {
    const cookie = await signIn();
    const take = () =>
      fetch(`${kioskUrl}/simulators/cardPrinter/take`, { method: 'POST', headers: { cookie } });
    const first = await take();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(STATE);
    expect((await take()).status).toBe(409);
    expect(received.map((r) => [r.method, r.url, r.contentType, r.body])).toEqual([
      ['POST', '/take', undefined, ''],
      ['POST', '/take', undefined, ''],
    ]);
  });

  it('refuses a route off the list without asking the simulator', async () => {
    const cookie = await signIn();
    for (const [method, path] of [
      ['POST', '/cards/last'],
      ['GET', '/take'],
      ['GET', '/cards/9'],
    ])
      expect(
        (await fetch(`${kioskUrl}/simulators/cardPrinter${path}`, { method, headers: { cookie } })).status,
      ).toBe(404);
    expect(received).toEqual([]);
  });
});
