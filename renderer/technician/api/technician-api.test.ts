import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  fetchLastCard,
  fetchOcrHealth,
  fetchSpecimenDocuments,
  lastCardImageUrl,
  placeDocument,
  removeDocument,
  scanCode,
  specimenImageUrl,
  takeCard,
  testReadDocument,
} from './technician-api.ts';

const calls: Array<{ url: string; method: string; body?: unknown }> = [];

function answer(status: number, body: unknown = {}) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', ...(init?.body ? { body: init.body } : {}) });
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

describe('technician API: scanners and the MRZ reader', () => {
  it('reads the OCR worker state, null on a kiosk without a reader', async () => {
    answer(200, { state: 'ready' });
    expect(await fetchOcrHealth()).toEqual({ state: 'ready' });
    answer(404);
    expect(await fetchOcrHealth()).toBeNull();
    answer(500);
    await expect(fetchOcrHealth()).rejects.toEqual(new ApiError(500));
  });

  it('lists the documents, places, removes and test-reads one, and scans a code', async () => {
    answer(200, []);
    await fetchSpecimenDocuments();
    await placeDocument('passport-esp:noise');
    await removeDocument();
    await testReadDocument('passport-esp');
    await scanCode('VQ1.x.y');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['GET', '/api/technician/simulators/idScanner/documents', undefined],
      ['POST', '/api/technician/simulators/idScanner/place', '{"documentId":"passport-esp:noise"}'],
      ['POST', '/api/technician/simulators/idScanner/remove', undefined],
      ['POST', '/api/technician/ocr/test', '{"documentId":"passport-esp"}'],
      ['POST', '/api/technician/simulators/qrScanner/scan', '{"text":"VQ1.x.y"}'],
    ]);
  });

  it('reports a refused test read with its status', async () => {
    answer(404);
    await expect(testReadDocument('nobody')).rejects.toEqual(new ApiError(404));
  });

  it("addresses a specimen's image through the kiosk host", () => {
    expect(specimenImageUrl('idcard-esp:blur')).toBe(
      '/api/technician/simulators/idScanner/documents/idcard-esp:blur.png',
    );
  });
});
