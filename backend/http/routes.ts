import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { KioskId, ServiceMode } from '../../contracts/backend-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import { HttpError, readJsonBody, sendError, sendJson } from '../../platform/http.ts';
import { isOperator, OPERATOR_REALM, OPERATOR_USER } from '../auth/operator-basic-auth.ts';
import { fleetCards } from '../fleet/fleet-cards.ts';
import { fleetView } from '../fleet/fleet-view.ts';
import type { KioskConnections } from '../kiosk/kiosk-connections.ts';
import { sendServiceMode } from '../kiosk/kiosk-namespace.ts';
import type { BackendStores } from '../store/backend-stores.ts';
import type { AppCodeIssuer } from '../identity/app-code-issuer.ts';
import type { IdentityKeys } from '../identity/identity-key.ts';
import { createAccountApplication } from './account-application-route.ts';
import { createCardOrder, createCardOrderAppCode } from './card-order-route.ts';
import { renderFleetPage } from './fleet-page.ts';
import { PAGE_SECURITY_HEADERS } from './security-headers.ts';
import { loadFleetAssets } from './static-assets.ts';
import { createTellerConsoleAssets, isTellerConsolePath } from './teller-console-assets.ts';
import { createTellerRoutes, isTellerApiPath, type TellerRouteDeps } from './teller-routes.ts';

export interface HttpDeps {
  stores: BackendStores;
  connections: KioskConnections;
  operatorPassword: string;
  heartbeatTimeoutMs: number;
  /** Signs the codes of the bank's app; disabled without a key. */
  appCodes: AppCodeIssuer;
  identity: IdentityKeys;
  /** The teller console's API (bearer tokens, not operator auth). */
  teller: Omit<TellerRouteDeps, 'logger'>;
  /** dist/renderer, where the teller console is built; default the repository's. */
  rendererDir?: string;
  logger: Logger;
}

/** Body of `POST /api/fleet/kiosks/:id/service`. */
export const ServiceChange = z.strictObject({
  inService: ServiceMode.shape.inService,
  reason: ServiceMode.shape.reason,
});

const SERVICE_ROUTE = /^\/api\/fleet\/kiosks\/([^/]+)\/service$/;
const REJECTED_ROUTE = /^\/api\/fleet\/kiosks\/([^/]+)\/rejected$/;
const DEPOSITS_ROUTE = /^\/api\/fleet\/kiosks\/([^/]+)\/deposits$/;
/** The bank app's stand-in: opens a card order on an account (demos and tests). */
const CARD_ORDERS_ROUTE = '/api/card-orders';
/** A fresh app code (QR) for an open order, by its order code. */
const CARD_ORDER_APP_CODE_ROUTE = /^\/api\/card-orders\/([^/]+)\/app-code$/;
/** The bank app's stand-in: stores a pre-filled account application and gives its app code. */
const ACCOUNT_APPLICATIONS_ROUTE = '/api/account-applications';
/** Rejected records listed at most, newest first: enough to investigate, bounded in size. */
const REJECTED_LIST_LIMIT = 1000;
/** Deposits listed at most, newest first. */
const DEPOSIT_LIST_LIMIT = 1000;

/**
 * The backend's HTTP routes. `/healthz` is open (the launcher and monitoring probe it); the teller
 * console (`/teller/`, `/assets/`) and its API (`/api/teller/*`, bearer tokens) are the tellers';
 * every other route is the operator's, behind HTTP Basic auth.
 */
