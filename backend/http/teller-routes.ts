import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallId, TellerLoginRequest, type TellerProfile } from '../../contracts/teller.ts';
import type { Logger } from '../../platform/log.ts';
import { HttpError, readJsonBody, sendJson } from '../../platform/http.ts';
import type { TellerAccounts } from '../teller/accounts/teller-accounts.ts';
import { AUDIT_QUERY_MAX, type AuditLog } from '../teller/audit/audit-log.ts';
import { CALLBACK_LIST_MAX, type CallbackStore } from '../teller/callbacks/callback-store.ts';

/** A document image of a call: the bytes, or why not (not the teller's call; no image, no call). */
export type DocumentImageSource = (
  callId: string,
  teller: TellerProfile,
) => { mime: 'image/png' | 'image/jpeg'; bytes: Buffer } | 'forbidden' | null;

export interface TellerRouteDeps {
  accounts: TellerAccounts;
  audit: AuditLog;
  callbacks: CallbackStore;
  /** Provided by the call router, which alone holds shared documents (in memory, per call). */
  documentImage: DocumentImageSource;
  logger: Logger;
}

const LOGIN_ROUTE = '/api/teller/login';
const LOGOUT_ROUTE = '/api/teller/logout';
const ME_ROUTE = '/api/teller/me';
const AUDIT_ROUTE = '/api/teller/audit';
const CALLBACKS_ROUTE = '/api/teller/callbacks';
const DOCUMENT_IMAGE_ROUTE = /^\/api\/teller\/calls\/([^/]+)\/document-image$/;
const DEFAULT_LIST_LIMIT = 100;

export function isTellerApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/teller/');
}

/**
 * The teller console's HTTP API. Not behind the operator's Basic auth: login gives a bearer
 * token, and every other route wants it (`authorization: Bearer …`, else 401). A bearer token
 * is never sent by a browser on its own, so these routes need no cross-site checks beyond login,
 * which takes JSON only (a cross-site form cannot send it without a CORS preflight).
 */
export function createTellerRoutes(deps: TellerRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    if (path === LOGIN_ROUTE) {
      requireMethod(req, res, 'POST');
      return login(req, res, deps);
    }
    const knownRoute =
      path === LOGOUT_ROUTE ||
      path === ME_ROUTE ||
      path === AUDIT_ROUTE ||
      path === CALLBACKS_ROUTE ||
      DOCUMENT_IMAGE_ROUTE.test(path);
    if (!knownRoute) throw new HttpError(404, 'not found');
    const token = bearerToken(req);
    const teller = token === null ? null : deps.accounts.verify(token);
    if (!token || !teller) {
      res.setHeader('www-authenticate', 'Bearer realm="ventanilla-teller"');
      throw new HttpError(401, 'sign in first: a valid bearer token is required');
    }
    if (path === LOGOUT_ROUTE) {
      requireMethod(req, res, 'POST');
      deps.accounts.logout(token);
      sendJson(res, 200, { ok: true });
      return;
    }
    if (path === ME_ROUTE) {
      requireMethod(req, res, 'GET');
      sendJson(res, 200, teller);
      return;
    }
    if (path === AUDIT_ROUTE) {
      requireMethod(req, res, 'GET');
      const limit = listLimit(url, AUDIT_QUERY_MAX);
      const callIdParam = url.searchParams.get('callId');
      const callId = callIdParam === null ? null : CallId.safeParse(callIdParam);
      if (callId && !callId.success) throw new HttpError(400, 'callId must be a UUID');
      const scope = teller.role === 'supervisor' ? { all: true as const } : { tellerId: teller.tellerId };
      sendJson(res, 200, { entries: deps.audit.query({ ...scope, callId: callId?.data ?? null, limit }) });
      return;
    }
    if (path === CALLBACKS_ROUTE) {
      requireMethod(req, res, 'GET');
      if (teller.role !== 'supervisor') throw new HttpError(403, 'only supervisors see callback requests');
      const limit = listLimit(url, CALLBACK_LIST_MAX);
      sendJson(res, 200, { open: deps.callbacks.count(), callbacks: deps.callbacks.list(limit) });
      return;
    }
    const documentImage = DOCUMENT_IMAGE_ROUTE.exec(path);
    if (documentImage) {
      requireMethod(req, res, 'GET');
      sendDocumentImage(res, documentImage[1]!, teller, deps);
    }
  };
}

async function login(req: IncomingMessage, res: ServerResponse, deps: TellerRouteDeps): Promise<void> {
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') throw new HttpError(415, 'send the body as application/json');
  const body = TellerLoginRequest.safeParse(await readJsonBody(req, 4096));
  if (!body.success) throw new HttpError(400, 'body must be { username: string, password: string }');
  const result = await deps.accounts.login(
    body.data.username,
    body.data.password,
    req.socket.remoteAddress ?? null,
  );
  if (result.ok) {
    sendJson(res, 200, result.reply);
    return;
  }
  if (result.code === 'rate-limited') {
    res.setHeader('retry-after', '300');
    throw new HttpError(429, 'too many failed sign-ins for this user; try again in a few minutes');
  }
  throw new HttpError(401, 'wrong username or password');
}

/**
 * The image the customer agreed to show, to the call's assigned teller only. Viewing it is
 * audited first: if the audit cannot be written, the image is not shown. Never cached.
 */
function sendDocumentImage(
  res: ServerResponse,
  pathSegment: string,
  teller: TellerProfile,
  deps: TellerRouteDeps,
): void {
  const callId = CallId.safeParse(pathSegment);
  if (!callId.success) throw new HttpError(404, 'no such call or no document image');
  const image = deps.documentImage(callId.data, teller);
  const who = { tellerId: teller.tellerId, username: teller.username, callId: callId.data };
  if (image === 'forbidden') {
    deps.audit.record({
      ...who,
      action: 'refused',
      detail: 'document image of a call not assigned to this teller',
    });
    throw new HttpError(403, 'this call is not assigned to you');
  }
  if (image === null) throw new HttpError(404, 'no such call or no document image');
  deps.audit.record({ ...who, action: 'viewDocument' });
  res.writeHead(200, {
    'content-type': image.mime,
    'content-length': image.bytes.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
    'content-disposition': 'inline',
  });
  res.end(image.bytes);
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

function listLimit(url: URL, max: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return DEFAULT_LIST_LIMIT;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new HttpError(400, `limit must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

function requireMethod(req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST'): void {
  if (req.method === method) return;
  res.setHeader('allow', method);
  throw new HttpError(405, `use ${method}`);
}
