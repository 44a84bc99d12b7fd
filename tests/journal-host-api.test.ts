import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostServer, startHostServer } from '../main/host/host-server.ts';
import type { KioskRuntime } from '../main/runtime/index.ts';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import type { JournalEntry, JournalStore } from '../main/runtime/journal/types.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import type { JournalQuery } from '../main/runtime/types.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';

/**
 * The technician journal route over a real journal store. The runtime is a stub that answers
 * `searchJournal` from that store: the route is what is under test, not the runtime's wiring.
 */
const PIN = '135790';
let host: HostServer;
let store: JournalStore;
let cookie: string;
const queries: JournalQuery[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-journal-api-'));
  store = openJournalStore(openDatabase(join(dir, 'kiosk.sqlite'), KIOSK_MIGRATIONS));
  for (let i = 1; i <= 60; i++) {
    store.record({
      type: i % 2 === 0 ? 'session.ended' : 'device.status',
      data: { n: i },
      durability: 'normal',
      sync: false,
    });
  }
  const runtime = {
    config: testRuntimeConfig({ technicianPin: PIN }),
    searchJournal: (query: JournalQuery) => {
      queries.push(query);
      return store.search(query);
    },
  } as unknown as KioskRuntime;
  host = await startHostServer({ runtime, staticDir: dir, port: 0, logger: createMemoryLogger('host') });
  const login = await fetch(`${host.url}/api/technician/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: PIN }),
  });
  expect(login.status).toBe(204);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await host.close();
  store.close();
});

const journal = (query = '', withCookie = true) =>
  fetch(`${host.url}/api/technician/journal${query}`, withCookie ? { headers: { cookie } } : {});

describe('technician journal API', () => {
  it('needs the technician session', async () => {
    const before = queries.length;
    expect((await journal('', false)).status).toBe(401);
    expect((await journal('?limit=5', false)).status).toBe(401);
    expect(queries.length).toBe(before);
  });

  it('answers the newest entries, 50 by default', async () => {
    const response = await journal();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { entries } = (await response.json()) as { entries: JournalEntry[] };
    expect(entries).toHaveLength(50);
    expect(entries[0]).toMatchObject({ seq: 60, type: 'session.ended', data: { n: 60 } });
    expect(queries.at(-1)).toEqual({ limit: 50 });
  });

  it('passes the filters and the paging cursor through', async () => {
    const from = '2000-01-01T00:00:00Z';
    const to = '2999-01-01T00:00:00+01:00';
    const response = await journal(
      `?type=session.ended&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=3&before=50`,
    );
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: JournalEntry[] };
    expect(entries.map((e) => e.seq)).toEqual([48, 46, 44]);
    expect(queries.at(-1)).toEqual({ type: 'session.ended', from, to, limit: 3, beforeSeq: 50 });
  });

  it('treats empty parameters as absent', async () => {
    expect((await journal('?type=&from=&to=&before=&limit=2')).status).toBe(200);
    expect(queries.at(-1)).toEqual({ limit: 2 });
  });

  it.each([
    ['a page over 200', '?limit=201'],
    ['a zero limit', '?limit=0'],
    ['a limit that is not a number', '?limit=ten'],
    ['a cursor that is not a sequence', '?before=-3'],
    ['a time that is not ISO', '?from=yesterday'],
    ['a range that ends before it starts', '?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z'],
    ['an unknown parameter', '?order=asc'],
    ['a repeated parameter', '?type=a.b&type=c.d'],
    ['an overlong type', `?type=${'x'.repeat(65)}`],
  ])('refuses %s with 400', async (_what, query) => {
    const before = queries.length;
    const response = await journal(query);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/journal query/);
    expect(queries.length).toBe(before);
  });

  it('allows only GET', async () => {
    const response = await fetch(`${host.url}/api/technician/journal`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(response.status).toBe(404);
  });
});
