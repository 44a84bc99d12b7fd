import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, TellerLoginReply } from '../contracts/teller.ts';
import type { TellerSeed } from '../backend/teller/accounts/teller-seed.ts';
import { basic, OPERATOR_PASSWORD, startTestBackend, type TestBackend } from './backend-harness.ts';

const TELLERS: TellerSeed[] = [
  {
    username: 'ana',
    displayName: 'Ana Torres',
    password: 'ana-password-1',
    languages: ['es', 'en'],
    topics: ['general'],
  },
  {
    username: 'li',
    displayName: 'Li Wei',
    password: 'li-password-1',
    languages: ['zh', 'en'],
    topics: ['cards'],
  },
  {
    username: 'sofia',
    displayName: 'Sofía Ramos',
    password: 'sofia-password-1',
    role: 'supervisor',
    languages: ['es', 'en', 'zh'],
    topics: ['general'],
  },
];
const CALL_ID = '6f1c1a52-5d1c-4b1e-9a1a-2b7e3c4d5e6f';

describe('backend: the teller API', () => {
  let backend: TestBackend;
  let ana: TellerLoginReply;
  let sofia: TellerLoginReply;
  beforeAll(async () => {
    backend = await startTestBackend({ tellers: TELLERS });
    ana = await (await login({ username: 'ana', password: 'ana-password-1' })).json();
    sofia = await (await login({ username: 'sofia', password: 'sofia-password-1' })).json();
  });
  afterAll(() => backend.stop());

  function login(body: unknown, contentType = 'application/json') {
    return fetch(`${backend.url}/api/teller/login`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  const get = (path: string, token?: string) =>
    fetch(`${backend.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('login answers a token and the profile; /me gives the profile back', async () => {
    expect(ana.teller).toMatchObject({ username: 'ana', role: 'teller', languages: ['es', 'en'] });
    expect(ana.token.length).toBeGreaterThanOrEqual(32);
    const me = await get('/api/teller/me', ana.token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(ana.teller);
  });

  it('refuses bad bodies (400, 415), wrong passwords (401) and a method it does not take (405)', async () => {
    expect((await login('{not json')).status).toBe(400);
    expect((await login({ username: 'ana' })).status).toBe(400);
    expect((await login('username=ana&password=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const wrong = await login({ username: 'ana', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'wrong username or password' });
    expect((await login({ username: 'nobody', password: 'wrong-password' })).status).toBe(401);
    const getLogin = await get('/api/teller/login');
    expect(getLogin.status).toBe(405);
    expect(getLogin.headers.get('allow')).toBe('POST');
  });

  it('answers 429 after five failed logins of one username', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login({ username: 'li', password: `wrong-${i}` })).status).toBe(401);
    const limited = await login({ username: 'li', password: 'li-password-1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('300');
  });

  it('every route but login wants a valid bearer token (401), operator credentials do not do', async () => {
    for (const path of [
      '/api/teller/me',
      '/api/teller/audit',
      '/api/teller/callbacks',
      `/api/teller/calls/${CALL_ID}/document-image`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await get(path, 'x'.repeat(43))).status, path).toBe(401);
    }
    const operator = await fetch(`${backend.url}/api/teller/me`, {
      headers: { authorization: basic(OPERATOR_PASSWORD) },
    });
    expect(operator.status).toBe(401);
    expect((await get('/api/teller/nothing-here', ana.token)).status).toBe(404);
  });

  it('audit: a teller sees their own entries, a supervisor everyone’s; bad parameters are 400', async () => {
    const own = (await (await get('/api/teller/audit', ana.token)).json()) as { entries: AuditEntry[] };
    expect(own.entries.length).toBeGreaterThan(0);
    expect(own.entries.every((entry) => entry.tellerId === ana.teller.tellerId)).toBe(true);
    const all = (await (await get('/api/teller/audit?limit=1000', sofia.token)).json()) as {
      entries: AuditEntry[];
    };
    expect(new Set(all.entries.map((entry) => entry.username))).toEqual(
      new Set(['ana', 'sofia', 'li', 'nobody']),
    );
    expect((await (await get('/api/teller/audit?limit=1', sofia.token)).json()).entries).toHaveLength(1);
    const byCall = await get(`/api/teller/audit?callId=${CALL_ID}`, sofia.token);
    expect((await byCall.json()).entries).toEqual([]);
    expect((await get('/api/teller/audit?limit=0', sofia.token)).status).toBe(400);
    expect((await get('/api/teller/audit?limit=abc', sofia.token)).status).toBe(400);
    expect((await get('/api/teller/audit?callId=nope', sofia.token)).status).toBe(400);
  });

  it('callbacks are for supervisors only', async () => {
    expect((await get('/api/teller/callbacks', ana.token)).status).toBe(403);
    const listed = await get('/api/teller/callbacks', sofia.token);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ open: 0, callbacks: [] });
  });

  it('a document image without a call router is 404; a bad call id too', async () => {
    expect((await get(`/api/teller/calls/${CALL_ID}/document-image`, ana.token)).status).toBe(404);
    expect((await get('/api/teller/calls/not-a-uuid/document-image', ana.token)).status).toBe(404);
  });

  it('logout revokes the token (then 401) and is audited', async () => {
    const session = (await (
      await login({ username: 'ana', password: 'ana-password-1' })
    ).json()) as TellerLoginReply;
    const logout = await fetch(`${backend.url}/api/teller/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(logout.status).toBe(200);
    expect((await get('/api/teller/me', session.token)).status).toBe(401);
    expect((await get('/api/teller/me', ana.token)).status).toBe(200);
    const own = (await (await get('/api/teller/audit?limit=1', ana.token)).json()) as {
      entries: AuditEntry[];
    };
    expect(own.entries[0]?.action).toBe('logout');
  });
});
