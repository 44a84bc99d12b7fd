import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  FaultRequest,
  InsertRequest,
  PlaceDocumentRequest,
  ScanCodeRequest,
  TechnicianLogin,
} from '../../contracts/index.ts';
import { HttpError, readJsonBody, sendError, sendJson } from '../../platform/http.ts';
import type { Logger } from '../../platform/log.ts';
import { CashExchangeEndRequest, CashExchangeStartRequest } from '../runtime/cash/exchange-requests.ts';
import { CashExchangeError } from '../runtime/cash/types.ts';
import type { KioskRuntime } from '../runtime/index.ts';
import type { JournalQuery } from '../runtime/types.ts';
import type { SimulatorProxy } from './simulator-proxy.ts';
import { ocrRoute } from './technician-ocr-routes.ts';
import { TECHNICIAN_COOKIE, type TechnicianAuth } from './technician-auth.ts';

const PREFIX = '/api/technician';

/**
 * Simulator routes that carry a body: each is checked here, so only a well-formed request reaches
 * a simulator. A scanned code may be up to 4096 characters, escaped in JSON.
 */
const SIMULATOR_BODIES: Record<string, { schema: z.ZodType; limit: number; hint: string }> = {
  '/insert': { schema: InsertRequest, limit: 1024, hint: 'body must be {"value": <minor units>}' },
  '/faults': { schema: FaultRequest, limit: 1024, hint: 'body must be {"fault": "<name>"}' },
  '/place': { schema: PlaceDocumentRequest, limit: 1024, hint: 'body must be {"documentId": "<id>"}' },
  '/scan': {
    schema: ScanCodeRequest,
    limit: 32 * 1024,
    hint: 'body must be {"text": "<1 to 4096 characters>"}',
  },
};

/** Largest journal page the panel may ask for: a page is rendered whole in a table. */
export const MAX_JOURNAL_PAGE = 200;

const positiveInteger = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'a positive integer')
  .transform(Number);
const isoTime = z.iso.datetime({ offset: true });

/** `GET /journal` query: empty parameters count as absent (an empty filter box). */
const JournalQueryParams = z
  .object({
    type: z.string().max(64).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    limit: positiveInteger.pipe(z.number().max(MAX_JOURNAL_PAGE)).default(50),
    before: positiveInteger.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), 'from must not be after to');

function journalQuery(url: string | undefined): JournalQuery {
  const params = [...new URL(url ?? '/', 'http://host').searchParams].filter(([, value]) => value !== '');
  if (new Set(params.map(([name]) => name)).size !== params.length) {
    throw new HttpError(400, 'each journal query parameter may appear once');
  }
  const parsed = JournalQueryParams.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `invalid journal query: ${issue?.path.join('.') || 'query'}: ${issue?.message}`);
  }
  const { type, from, to, limit, before } = parsed.data;
  return {
    limit,
    ...(type === undefined ? {} : { type }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(before === undefined ? {} : { beforeSeq: before }),
  };
}

/**
 * The technician panel's API (contracts/technician.ts). Everything but login needs the session
 * cookie; simulator routes are forwarded to the simulators' control APIs after validation.
 */
