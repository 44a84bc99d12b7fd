import { describe, expect, it } from 'vitest';
import { decodeBillEventPair, parseBufferedEvents } from '../../device-drivers/codecs/cctalk/events.ts';
import * as H from '../../device-drivers/codecs/cctalk/headers.ts';
import { BillValidatorModel } from './bill-validator-model.ts';
import { InsertRefused } from './cctalk-device-model.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

/** A validator with all six notes enabled and master inhibit off, as a host would leave it. */
function enabledValidator(options: ConstructorParameters<typeof BillValidatorModel>[0] = {}) {
  const model = new BillValidatorModel({ escrowTimeoutMs: 1_000, ...options });
  expect(model.handle(H.MODIFY_INHIBIT_STATUS, bytes(0x3f, 0), 0)).toEqual({ kind: 'ack', data: bytes() });
  expect(model.handle(H.MODIFY_MASTER_INHIBIT, bytes(1), 0)?.kind).toBe('ack');
  return model;
}

function poll(model: BillValidatorModel, now = 0) {
  const reply = model.handle(H.READ_BUFFERED_BILL_EVENTS, bytes(), now);
  if (reply?.kind !== 'ack') throw new Error(`no events reply: ${JSON.stringify(reply)}`);
  const parsed = parseBufferedEvents(reply.data);
  return { counter: parsed.counter, events: parsed.events.map(decodeBillEventPair) };
}

const route = (model: BillValidatorModel, code: number, now = 0) =>
  model.handle(H.ROUTE_BILL, bytes(code), now);

