import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchAudit, fetchDocumentImage, login, logout, UnauthorizedError } from './teller-api.ts';

const calls: Array<{ url: string; method: string; auth: string | null; body?: unknown }> = [];

function answer(status: number, body: unknown = {}) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({
      url,
      method: init?.method ?? 'GET',
      auth: headers.get('authorization'),
      ...(init?.body ? { body: init.body } : {}),
    });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

const TOKEN = 'a'.repeat(43);
const REPLY = {
  token: TOKEN,
  expiresAt: '2026-01-01T08:00:00.000Z',
  teller: {
    tellerId: 't1',
    username: 'ana',
    displayName: 'Ana',
    role: 'teller',
    languages: ['es'],
    topics: ['general'],
  },
};

describe('teller API: sign-in', () => {
  it('posts the credentials as JSON and returns the token and profile', async () => {
    answer(200, REPLY);
    expect(await login({ username: 'ana', password: 'secret' })).toEqual({ ok: true, reply: REPLY });
    expect(calls).toEqual([
      {
        url: '/api/teller/login',
        method: 'POST',
        auth: null,
        body: '{"username":"ana","password":"secret"}',
      },
    ]);
  });

  it('tells a wrong password (401) from too many attempts (429)', async () => {
    answer(401);
    expect(await login({ username: 'ana', password: 'x' })).toEqual({
      ok: false,
      problem: 'wrongCredentials',
    });
    answer(429);
    expect(await login({ username: 'ana', password: 'x' })).toEqual({
      ok: false,
      problem: 'tooManyAttempts',
    });
  });

  it('throws on any other failure, and on a reply without a token', async () => {
    answer(500);
    await expect(login({ username: 'ana', password: 'x' })).rejects.toEqual(new ApiError(500));
    answer(200, { teller: REPLY.teller });
    await expect(login({ username: 'ana', password: 'x' })).rejects.toBeInstanceOf(ApiError);
  });

  it('signs out with the bearer token', async () => {
    answer(200, { ok: true });
    await logout(TOKEN);
    expect(calls).toEqual([{ url: '/api/teller/logout', method: 'POST', auth: `Bearer ${TOKEN}` }]);
  });
});

describe('teller API: audit log and shared document', () => {
  const ENTRY = {
    id: 1,
    at: '2026-01-01T08:00:00.000Z',
    tellerId: 't1',
    username: 'ana',
    action: 'login',
    callId: null,
    kioskId: null,
    detail: null,
  };

  it('reads the audit log with the bearer token, wrapped or bare', async () => {
    answer(200, { entries: [ENTRY] });
    expect(await fetchAudit(TOKEN)).toEqual([ENTRY]);
    answer(200, [ENTRY]);
    expect(await fetchAudit(TOKEN, 5)).toEqual([ENTRY]);
    expect(calls.map((c) => [c.url, c.auth])).toEqual([
      ['/api/teller/audit?limit=100', `Bearer ${TOKEN}`],
      ['/api/teller/audit?limit=5', `Bearer ${TOKEN}`],
    ]);
  });

  it('says when the session is gone, and rejects an answer that is not a list', async () => {
    answer(401);
    await expect(fetchAudit(TOKEN)).rejects.toBeInstanceOf(UnauthorizedError);
    answer(200, { nothing: true });
    await expect(fetchAudit(TOKEN)).rejects.toBeInstanceOf(ApiError);
  });

  it("fetches the document's image as a blob with the bearer token", async () => {
    answer(200, 'png bytes');
    const blob = await fetchDocumentImage(TOKEN, 'c-1');
    expect(await blob.text()).toBe('png bytes');
    expect(calls).toEqual([
      { url: '/api/teller/calls/c-1/document-image', method: 'GET', auth: `Bearer ${TOKEN}` },
    ]);
    answer(403);
    await expect(fetchDocumentImage(TOKEN, 'c-1')).rejects.toEqual(new ApiError(403));
  });
});