export function createTechnicianApi(deps: {
  runtime: KioskRuntime;
  auth: TechnicianAuth;
  simulators: SimulatorProxy;
  logger: Logger;
}) {
  const { runtime, auth, simulators, logger } = deps;

  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const method = req.method ?? 'GET';
    const route = pathname.slice(PREFIX.length);

    if (route === '/session' && method === 'POST') {
      const parsed = TechnicianLogin.safeParse(await readJsonBody(req, 1024));
      if (!parsed.success) throw new HttpError(400, 'a PIN of 4 to 32 characters is required');
      const result = auth.login(parsed.data.pin);
      if (!result.ok) {
        logger.warn('technician login refused', { code: result.status });
        if (result.status === 429) res.setHeader('retry-after', String(result.retryAfterSeconds));
        sendJson(res, result.status, { error: result.status === 429 ? 'locked out' : 'wrong PIN' });
        return;
      }
      logger.info('technician logged in');
      res.setHeader(
        'set-cookie',
        `${TECHNICIAN_COOKIE}=${result.token}; HttpOnly; SameSite=Strict; Path=${PREFIX}; Max-Age=${result.maxAgeSeconds}`,
      );
      res.writeHead(204).end();
      return;
    }

    if (!auth.isAuthenticated(req.headers.cookie)) {
      sendJson(res, 401, { error: 'technician login required' });
      return;
    }

    if (route === '/session' && method === 'DELETE') {
      auth.logout(req.headers.cookie);
      res.setHeader(
        'set-cookie',
        `${TECHNICIAN_COOKIE}=; HttpOnly; SameSite=Strict; Path=${PREFIX}; Max-Age=0`,
      );
      res.writeHead(204).end();
      return;
    }

    if (route === '/overview' && method === 'GET') {
      sendJson(res, 200, runtime.technicianOverview(await simulators.states()));
      return;
    }

    if (route === '/journal' && method === 'GET') {
      sendJson(res, 200, { entries: runtime.searchJournal(journalQuery(req.url)) });
      return;
    }

    if (route === '/ocr' || route.startsWith('/ocr/')) {
      await ocrRoute({ runtime, simulators, logger }, req, res, route, method);
      return;
    }

    if (route === '/cash' || route.startsWith('/cash/')) {
      await cashRoute(runtime, req, res, route, method, logger);
      return;
    }

    const simulatorRoute = /^\/simulators\/([A-Za-z]{1,32})(\/.*)$/.exec(route);
    if (simulatorRoute) {
      const [, device, path] = simulatorRoute as unknown as [string, string, string];
      if (!simulators.isAllowed(method, path)) throw new HttpError(404, 'no such simulator route');
      let body: unknown = null;
      const expected = method === 'POST' ? SIMULATOR_BODIES[path] : undefined;
      if (expected) {
        const parsed = expected.schema.safeParse(await readJsonBody(req, expected.limit));
        if (!parsed.success) throw new HttpError(400, expected.hint);
        body = parsed.data;
      }
      const proxied = await simulators.forward(device, method, path, body).catch((error: Error) => {
        logger.warn('simulator control unreachable', { device, reason: error.message });
        throw new HttpError(502, 'simulator not reachable');
      });
      if (!proxied) throw new HttpError(404, 'no simulator for this device');
      if (method !== 'GET')
        logger.info('technician simulator action', { device, event: `${method} ${path}` });
      res.writeHead(proxied.status, {
        'content-type': proxied.contentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(proxied.body);
      return;
    }
    throw new HttpError(404, 'not found');
  };

  return {
    matches: (pathname: string) => pathname === PREFIX || pathname.startsWith(`${PREFIX}/`),
    handle: (req: IncomingMessage, res: ServerResponse, pathname: string) =>
      handle(req, res, pathname).catch((error) => {
        if (!(error instanceof HttpError)) logger.error('technician API failed', { error });
        sendError(res, error);
      }),
  };
}

const NO_CASH = 'this kiosk has no cash devices';

/**
 * The technician's cash routes: levels, and the exchange procedure (start, count, end).
 *   GET  /cash                 → CashLevels
 *   POST /cash/exchange/start  {device, kind}         → ExchangeStarted (expected counts)
 *   POST /cash/exchange/end    {exchangeId, counted}  → ExchangeEnded
 * 404 on a kiosk without cash; a refused step answers with the ledger's status and reason.
 */
async function cashRoute(
  runtime: KioskRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  method: string,
  logger: Logger,
): Promise<void> {
  const levels = runtime.cashLevels?.() ?? null;
  if (levels === null) throw new HttpError(404, NO_CASH);
  if (route === '/cash' && method === 'GET') {
    sendJson(res, 200, levels);
    return;
  }
  const step = /^\/cash\/exchange\/(start|end)$/.exec(route)?.[1];
  if (!step || method !== 'POST') throw new HttpError(404, 'not found');
  const body = await readJsonBody(req, 4096);
  try {
    if (step === 'start') {
      const parsed = CashExchangeStartRequest.safeParse(body);
      if (!parsed.success)
        throw new HttpError(400, 'body must be {"device": "<cash device>", "kind": "replenish"|"empty"}');
      if (!runtime.startCashExchange) throw new HttpError(404, NO_CASH);
      const started = runtime.startCashExchange(parsed.data);
      logger.info('technician cash exchange started', {
        exchangeId: started.exchangeId,
        device: started.device,
        kind: started.kind,
      });
      sendJson(res, 200, started);
      return;
    }
    const parsed = CashExchangeEndRequest.safeParse(body);
    if (!parsed.success)
      throw new HttpError(400, 'body must be {"exchangeId": "<uuid>", "counted": {"<value>": <count>}}');
    if (!runtime.endCashExchange) throw new HttpError(404, NO_CASH);
    const ended = runtime.endCashExchange(parsed.data);
    logger.info('technician cash exchange ended', {
      exchangeId: ended.exchange.exchangeId,
      difference: ended.difference,
    });
    sendJson(res, 200, ended);
  } catch (error) {
    if (error instanceof CashExchangeError) throw new HttpError(error.status, error.message);
    throw error;
  }
}