export function createRequestHandler(deps: HttpDeps) {
  const assets = loadFleetAssets();
  const tellerRoutes = createTellerRoutes({ ...deps.teller, logger: deps.logger.child('teller') });
  const tellerConsole = createTellerConsoleAssets(deps.rendererDir);

  const operatorRoute = (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void => {
    const asset = assets[url.pathname];
    if (asset) {
      requireMethod(req, 'GET');
      res.writeHead(200, { ...PAGE_SECURITY_HEADERS, 'content-type': asset.contentType });
      res.end(asset.body);
      return;
    }
    if (url.pathname === '/fleet') {
      requireMethod(req, 'GET');
      const html = renderFleetPage(fleetView(deps.stores, deps.heartbeatTimeoutMs), fleetCards(deps.stores));
      res.writeHead(200, { ...PAGE_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    if (url.pathname === '/api/fleet') {
      requireMethod(req, 'GET');
      sendJson(res, 200, {
        kiosks: fleetView(deps.stores, deps.heartbeatTimeoutMs),
        cards: fleetCards(deps.stores),
      });
      return;
    }
    const rejected = REJECTED_ROUTE.exec(url.pathname);
    if (rejected) {
      requireMethod(req, 'GET');
      listRejectedRecords(res, rejected[1]!, deps);
      return;
    }
    const deposits = DEPOSITS_ROUTE.exec(url.pathname);
    if (deposits) {
      requireMethod(req, 'GET');
      listDeposits(res, deposits[1]!, deps);
      return;
    }
    const service = SERVICE_ROUTE.exec(url.pathname);
    if (service) {
      requireMethod(req, 'POST');
      return changeServiceMode(req, res, service[1]!, deps);
    }
    if (url.pathname === CARD_ORDERS_ROUTE) {
      requireMethod(req, 'POST');
      refuseCrossSite(req);
      return createCardOrder(req, res, deps);
    }
    const appCode = CARD_ORDER_APP_CODE_ROUTE.exec(url.pathname);
    if (appCode) {
      requireMethod(req, 'POST');
      refuseCrossSite(req);
      return createCardOrderAppCode(res, appCode[1]!, deps);
    }
    if (url.pathname === ACCOUNT_APPLICATIONS_ROUTE) {
      requireMethod(req, 'POST');
      refuseCrossSite(req);
      return createAccountApplication(req, res, deps);
    }
    throw new HttpError(404, 'not found');
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://backend.invalid');
      if (url.pathname === '/healthz') {
        requireMethod(req, 'GET');
        return health(res, deps.stores);
      }
      if (isTellerApiPath(url.pathname)) return await tellerRoutes(req, res, url);
      if (isTellerConsolePath(url.pathname)) return await tellerConsole(req, res, url.pathname);
      if (!isOperatorPath(url.pathname)) throw new HttpError(404, 'not found');
      if (!isOperator(req, deps.operatorPassword)) {
        res.setHeader('www-authenticate', `Basic realm="${OPERATOR_REALM}", charset="UTF-8"`);
        throw new HttpError(401, 'operator credentials required');
      }
      await operatorRoute(req, res, url);
    } catch (error) {
      if (!(error instanceof HttpError)) deps.logger.error('http request failed', { error: error as Error });
      if (error instanceof HttpError && error.status === 405 && !res.hasHeader('allow')) {
        res.setHeader('allow', allowedMethod(req.url));
      }
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    }
  };
}

/** Unknown paths answer 404 before any credential check, so a scan learns nothing about auth. */
function isOperatorPath(pathname: string): boolean {
  return (
    pathname === '/fleet' ||
    pathname === '/fleet.js' ||
    pathname === '/fleet.css' ||
    pathname === '/api/fleet' ||
    pathname === CARD_ORDERS_ROUTE ||
    pathname === ACCOUNT_APPLICATIONS_ROUTE ||
    CARD_ORDER_APP_CODE_ROUTE.test(pathname) ||
    SERVICE_ROUTE.test(pathname) ||
    REJECTED_ROUTE.test(pathname) ||
    DEPOSITS_ROUTE.test(pathname)
  );
}

function requireMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) throw new HttpError(405, `use ${method}`);
}

function allowedMethod(path: string | undefined): string {
  const pathname = new URL(path ?? '/', 'http://backend.invalid').pathname;
  return SERVICE_ROUTE.test(pathname) ||
    pathname === CARD_ORDERS_ROUTE ||
    pathname === ACCOUNT_APPLICATIONS_ROUTE ||
    CARD_ORDER_APP_CODE_ROUTE.test(pathname)
    ? 'POST'
    : 'GET';
}

function health(res: ServerResponse, stores: BackendStores): void {
  try {
    stores.db.prepare('SELECT 1').get();
    sendJson(res, 200, { ok: true, db: 'ok' });
  } catch {
    sendJson(res, 503, { ok: false, db: 'error' });
  }
}

/** The kiosk's rejected sync records: seq, type, reason and time, never the record's data. */
function listRejectedRecords(res: ServerResponse, pathSegment: string, deps: HttpDeps): void {
  const kioskId = registeredKiosk(pathSegment, deps);
  const rejected = deps.stores.syncRecords.listRejected(kioskId, REJECTED_LIST_LIMIT);
  sendJson(res, 200, { kioskId, rejected });
}

/** The kiosk's deposits: amounts, counts, times and status; the account shows its last four digits. */
function listDeposits(res: ServerResponse, pathSegment: string, deps: HttpDeps): void {
  const kioskId = registeredKiosk(pathSegment, deps);
  sendJson(res, 200, { kioskId, deposits: deps.stores.deposits.list(kioskId, DEPOSIT_LIST_LIMIT) });
}

/** The registered kiosk a path segment names; 404 for anything else, a bad %-escape included. */
function registeredKiosk(pathSegment: string, deps: HttpDeps): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathSegment);
  } catch {
    throw new HttpError(404, 'unknown kiosk');
  }
  const kioskId = KioskId.safeParse(decoded);
  if (!kioskId.success || !deps.stores.kiosks.find(kioskId.data)) throw new HttpError(404, 'unknown kiosk');
  return kioskId.data;
}

async function changeServiceMode(
  req: IncomingMessage,
  res: ServerResponse,
  pathSegment: string,
  deps: HttpDeps,
): Promise<void> {
  refuseCrossSite(req);
  const kioskId = registeredKiosk(pathSegment, deps);
  const change = ServiceChange.safeParse(await readJsonBody(req, 4096));
  if (!change.success) {
    throw new HttpError(400, 'body must be { inService: boolean, reason: string (at most 200) | null }');
  }
  deps.stores.serviceMode.set(kioskId, change.data, OPERATOR_USER);
  const delivered = sendServiceMode(deps.connections, kioskId, change.data);
  deps.logger.info('service mode changed', {
    kioskId,
    inService: change.data.inService,
    delivered,
  });
  sendJson(res, 200, { kioskId, service: change.data, delivered });
}

/**
 * Browsers send cached Basic credentials with cross-site requests too. A JSON content type cannot be
 * sent cross-site without a CORS preflight (which this server never grants), and a foreign Origin is
 * refused outright: together they keep another site from changing a kiosk's service mode.
 */
function refuseCrossSite(req: IncomingMessage): void {
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') throw new HttpError(415, 'send the body as application/json');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    throw new HttpError(403, 'cross-origin requests are refused');
  }
}
