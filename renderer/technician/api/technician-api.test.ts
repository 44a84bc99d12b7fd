import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchLastCard, lastCardImageUrl, takeCard } from './technician-api.ts';

const calls: Array<{ url: string; method: string }> = [];

function answer(status: number, body: unknown = {}) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET' });
    return new Response(JSON.stringify(body), { status });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe('technician API: card printer simulator', () => {
  it('reads the last card through the kiosk host, null before the first one', async () => {
    answer(200, { id: 3 });
    expect(await fetchLastCard()).toEqual({ id: 3 });
    answer(404);
    expect(await fetchLastCard()).toBeNull();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/technician/simulators/cardPrinter/cards/last',
      'GET /api/technician/simulators/cardPrinter/cards/last',
    ]);
  });

  it('takes the card with a POST, and reports a refusal with its status', async () => {
    answer(200);
    await takeCard();
    expect(calls).toEqual([{ url: '/api/technician/simulators/cardPrinter/take', method: 'POST' }]);
    answer(409);
    await expect(takeCard()).rejects.toEqual(new ApiError(409));
  });

  it('versions the image address', () => {
    expect(lastCardImageUrl('7-2')).toBe('/api/technician/simulators/cardPrinter/cards/last.png?v=7-2');
  });
});
