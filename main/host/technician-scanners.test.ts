import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MrzReaderHealth, MrzReadResult, SpecimenDocumentInfo } from '../../contracts/index.ts';
import { createMemoryLogger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/index.ts';
import { createSimulatorProxy } from './simulator-proxy.ts';
import { createTechnicianApi } from './technician-api.ts';
import { createTechnicianAuth } from './technician-auth.ts';

const PIN = '135790';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7]);
const DOCUMENTS: SpecimenDocumentInfo[] = [
  {
    id: 'passport-esp',
    label: 'Passport, Spain (clean)',
    format: 'TD3',
    condition: ['clean'],
    expected: { accept: ['P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<<<<<'] },
  },
];
const HEALTH: MrzReaderHealth = { state: 'ready', restarts: 1, readyMs: 840, rssBytes: 90_000_000 };
const READ_RESULT: MrzReadResult = {
  status: 'rejected',
  reason: 'checkDigits',
  lines: ['P<ESPGARCIA'],
  checks: [{ field: 'documentNumber', valid: false }],
  detail: 'document number check digit fails',
  timings: { decodeMs: 4, prepareMs: 20, ocrMs: 180, totalMs: 204.6 },
};

/** What the fake simulators were asked, in order. */
const received: Array<{ device: string; method: string; url: string; body: string }> = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

/** The ID and QR scanner simulators' control APIs, as far as the panel's routes go. */
function fakeSimulator(device: string): Server {
  return createServer(async (req, res) => {
    received.push({ device, method: req.method ?? '', url: req.url ?? '', body: await readBody(req) });
    const route = `${req.method} ${req.url}`;
    const state = JSON.stringify({ device, faults: [], supplies: {}, plugged: true });
    if (route === 'GET /documents')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(DOCUMENTS));
    else if (route === 'GET /documents/passport-esp.png' || route === 'GET /documents/passport-esp:noise.png')
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (route === 'GET /documents/broken.png') res.writeHead(500).end();
    else if (['POST /place', 'POST /remove', 'POST /scan'].includes(route))
      res.writeHead(200, { 'content-type': 'application/json' }).end(state);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
}

const idScanner = fakeSimulator('idScanner');
const qrScanner = fakeSimulator('qrScanner');
/** Images the fake runtime's reader was given. */
const read: Uint8Array[] = [];
const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A kiosk host with this runtime and these simulators; returns its technician API base URL. */
async function kioskWith(
  runtime: Partial<KioskRuntime>,
  simulators: Array<[string, string]>,
): Promise<string> {
  const api = createTechnicianApi({
    runtime: runtime as KioskRuntime,
    auth: createTechnicianAuth({ pin: PIN }),
    simulators: createSimulatorProxy(
      simulators.map(([device, controlUrl]) => ({ device: device as 'idScanner', controlUrl })),
    ),
    logger: createMemoryLogger('technician'),
  });
  const kiosk = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (api.matches(pathname)) void api.handle(req, res, pathname);
    else res.writeHead(404).end();
  });
  return `${await listen(kiosk)}/api/technician`;
}

let withReader: string;
let withoutReader: string;
let noSimulator: string;

