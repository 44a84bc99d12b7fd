import { describe, expect, it } from 'vitest';
import { CcTalkDataError } from './errors.ts';
import {
  BILL_STATUS_CODES,
  COIN_ERROR_CODES,
  countNewEvents,
  decodeBillEventPair,
  decodeCoinEventPair,
  parseBufferedEvents,
} from './events.ts';

describe('parseBufferedEvents (part 2, headers 159 and 229)', () => {
  it('reads the counter and five pairs, newest first', () => {
    // A bill validator reply: counter 5; newest: bill type 1 in escrow, then a note returned
    // from escrow, type 3 stacked, a string fraud, type 2 stacked.
    const data = Uint8Array.of(5, 1, 1, 0, 1, 3, 0, 0, 18, 2, 0);
    expect(parseBufferedEvents(data)).toEqual({
      counter: 5,
      events: [
        { a: 1, b: 1 },
        { a: 0, b: 1 },
        { a: 3, b: 0 },
        { a: 0, b: 18 },
        { a: 2, b: 0 },
      ],
    });
  });

  it('throws CcTalkDataError for any other length', () => {
    for (const length of [0, 1, 10, 12]) {
      expect(() => parseBufferedEvents(new Uint8Array(length))).toThrow(CcTalkDataError);
    }
  });
});

describe('countNewEvents (counter 1..255, wraps 255 → 1, 0 only after power-up)', () => {
  it('counts plain differences', () => {
    expect(countNewEvents(3, 3)).toEqual({ newEvents: 0, lost: 0, powerUp: false });
    expect(countNewEvents(3, 5)).toEqual({ newEvents: 2, lost: 0, powerUp: false });
  });

  it('wraps 255 → 1, skipping 0', () => {
    expect(countNewEvents(254, 1)).toEqual({ newEvents: 2, lost: 0, powerUp: false }); // 255, 1
    expect(countNewEvents(255, 2)).toEqual({ newEvents: 2, lost: 0, powerUp: false }); // 1, 2
    expect(countNewEvents(255, 1)).toEqual({ newEvents: 1, lost: 0, powerUp: false });
    expect(countNewEvents(250, 5)).toEqual({ newEvents: 10, lost: 5, powerUp: false });
  });

  it('counts from 0 after power-up: the counter itself is the number of events', () => {
    expect(countNewEvents(0, 1)).toEqual({ newEvents: 1, lost: 0, powerUp: false });
    expect(countNewEvents(0, 5)).toEqual({ newEvents: 5, lost: 0, powerUp: false });
    expect(countNewEvents(0, 7)).toEqual({ newEvents: 7, lost: 2, powerUp: false });
    expect(countNewEvents(0, 0)).toEqual({ newEvents: 0, lost: 0, powerUp: false });
  });

  it('reports a power-up when the counter goes back to 0', () => {
    expect(countNewEvents(42, 0)).toEqual({ newEvents: 0, lost: 0, powerUp: true });
    expect(countNewEvents(255, 0)).toEqual({ newEvents: 0, lost: 0, powerUp: true });
  });

  it('takes nothing as new on the first poll', () => {
    expect(countNewEvents(null, 17)).toEqual({ newEvents: 0, lost: 0, powerUp: false });
    expect(countNewEvents(null, 0)).toEqual({ newEvents: 0, lost: 0, powerUp: false });
  });

  it('more than five new events: the excess is lost', () => {
    expect(countNewEvents(10, 16)).toEqual({ newEvents: 6, lost: 1, powerUp: false });
    expect(countNewEvents(10, 9)).toEqual({ newEvents: 254, lost: 249, powerUp: false });
  });

  it('refuses values that are not bytes', () => {
    expect(() => countNewEvents(1, 256)).toThrow(RangeError);
    expect(() => countNewEvents(-1, 2)).toThrow(RangeError);
  });
});

describe('bill event codes (part 3, bill validator event codes)', () => {
  it('A ≠ 0: B 0 stacked, B 1 held in escrow', () => {
    expect(decodeBillEventPair({ a: 4, b: 0 })).toEqual({ kind: 'stacked', billType: 4 });
    expect(decodeBillEventPair({ a: 4, b: 1 })).toEqual({ kind: 'escrow', billType: 4 });
    expect(decodeBillEventPair({ a: 4, b: 2 }).kind).toBe('unknown');
  });

  it('A = 0: B is a status, in the BillEvent vocabulary', () => {
    const kinds = (codes: number[]) => codes.map((b) => decodeBillEventPair({ a: 0, b }).kind);
    expect(kinds([1])).toEqual(['returned']);
    expect(kinds([6, 7, 15, 16])).toEqual(['jam', 'jam', 'jam', 'jam']);
    expect(kinds([8, 9, 17, 18])).toEqual(['fraud', 'fraud', 'fraud', 'fraud']);
    expect(kinds([14])).toEqual(['stackerFull']);
    expect(kinds([2, 3, 4, 5])).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(kinds([21])).toEqual(['unknownStacked']);
    expect(decodeBillEventPair({ a: 0, b: 18 })).toEqual({
      kind: 'fraud',
      reason: 'string fraud detected',
      code: 18,
    });
    expect(decodeBillEventPair({ a: 0, b: 99 }).kind).toBe('unknown');
    expect(Object.keys(BILL_STATUS_CODES)).toHaveLength(22);
  });
});

describe('coin event codes (part 3, coin acceptor error codes)', () => {
  it('A ≠ 0 is a credit with its sorter path', () => {
    expect(decodeCoinEventPair({ a: 3, b: 2 })).toEqual({ kind: 'credit', coinPosition: 3, sorterPath: 2 });
  });

  it('A = 0: B is an error code', () => {
    expect(decodeCoinEventPair({ a: 0, b: 0 }).kind).toBe('none');
    expect(decodeCoinEventPair({ a: 0, b: 1 }).kind).toBe('rejected');
    expect(decodeCoinEventPair({ a: 0, b: 2 })).toEqual({
      kind: 'rejected',
      reason: 'inhibited coin',
      code: 2,
    });
    expect(decodeCoinEventPair({ a: 0, b: 14 }).kind).toBe('jam');
    expect(decodeCoinEventPair({ a: 0, b: 20 }).kind).toBe('fraud');
    expect(decodeCoinEventPair({ a: 0, b: 255 }).kind).toBe('fault');
    expect(decodeCoinEventPair({ a: 0, b: 100 }).kind).toBe('unknown');
    expect(Object.keys(COIN_ERROR_CODES)).toHaveLength(44);
  });
});
