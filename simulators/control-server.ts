import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  FaultRequest,
  InsertRequest,
  PlaceDocumentRequest,
  ScanCodeRequest,
  type PrintedCard,
  type PrintedReceipt,
  type SimulatorState,
  type SpecimenDocumentInfo,
} from '../contracts/simulator-control.ts';
import { HttpError, readJsonBody, sendError, sendJson } from '../platform/http.ts';
import type { Logger } from '../platform/log.ts';

/** What a device simulator offers its control API (contracts/simulator-control.ts). */
export interface SimulatorControlHandler {
  /** Fault names this device knows; anything else is a 400. */
  readonly faults: readonly string[];
  state(): SimulatorState;
  injectFault(fault: string): SimulatorState | Promise<SimulatorState>;
  clearFault(fault: string): SimulatorState | Promise<SimulatorState>;
  clearAllFaults(): SimulatorState | Promise<SimulatorState>;
  replenish(): SimulatorState | Promise<SimulatorState>;
  /**
   * Cash simulators that take notes or coins: a customer inserts one of `value` minor units.
   * Without it `POST /insert` answers 400; a value the device does not know should throw
   * `HttpError(400)`.
   */
  insert?(value: number): SimulatorState | Promise<SimulatorState>;
  /** Receipt printers only; absent routes answer 404. */
  lastReceipt?(): PrintedReceipt | null;
  lastReceiptPng?(): Buffer | null;
  /**
   * Card printers: the customer takes the card waiting at the exit. Should throw `HttpError(409)`
   * when there is none; without it `POST /take` answers 404.
   */
  take?(): SimulatorState | Promise<SimulatorState>;
  /** Card printers only: the last card picked and its front as printed; absent routes answer 404. */
  lastCard?(): PrintedCard | null;
  lastCardPng?(): Buffer | null;
  /** ID scanners: the documents a customer can lay on the glass; absent routes answer 404. */
  documents?(): SpecimenDocumentInfo[];
  /** ID scanners: lay this document down. Should throw `HttpError(404)` for an unknown id. */
  place?(documentId: string): SimulatorState | Promise<SimulatorState>;
  /** ID scanners: the document is taken away. */
  remove?(): SimulatorState | Promise<SimulatorState>;
  /** ID scanners: the image the scanner would send for a document, or null for an unknown id. */
  documentImage?(documentId: string): Promise<{ bytes: Uint8Array; mime: string } | null>;
  /** QR scanners: a code with this text is shown to the scanner; absent routes answer 404. */
  scan?(text: string): SimulatorState | Promise<SimulatorState>;
}

function sendPng(res: ServerResponse, png: Buffer | null, missing: string): void {
  if (!png) throw new HttpError(404, missing);
  res.writeHead(200, {
    'content-type': 'image/png',
    'cache-control': 'no-store',
    'content-length': png.length,
  });
  res.end(png);
}

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;

/**
 * Serves a simulator's control API on 127.0.0.1 only: it can break the device on purpose, so it
 * must not be reachable from the network. `port` 0 picks a free port.
 */