beforeAll(async () => {
  const idUrl = await listen(idScanner);
  const qrUrl = await listen(qrScanner);
  const scanners: Array<[string, string]> = [
    ['idScanner', idUrl],
    ['qrScanner', qrUrl],
  ];
  withReader = await kioskWith(
    {
      mrzReaderHealth: () => HEALTH,
      readMrzForTechnician: async (image) => {
        read.push(image);
        return READ_RESULT;
      },
    },
    scanners,
  );
  withoutReader = await kioskWith({ mrzReaderHealth: () => null }, scanners);
  noSimulator = await kioskWith({ readMrzForTechnician: async () => READ_RESULT }, []);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

beforeEach(() => {
  received.length = 0;
  read.length = 0;
});

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: PIN }),
  });
  expect(response.status).toBe(204);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const post = (url: string, cookie: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('simulator proxy: scanner routes', () => {
  const proxy = createSimulatorProxy([]);

  it('lets the documents, a document image, place, remove and scan through', () => {
    for (const [method, path] of [
      ['GET', '/documents'],
      ['GET', '/documents/passport-esp.png'],
      ['GET', '/documents/passport-esp:noise+blur.png'],
      ['POST', '/place'],
      ['POST', '/remove'],
      ['POST', '/scan'],
    ] as const)
      expect(proxy.isAllowed(method, path), `${method} ${path}`).toBe(true);
  });

  it('refuses other methods and paths near them', () => {
    for (const [method, path] of [
      ['POST', '/documents'],
      ['DELETE', '/documents'],
      ['GET', '/documents/passport-esp'],
      ['GET', '/documents/passport-esp.jpg'],
      ['GET', '/documents/../state.png'],
      ['GET', '/documents/a/b.png'],
      ['GET', '/documents/%2e%2e.png'],
      ['GET', '/documents/.png'],
      ['GET', '/place'],
      ['POST', '/place/x'],
      ['GET', '/scan'],
      ['POST', '/scans'],
      ['DELETE', '/remove'],
    ] as const)
      expect(proxy.isAllowed(method, path), `${method} ${path}`).toBe(false);
  });
});

describe('technician API: scanner simulators', () => {
  it('needs the technician PIN', async () => {
    expect((await fetch(`${withReader}/simulators/idScanner/documents`)).status).toBe(401);
    expect((await post(`${withReader}/simulators/qrScanner/scan`, '', { text: 'x' })).status).toBe(401);
    expect((await fetch(`${withReader}/ocr`)).status).toBe(401);
    expect((await post(`${withReader}/ocr/test`, '', { documentId: 'passport-esp' })).status).toBe(401);
    expect(received).toEqual([]);
    expect(read).toEqual([]);
  });

  it('lists the specimen documents and passes an image through, uncached', async () => {
    const cookie = await signIn(withReader);
    const list = await fetch(`${withReader}/simulators/idScanner/documents`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(DOCUMENTS);
    const png = await fetch(`${withReader}/simulators/idScanner/documents/passport-esp:noise.png`, {
      headers: { cookie },
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('places and removes a document, and shows a code to the QR scanner, with checked bodies', async () => {
    const cookie = await signIn(withReader);
    expect(
      (await post(`${withReader}/simulators/idScanner/place`, cookie, { documentId: 'passport-esp' })).status,
    ).toBe(200);
    expect(
      (await fetch(`${withReader}/simulators/idScanner/remove`, { method: 'POST', headers: { cookie } }))
        .status,
    ).toBe(200);
    expect(
      (await post(`${withReader}/simulators/qrScanner/scan`, cookie, { text: 'VQ1.forged.code' })).status,
    ).toBe(200);
    expect(received.map((r) => [r.device, r.method, r.url, r.body])).toEqual([
      ['idScanner', 'POST', '/place', '{"documentId":"passport-esp"}'],
      ['idScanner', 'POST', '/remove', ''],
      ['qrScanner', 'POST', '/scan', '{"text":"VQ1.forged.code"}'],
    ]);
  });

  it('refuses a malformed place or scan without asking the simulator', async () => {
    const cookie = await signIn(withReader);
    for (const [path, body] of [
      ['/idScanner/place', {}],
      ['/idScanner/place', { documentId: '' }],
      ['/idScanner/place', '{not json'],
      ['/qrScanner/scan', { text: '' }],
      ['/qrScanner/scan', { text: 'x'.repeat(4097) }],
      ['/qrScanner/scan', { code: 'x' }],
    ] as const)
      expect(
        (await post(`${withReader}/simulators${path}`, cookie, body)).status,
        `${path} ${JSON.stringify(body)}`,
      ).toBe(400);
    expect(received).toEqual([]);
  });
});

describe('technician API: MRZ reader', () => {
  it('reports the reader health, or 404 on a kiosk without one', async () => {
    const health = await fetch(`${withReader}/ocr`, { headers: { cookie: await signIn(withReader) } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual(HEALTH);
    expect(
      (await fetch(`${withoutReader}/ocr`, { headers: { cookie: await signIn(withoutReader) } })).status,
    ).toBe(404);
  });

  it('test-reads a specimen: its image from the ID scanner simulator, read by the kiosk reader', async () => {
    const cookie = await signIn(withReader);
    const response = await post(`${withReader}/ocr/test`, cookie, { documentId: 'passport-esp' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(READ_RESULT);
    expect(received.map((r) => [r.device, r.method, r.url])).toEqual([
      ['idScanner', 'GET', '/documents/passport-esp.png'],
    ]);
    expect(read).toHaveLength(1);
    expect(Buffer.from(read[0]!).equals(PNG)).toBe(true);
  });

  it('refuses a bad id with 400, before asking anyone', async () => {
    const cookie = await signIn(withReader);
    for (const body of [{}, { documentId: '' }, { documentId: '../state' }, { documentId: 'a.b' }, 'nope'])
      expect((await post(`${withReader}/ocr/test`, cookie, body)).status, JSON.stringify(body)).toBe(400);
    expect(received).toEqual([]);
    expect(read).toEqual([]);
  });

  it('answers 404 for an unknown specimen, 502 when the simulator fails, and reads nothing', async () => {
    const cookie = await signIn(withReader);
    expect((await post(`${withReader}/ocr/test`, cookie, { documentId: 'nobody' })).status).toBe(404);
    expect((await post(`${withReader}/ocr/test`, cookie, { documentId: 'broken' })).status).toBe(502);
    expect(read).toEqual([]);
  });

  it('answers 404 without a reader or without an ID scanner simulator', async () => {
    const a = await post(`${withoutReader}/ocr/test`, await signIn(withoutReader), {
      documentId: 'passport-esp',
    });
    expect(a.status).toBe(404);
    const b = await post(`${noSimulator}/ocr/test`, await signIn(noSimulator), {
      documentId: 'passport-esp',
    });
    expect(b.status).toBe(404);
    expect(received).toEqual([]);
  });

  it('has no other OCR route', async () => {
    const cookie = await signIn(withReader);
    expect((await fetch(`${withReader}/ocr/test`, { headers: { cookie } })).status).toBe(404);
    expect((await post(`${withReader}/ocr`, cookie, {})).status).toBe(404);
  });
});
