import { afterEach, describe, expect, it } from 'vitest';
import type { PrintedCard, SimulatorState } from '../contracts/simulator-control.ts';
import { HttpError } from '../platform/http.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { type ControlServer, startControlServer } from './control-server.ts';

function fakeHandler() {
  const faults = new Set<string>();
  const state = (): SimulatorState => ({
    device: 'receiptPrinter',
    faults: [...faults],
    supplies: { paperLines: 1 },
    plugged: true,
  });
  return {
    faults: ['paperOut', 'coverOpen'],
    state,
    injectFault(fault: string) {
      faults.add(fault);
      return state();
    },
    clearFault(fault: string) {
      faults.delete(fault);
      return state();
    },
    clearAllFaults() {
      faults.clear();
      return state();
    },
    replenish: state,
  };
}

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('simulator control server', () => {
  it('serves the contract routes on 127.0.0.1 and validates input', async () => {
    server = await startControlServer({ handler: fakeHandler(), port: 0, logger: createMemoryLogger() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const call = (method: string, path: string, body?: string) =>
      fetch(`${server!.url}${path}`, { method, ...(body === undefined ? {} : { body }) });

    expect(await (await call('GET', '/state')).json()).toMatchObject({ faults: [] });
    const injected = await call('POST', '/faults', JSON.stringify({ fault: 'coverOpen' }));
    expect(injected.status).toBe(200);
    expect(((await injected.json()) as SimulatorState).faults).toEqual(['coverOpen']);
    expect((await call('POST', '/faults', JSON.stringify({ fault: 'meteorStrike' }))).status).toBe(400);
    expect((await call('POST', '/faults', '{"fault":')).status).toBe(400);
    expect((await call('POST', '/faults', JSON.stringify({ nope: 1 }))).status).toBe(400);
    expect((await call('DELETE', '/faults/meteorStrike')).status).toBe(400);
    expect(((await (await call('DELETE', '/faults/coverOpen')).json()) as SimulatorState).faults).toEqual([]);
    await call('POST', '/faults', JSON.stringify({ fault: 'paperOut' }));
    expect(((await (await call('DELETE', '/faults')).json()) as SimulatorState).faults).toEqual([]);
    expect((await call('POST', '/replenish')).status).toBe(200);
    // A handler without receipts answers 404 for them, as does an unknown route.
    expect((await call('GET', '/receipts/last')).status).toBe(404);
    expect((await call('GET', '/receipts/last.png')).status).toBe(404);
    // Nor does it have a card exit or cards.
    expect((await call('POST', '/take')).status).toBe(404);
    expect((await call('GET', '/cards/last')).status).toBe(404);
    expect((await call('GET', '/cards/last.png')).status).toBe(404);
    expect((await call('GET', '/nothing')).status).toBe(404);
    expect((await call('PUT', '/state')).status).toBe(405);
  });

  it('POST /insert: 400 without an insert handler, for a bad body, or a value the device refuses', async () => {
    const call = (path: string, body?: string) =>
      fetch(`${server!.url}${path}`, { method: 'POST', ...(body === undefined ? {} : { body }) });
    server = await startControlServer({ handler: fakeHandler(), port: 0, logger: createMemoryLogger() });
    expect((await call('/insert', JSON.stringify({ value: 2000 }))).status).toBe(400);
    await server.close();

    const inserted: number[] = [];
    const handler = {
      ...fakeHandler(),
      insert(value: number) {
        if (value !== 2000) throw new HttpError(400, 'no such note');
        inserted.push(value);
        return handler.state();
      },
    };
    server = await startControlServer({ handler, port: 0, logger: createMemoryLogger() });
    expect((await call('/insert', JSON.stringify({ value: 2000 }))).status).toBe(200);
    expect(inserted).toEqual([2000]);
    expect((await call('/insert', JSON.stringify({ value: 1234 }))).status).toBe(400);
    expect((await call('/insert', JSON.stringify({ value: -5 }))).status).toBe(400);
    expect((await call('/insert', JSON.stringify({ value: 20.5 }))).status).toBe(400);
    expect(await call('/insert')).toMatchObject({ status: 400 });
    expect((await fetch(`${server.url}/insert`)).status).toBe(405);
  });

  it('card printer routes: take (409 when no card at the exit), last card and its PNG', async () => {
    let cardAtExit = false;
    const card: PrintedCard = {
      id: 3,
      pickedAt: new Date(0).toISOString(),
      location: 'atExit',
      printed: true,
      tracks: [{ track: 2, valid: true, masked: ';400000******7899=2512201123?2' }],
      mechanicalMs: 120,
    };
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const base = fakeHandler();
    const handler = {
      ...base,
      take() {
        if (!cardAtExit) throw new HttpError(409, 'no card at the exit');
        cardAtExit = false;
        return base.state();
      },
      lastCard: () => card,
      lastCardPng: () => png,
    };
    server = await startControlServer({ handler, port: 0, logger: createMemoryLogger() });
    const call = (method: string, path: string) => fetch(`${server!.url}${path}`, { method });

    expect((await call('POST', '/take')).status).toBe(409);
    cardAtExit = true;
    expect((await call('POST', '/take')).status).toBe(200);
    expect(cardAtExit).toBe(false);
    expect((await call('GET', '/take')).status).toBe(405);
    expect(await (await call('GET', '/cards/last')).json()).toEqual(card);
    const image = await call('GET', '/cards/last.png');
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    // Receipt routes stay 404 on a card printer.
    expect((await call('GET', '/receipts/last')).status).toBe(404);
  });
});