export async function startControlServer(options: {
  handler: SimulatorControlHandler;
  port: number;
  logger: Logger;
}): Promise<ControlServer> {
  const { handler, logger } = options;
  const faultName = z.enum(handler.faults as [string, ...string[]]);

  const parseFault = (value: unknown): string => {
    const parsed = faultName.safeParse(value);
    if (!parsed.success)
      throw new HttpError(400, `unknown fault; expected one of: ${handler.faults.join(', ')}`);
    return parsed.data;
  };

  const routes: Array<{ method: string; pattern: RegExp; run: Route }> = [
    { method: 'GET', pattern: /^\/state$/, run: async (_req, res) => sendJson(res, 200, handler.state()) },
    {
      method: 'POST',
      pattern: /^\/faults$/,
      run: async (req, res) => {
        const body = FaultRequest.safeParse(await readJsonBody(req));
        if (!body.success) throw new HttpError(400, 'body must be {"fault": "<name>"}');
        sendJson(res, 200, await handler.injectFault(parseFault(body.data.fault)));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults\/([^/]+)$/,
      run: async (_req, res, [fault]) =>
        sendJson(res, 200, await handler.clearFault(parseFault(decodeURIComponent(fault!)))),
    },
    {
      method: 'DELETE',
      pattern: /^\/faults$/,
      run: async (_req, res) => sendJson(res, 200, await handler.clearAllFaults()),
    },
    {
      method: 'POST',
      pattern: /^\/replenish$/,
      run: async (_req, res) => sendJson(res, 200, await handler.replenish()),
    },
    {
      method: 'POST',
      pattern: /^\/insert$/,
      run: async (req, res) => {
        if (!handler.insert) throw new HttpError(400, 'this device takes no notes or coins');
        const body = InsertRequest.safeParse(await readJsonBody(req));
        if (!body.success)
          throw new HttpError(400, 'body must be {"value": <minor units, positive integer>}');
        sendJson(res, 200, await handler.insert(body.data.value));
      },
    },
    {
      method: 'GET',
      pattern: /^\/receipts\/last$/,
      run: async (_req, res) => {
        const receipt = handler.lastReceipt?.() ?? null;
        if (!receipt) throw new HttpError(404, 'no receipt printed yet');
        sendJson(res, 200, receipt);
      },
    },
    {
      method: 'GET',
      pattern: /^\/receipts\/last\.png$/,
      run: async (_req, res) => sendPng(res, handler.lastReceiptPng?.() ?? null, 'no receipt printed yet'),
    },
    {
      method: 'POST',
      pattern: /^\/take$/,
      run: async (_req, res) => {
        if (!handler.take) throw new HttpError(404, 'this device has no card exit');
        sendJson(res, 200, await handler.take());
      },
    },
    {
      method: 'GET',
      pattern: /^\/cards\/last$/,
      run: async (_req, res) => {
        const card = handler.lastCard?.() ?? null;
        if (!card) throw new HttpError(404, 'no card picked yet');
        sendJson(res, 200, card);
      },
    },
    {
      method: 'GET',
      pattern: /^\/cards\/last\.png$/,
      run: async (_req, res) => sendPng(res, handler.lastCardPng?.() ?? null, 'no card picked yet'),
    },
    {
      method: 'GET',
      pattern: /^\/documents$/,
      run: async (_req, res) => {
        if (!handler.documents) throw new HttpError(404, 'this device takes no documents');
        sendJson(res, 200, handler.documents());
      },
    },
    {
      method: 'POST',
      pattern: /^\/place$/,
      run: async (req, res) => {
        if (!handler.place) throw new HttpError(404, 'this device takes no documents');
        const body = PlaceDocumentRequest.safeParse(await readJsonBody(req));
        if (!body.success) throw new HttpError(400, 'body must be {"documentId": "<id>"}');
        sendJson(res, 200, await handler.place(body.data.documentId));
      },
    },
    {
      method: 'POST',
      pattern: /^\/remove$/,
      run: async (_req, res) => {
        if (!handler.remove) throw new HttpError(404, 'this device takes no documents');
        sendJson(res, 200, await handler.remove());
      },
    },
    {
      method: 'GET',
      pattern: /^\/documents\/([^/]+)\.png$/,
      run: async (_req, res, [id]) => {
        const found = (await handler.documentImage?.(decodeURIComponent(id!))) ?? null;
        if (!found) throw new HttpError(404, 'no such document');
        // A JPEG specimen is served as what it is; the route keeps one name for both.
        res.writeHead(200, {
          'content-type': found.mime,
          'cache-control': 'no-store',
          'content-length': found.bytes.length,
        });
        res.end(found.bytes);
      },
    },
    {
      method: 'POST',
      pattern: /^\/scan$/,
      run: async (req, res) => {
        if (!handler.scan) throw new HttpError(404, 'this device reads no codes');
        const body = ScanCodeRequest.safeParse(await readJsonBody(req));
        if (!body.success) throw new HttpError(400, 'body must be {"text": "<1 to 4096 characters>"}');
        sendJson(res, 200, await handler.scan(body.data.text));
      },
    },
  ];

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const matching = routes.filter((route) => route.pattern.test(pathname));
    const route = matching.find((candidate) => candidate.method === req.method);
    if (!route) {
      if (matching.length > 0) {
        res.setHeader('allow', matching.map((candidate) => candidate.method).join(', '));
        sendJson(res, 405, { error: 'method not allowed' });
      } else {
        sendJson(res, 404, { error: 'no such route' });
      }
      return;
    }
    const params = route.pattern.exec(pathname)!.slice(1);
    route.run(req, res, params).catch((error: unknown) => {
      if (!(error instanceof HttpError)) logger.error('control request failed', { pathname, error });
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