describe('bill validator model', () => {
  it('comes up with counter 0, everything inhibited: a note is rejected with master inhibit', () => {
    const model = new BillValidatorModel();
    expect(poll(model).counter).toBe(0);
    model.insert(2_000, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'rejected', code: 0 });
  });

  it('holds an enabled note in escrow, stacks it on 154 stack and counts it in the stacker', () => {
    const model = enabledValidator();
    model.insert(2_000, 0);
    expect(poll(model).events[0]).toEqual({ kind: 'escrow', billType: 3 });
    expect(model.state(true, 0).supplies).toMatchObject({ escrowValue: 2_000 });
    expect(route(model, H.ROUTE_STACK)).toEqual({ kind: 'ack', data: bytes() });
    const after = poll(model);
    expect(after.counter).toBe(2);
    expect(after.events[0]).toEqual({ kind: 'stacked', billType: 3 });
    expect(model.state(true, 0).supplies).toMatchObject({
      'stacker.2000': 1,
      stackerNotes: 1,
      stackerValue: 2_000,
      escrowValue: 0,
    });
  });

  it('returns the note on 154 return, and answers escrow empty when nothing is held', () => {
    const model = enabledValidator();
    model.insert(500, 0);
    expect(route(model, H.ROUTE_RETURN)?.kind).toBe('ack');
    expect(poll(model).events[0]).toMatchObject({ kind: 'returned', code: 1 });
    expect(route(model, H.ROUTE_STACK)).toEqual({ kind: 'ack', data: bytes(H.ROUTE_ERROR_ESCROW_EMPTY) });
    expect(route(model, 7)).toEqual({ kind: 'nak' });
  });

  it('returns the note by itself at the escrow timeout; 154 with 255 extends it', () => {
    const model = enabledValidator({ escrowTimeoutMs: 1_000 });
    model.insert(5_000, 0);
    expect(route(model, H.ROUTE_EXTEND_ESCROW, 900)?.kind).toBe('ack');
    expect(poll(model, 1_800).events[0]).toEqual({ kind: 'escrow', billType: 4 });
    expect(poll(model, 1_900).events[0]).toMatchObject({ kind: 'returned' });
    expect(model.state(true, 1_900).supplies.escrowValue).toBe(0);
  });

  it('rejects an inhibited note (status 4) and a note it was not programmed for (status 2)', () => {
    const model = enabledValidator();
    model.handle(H.MODIFY_INHIBIT_STATUS, bytes(0b1, 0), 0); // only 5 €
    model.insert(10_000, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'rejected', code: 4 });
    model.insert(50_000, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'rejected', code: 2 });
    expect(() => model.insert(1_234, 0)).toThrow(InsertRefused);
  });

  it('refuses a second note while one is in escrow', () => {
    const model = enabledValidator();
    model.insert(500, 0);
    expect(() => model.insert(500, 0)).toThrow(expect.objectContaining({ reason: 'deviceBusy' }));
  });

  it('stacker full: fault and real capacity refuse notes with status 14; route stack fails with 255', () => {
    const model = enabledValidator({ stackerCapacity: 1 });
    model.insert(500, 0);
    model.injectFault('stackerFull', 0);
    expect(route(model, H.ROUTE_STACK)).toEqual({ kind: 'ack', data: bytes(H.ROUTE_ERROR_FAILED) });
    model.clearFault('stackerFull', 0);
    route(model, H.ROUTE_STACK);
    model.insert(500, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'stackerFull', code: 14 });
    model.replenish(0);
    expect(model.state(true, 0).supplies.stackerNotes).toBe(0);
    model.insert(500, 0);
    expect(poll(model).events[0]).toEqual({ kind: 'escrow', billType: 1 });
  });

  it('jam: notes jam in the transport (6); a held note stacked jams in the stacker (7), not counted', () => {
    const model = enabledValidator();
    model.insert(500, 0);
    model.injectFault('jam', 0);
    route(model, H.ROUTE_STACK);
    expect(poll(model).events[0]).toMatchObject({ kind: 'jam', code: 7 });
    model.insert(500, 0);
    expect(poll(model).events[0]).toMatchObject({ kind: 'jam', code: 6 });
    expect(model.state(true, 0).supplies.stackerNotes).toBe(0);
  });

  it('fraud: opto fraud (17) then string fraud (18)', () => {
    const model = enabledValidator();
    model.injectFault('fraud', 0);
    model.insert(500, 0);
    model.insert(500, 0);
    expect(poll(model).events.slice(0, 2)).toMatchObject([
      { kind: 'fraud', code: 18 },
      { kind: 'fraud', code: 17 },
    ]);
  });

  it('counterWrap jumps the counter to 250 at once; eventBurst makes 7 events of one note', () => {
    const model = enabledValidator();
    model.injectFault('counterWrap', 0);
    expect(poll(model).counter).toBe(250);
    expect(model.state(true, 0).faults).toEqual([]);
    model.injectFault('eventBurst', 0);
    model.insert(500, 0);
    const after = poll(model);
    expect(after.counter).toBe(2); // 250 + 7, wrapped past 255 to 1
    expect(after.events[0]).toEqual({ kind: 'escrow', billType: 1 });
    expect(after.events[1]).toMatchObject({ kind: 'rejected', code: 2 });
    expect(model.hasFault('eventBurst')).toBe(false);
  });

  it('power cycle: silent for a while, then counter 0 and inhibited again; reset does the same', () => {
    const model = enabledValidator();
    model.insert(500, 0);
    model.injectFault('powerCycle', 100);
    expect(model.handle(H.SIMPLE_POLL, bytes(), 150)).toBeNull();
    expect(model.handle(H.SIMPLE_POLL, bytes(), 400)).toEqual({ kind: 'ack', data: bytes() });
    expect(poll(model, 400).counter).toBe(0);
    expect(model.state(true, 400).supplies).toMatchObject({
      masterEnabled: false,
      inhibitMask: 0,
      escrowValue: 0,
    });
    model.handle(H.MODIFY_MASTER_INHIBIT, bytes(1), 400);
    model.insert(500, 400);
    expect(poll(model, 400).counter).toBe(1);
    expect(model.handle(H.RESET_DEVICE, bytes(), 400)?.kind).toBe('ack');
    expect(poll(model, 400).counter).toBe(0);
  });

  it('answers identification, bill ids and scaling; NAK for unknown headers and wrong lengths', () => {
    const model = new BillValidatorModel();
    const text = (header: number, data = bytes()) => {
      const reply = model.handle(header, data, 0);
      return reply?.kind === 'ack' ? Buffer.from(reply.data).toString('latin1') : reply?.kind;
    };
    expect(text(H.REQUEST_EQUIPMENT_CATEGORY_ID)).toBe('Bill Validator');
    expect(text(H.REQUEST_BILL_ID, bytes(3))).toBe('EU0020A');
    expect(text(H.REQUEST_BILL_ID, bytes(9))).toBe('nak');
    expect(model.handle(H.REQUEST_COUNTRY_SCALING_FACTOR, bytes(0x45, 0x55), 0)).toEqual({
      kind: 'ack',
      data: bytes(100, 0, 2),
    });
    expect(text(H.READ_BUFFERED_CREDIT)).toBe('nak');
    expect(text(H.SIMPLE_POLL, bytes(1))).toBe('nak');
    expect(text(H.MODIFY_MASTER_INHIBIT)).toBe('nak');
  });
});
