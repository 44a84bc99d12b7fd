import type { AuditEntry, TellerLoginReply, TellerLoginRequest } from '../../../contracts/teller.ts';

/**
 * The backend's teller HTTP API (contracts/teller.ts), from the page it served: same origin. The
 * bearer token lives in memory only, so a reload signs the teller out.
 */
const BASE = '/api/teller';

/** The token is missing, expired or revoked: the console must sign in again. */
export class UnauthorizedError extends Error {
  constructor() {
    super('teller session required');
  }
}

/** Any other non-success status. */
export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`teller API answered ${status}`);
  }
}

export type LoginResult =
  | { ok: true; reply: TellerLoginReply }
  | { ok: false; problem: 'wrongCredentials' | 'tooManyAttempts' };

export async function login(request: TellerLoginRequest): Promise<LoginResult> {
  const response = await fetch(`${BASE}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (response.status === 401) return { ok: false, problem: 'wrongCredentials' };
  if (response.status === 429) return { ok: false, problem: 'tooManyAttempts' };
  if (!response.ok) throw new ApiError(response.status);
  const reply = (await response.json()) as TellerLoginReply;
  // The page takes contracts as types only: check just what it relies on.
  if (typeof reply?.token !== 'string' || typeof reply.teller?.displayName !== 'string') {
    throw new ApiError(response.status);
  }
  return { ok: true, reply };
}

function authorized(token: string, init: RequestInit = {}): RequestInit {
  return { cache: 'no-store', ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } };
}

export async function logout(token: string): Promise<void> {
  await fetch(`${BASE}/logout`, authorized(token, { method: 'POST' }));
}

async function expectOk(response: Response): Promise<Response> {
  if (response.status === 401) throw new UnauthorizedError();
  if (!response.ok) throw new ApiError(response.status);
  return response;
}

/** The audit log: a supervisor's answer holds every teller's actions, a teller's their own. */
export async function fetchAudit(token: string, limit = 100): Promise<AuditEntry[]> {
  const response = await expectOk(await fetch(`${BASE}/audit?limit=${limit}`, authorized(token)));
  const body = (await response.json()) as unknown;
  // A bare list, or one wrapped as `{ entries }`.
  const entries = Array.isArray(body) ? body : (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw new ApiError(response.status);
  return entries as AuditEntry[];
}

/** The scanned page the customer shared on the call, as a blob for an object URL. */
export async function fetchDocumentImage(token: string, callId: string): Promise<Blob> {
  const response = await expectOk(
    await fetch(`${BASE}/calls/${encodeURIComponent(callId)}/document-image`, authorized(token)),
  );
  return response.blob();
}
