import { describe, expect, it } from 'vitest';
import { decodeCoinEventPair, parseBufferedEvents } from '../../device-drivers/codecs/cctalk/events.ts';
import * as H from '../../device-drivers/codecs/cctalk/headers.ts';
import { InsertRefused } from './cctalk-device-model.ts';
import { CoinAcceptorModel } from './coin-acceptor-model.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

function enabledAcceptor() {
  const model = new CoinAcceptorModel();
  model.handle(H.MODIFY_INHIBIT_STATUS, bytes(0x1f, 0), 0);
  model.handle(H.MODIFY_MASTER_INHIBIT, bytes(1), 0);
  return model;
}

function poll(model: CoinAcceptorModel, now = 0) {
  const reply = model.handle(H.READ_BUFFERED_CREDIT, bytes(), now);
  if (reply?.kind !== 'ack') throw new Error(`no credit reply: ${JSON.stringify(reply)}`);
  const parsed = parseBufferedEvents(reply.data);
  return { counter: parsed.counter, events: parsed.events.map(decodeCoinEventPair) };
}

describe('coin acceptor model', () => {
  it('credits an enabled coin with its position and sorter path, into the cash box', () => {
    const model = enabledAcceptor();
    model.insert(200, 0);
    const { counter, events } = poll(model);
    expect(counter).toBe(1);
    expect(events[0]).toEqual({ kind: 'credit', coinPosition: 5, sorterPath: 1 });
    expect(model.state(true, 0).supplies).toMatchObject({
      'cashbox.200': 1,
      cashboxCoins: 1,
      cashboxValue: 200,
    });
    model.replenish();
    expect(model.state(true, 0).supplies.cashboxCoins).toBe(0);
  });

  it('rejects inhibited coins (2), unprogrammed coins (1); 400-class refusal for non-coins', () => {
    const model = new CoinAcceptorModel();
    model.insert(100, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'rejected', code: 2 });
    model.insert(5, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'rejected', code: 1 });
    expect(() => model.insert(30, 0)).toThrow(InsertRefused);
  });

  it('jam (5), fraud (20, and status 2 on 248), counter wrap and event burst', () => {
    const model = enabledAcceptor();
    model.injectFault('jam', 0);
    model.insert(10, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'jam', code: 5 });
    model.clearFault('jam', 0);
    model.injectFault('fraud', 0);
    model.insert(10, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'fraud', code: 20 });
    expect(model.handle(H.REQUEST_STATUS, bytes(), 0)).toEqual({ kind: 'ack', data: bytes(2) });
    model.clearAllFaults(0);
    model.injectFault('counterWrap', 0);
    model.injectFault('eventBurst', 0);
    model.insert(50, 0);
    const burst = poll(model);
    expect(burst.counter).toBe(2); // 250 + 7 events, wrapped past 255 to 1
    expect(burst.events[0]).toMatchObject({ kind: 'credit', coinPosition: 3 });
    expect(burst.events[1]).toMatchObject({ kind: 'rejected', code: 1 });
  });

  it('power cycle: counter 0, inhibited again', () => {
    const model = enabledAcceptor();
    model.insert(10, 0);
    model.injectFault('powerCycle', 0);
    expect(model.handle(H.SIMPLE_POLL, bytes(), 100)).toBeNull();
    expect(poll(model, 1_000).counter).toBe(0);
    model.insert(10, 1_000);
    expect(poll(model, 1_000).events[0]).toMatchObject({ kind: 'rejected', code: 2 });
    expect(model.handle(H.REQUEST_COIN_ID, bytes(4), 1_000)).toEqual({
      kind: 'ack',
      data: Uint8Array.from(Buffer.from('EU100A')),
    });
  });
});
