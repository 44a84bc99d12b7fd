import { CcTalkDataError } from './errors.ts';

/**
 * Buffered events, shared by 229 "Read buffered credit or error codes" (coins) and 159 "Read
 * buffered bill events" (part 2, headers 229 and 159): `[event counter][A1][B1]…[A5][B5]`, the
 * newest event first. The device keeps the last five; the counter tells how many happened.
 */
export interface EventPair {
  a: number;
  b: number;
}

export interface BufferedEvents {
  counter: number;
  /** Newest first, always five pairs; only the first `countNewEvents(...).newEvents` are new. */
  events: EventPair[];
}

export const BUFFERED_EVENT_SLOTS = 5;

export function parseBufferedEvents(data: Uint8Array): BufferedEvents {
  if (data.length !== 1 + 2 * BUFFERED_EVENT_SLOTS) {
    throw new CcTalkDataError(`buffered events must be 11 bytes, got ${data.length}`);
  }
  const events: EventPair[] = [];
  for (let slot = 0; slot < BUFFERED_EVENT_SLOTS; slot++) {
    events.push({ a: data[1 + 2 * slot] ?? 0, b: data[2 + 2 * slot] ?? 0 });
  }
  return { counter: data[0] ?? 0, events };
}

export interface NewEventCount {
  /** Events since the previous poll, lost ones included. */
  newEvents: number;
  /** Events that fell out of the five-slot buffer before this poll: unknowable. */
  lost: number;
  /** The counter went back to 0: the device lost power or was reset, and comes back inhibited. */
  powerUp: boolean;
}

/**
 * Part 2, header 229: the counter is 0 only after power-up or reset, then counts 1..255 and wraps
 * 255 → 1, never back to 0. So the count of new events is the difference mod 255, and a 0 where a
 * non-zero counter was seen before means the device restarted.
 *
 * `previous` is the last counter seen, or null before the first poll (nothing is new then: the
 * events in the buffer predate this host's session and are not counted again).
 */
export function countNewEvents(previous: number | null, current: number): NewEventCount {
  if (!isCounter(current) || (previous !== null && !isCounter(previous))) {
    throw new RangeError(`event counters are bytes, got ${previous} → ${current}`);
  }
  if (current === 0) {
    return { newEvents: 0, lost: 0, powerUp: previous !== null && previous !== 0 };
  }
  if (previous === null) return { newEvents: 0, lost: 0, powerUp: false };
  // From 0 (just powered up) the first event is 1, so the counter itself is the count.
  const newEvents = previous === 0 ? current : (current - previous + 255) % 255;
  return { newEvents, lost: Math.max(0, newEvents - BUFFERED_EVENT_SLOTS), powerUp: false };
}

function isCounter(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 255;
}

/**
 * What a status code means, in the vocabulary of `BillEvent` and `CoinEvent`
 * (contracts/devices/cash.ts). Kinds beyond theirs: `status` (information, no money moved),
 * `fault` (the device needs service: report hardwareError), and for bills `unknownStacked`
 * (a note was stacked whose value the device does not know: money taken, value in doubt).
 */
export interface StatusMeaning<Kind extends string> {
  kind: Kind;
  reason: string;
}

export type BillStatusKind =
  | 'returned'
  | 'rejected'
  | 'fraud'
  | 'jam'
  | 'stackerFull'
  | 'status'
  | 'fault'
  | 'unknownStacked';

/** Part 3, bill validator event codes: result B when result A is 0 (header 159). */
export const BILL_STATUS_CODES: Readonly<Record<number, StatusMeaning<BillStatusKind>>> = {
  0: { kind: 'rejected', reason: 'master inhibit active' },
  1: { kind: 'returned', reason: 'bill returned from escrow' },
  2: { kind: 'rejected', reason: 'invalid bill (validation fail)' },
  3: { kind: 'rejected', reason: 'invalid bill (transport problem)' },
  4: { kind: 'rejected', reason: 'inhibited bill (serial)' },
  5: { kind: 'rejected', reason: 'inhibited bill (DIP switches)' },
  6: { kind: 'jam', reason: 'bill jammed in transport (unsafe mode)' },
  7: { kind: 'jam', reason: 'bill jammed in stacker' },
  8: { kind: 'fraud', reason: 'bill pulled backwards' },
  9: { kind: 'fraud', reason: 'bill tamper' },
  10: { kind: 'status', reason: 'stacker OK' },
  11: { kind: 'status', reason: 'stacker removed' },
  12: { kind: 'status', reason: 'stacker inserted' },
  13: { kind: 'fault', reason: 'stacker faulty' },
  14: { kind: 'stackerFull', reason: 'stacker full' },
  15: { kind: 'jam', reason: 'stacker jammed' },
  16: { kind: 'jam', reason: 'bill jammed in transport (safe mode)' },
  17: { kind: 'fraud', reason: 'opto fraud detected' },
  18: { kind: 'fraud', reason: 'string fraud detected' },
  19: { kind: 'fault', reason: 'anti-string mechanism faulty' },
  20: { kind: 'status', reason: 'barcode detected' },
  21: { kind: 'unknownStacked', reason: 'unknown bill type stacked' },
};

export type BillEventCode =
  /** B = 0: the note of type A was stacked (credit). */
  | { kind: 'stacked'; billType: number }
  /** B = 1: the note of type A is held in escrow, waiting for 154 route bill. */
  | { kind: 'escrow'; billType: number }
  | (StatusMeaning<BillStatusKind | 'unknown'> & { code: number });

/** One 159 event pair to its meaning; codes the table does not list come back as `unknown`. */
export function decodeBillEventPair({ a, b }: EventPair): BillEventCode {
  if (a !== 0) {
    if (b === 0) return { kind: 'stacked', billType: a };
    if (b === 1) return { kind: 'escrow', billType: a };
    return { kind: 'unknown', reason: `bill type ${a} with unknown result ${b}`, code: b };
  }
  const meaning = BILL_STATUS_CODES[b];
  return meaning ? { ...meaning, code: b } : { kind: 'unknown', reason: `bill status ${b}`, code: b };
}

export type CoinErrorKind = 'none' | 'rejected' | 'fraud' | 'jam' | 'status' | 'fault';

/** Part 3, coin acceptor error codes: result B when result A is 0 (header 229). */
export const COIN_ERROR_CODES: Readonly<Record<number, StatusMeaning<CoinErrorKind>>> = {
  0: { kind: 'none', reason: 'null event' },
  1: { kind: 'rejected', reason: 'reject coin' },
  2: { kind: 'rejected', reason: 'inhibited coin' },
  3: { kind: 'rejected', reason: 'multiple window' },
  4: { kind: 'jam', reason: 'wake-up timeout' },
  5: { kind: 'jam', reason: 'validation timeout' },
  6: { kind: 'jam', reason: 'credit sensor timeout' },
  7: { kind: 'jam', reason: 'sorter opto timeout' },
  8: { kind: 'rejected', reason: '2nd close coin error' },
  9: { kind: 'rejected', reason: 'accept gate not ready' },
  10: { kind: 'rejected', reason: 'credit sensor not ready' },
  11: { kind: 'rejected', reason: 'sorter not ready' },
  12: { kind: 'rejected', reason: 'reject coin not cleared' },
  13: { kind: 'rejected', reason: 'validation sensor not ready' },
  14: { kind: 'jam', reason: 'credit sensor blocked' },
  15: { kind: 'jam', reason: 'sorter opto blocked' },
  16: { kind: 'fraud', reason: 'credit sequence error' },
  17: { kind: 'fraud', reason: 'coin going backwards' },
  18: { kind: 'fraud', reason: 'coin too fast (over credit sensor)' },
  19: { kind: 'fraud', reason: 'coin too slow (over credit sensor)' },
  20: { kind: 'fraud', reason: 'coin-on-string mechanism activated' },
  21: { kind: 'jam', reason: 'DCE opto timeout' },
  22: { kind: 'fraud', reason: 'DCE opto not seen' },
  23: { kind: 'fraud', reason: 'credit sensor reached too early' },
  24: { kind: 'fraud', reason: 'reject coin (repeated sequential trip)' },
  25: { kind: 'fraud', reason: 'reject slug' },
  26: { kind: 'jam', reason: 'reject sensor blocked' },
  27: { kind: 'fault', reason: 'games overload' },
  28: { kind: 'fault', reason: 'max. coin meter pulses exceeded' },
  29: { kind: 'fraud', reason: 'accept gate open not closed' },
  30: { kind: 'fault', reason: 'accept gate closed not open' },
  31: { kind: 'jam', reason: 'manifold opto timeout' },
  32: { kind: 'jam', reason: 'manifold opto blocked' },
  33: { kind: 'rejected', reason: 'manifold not ready' },
  34: { kind: 'fraud', reason: 'security status changed' },
  35: { kind: 'jam', reason: 'motor exception' },
  36: { kind: 'fraud', reason: 'swallowed coin' },
  37: { kind: 'rejected', reason: 'coin too fast (over validation sensor)' },
  38: { kind: 'rejected', reason: 'coin too slow (over validation sensor)' },
  39: { kind: 'fault', reason: 'coin incorrectly sorted' },
  40: { kind: 'fraud', reason: 'external light attack' },
  253: { kind: 'status', reason: 'data block request' },
  254: { kind: 'jam', reason: 'coin return mechanism activated (flight deck open)' },
  255: { kind: 'fault', reason: 'unspecified alarm code' },
};

export type CoinEventCode =
  /** A ≠ 0: a coin of position A was credited; B is the sorter path it took. */
  | { kind: 'credit'; coinPosition: number; sorterPath: number }
  | (StatusMeaning<CoinErrorKind | 'unknown'> & { code: number });

/** One 229 event pair to its meaning; codes the table does not list come back as `unknown`. */
export function decodeCoinEventPair({ a, b }: EventPair): CoinEventCode {
  if (a !== 0) return { kind: 'credit', coinPosition: a, sorterPath: b };
  const meaning = COIN_ERROR_CODES[b];
  return meaning ? { ...meaning, code: b } : { kind: 'unknown', reason: `coin error ${b}`, code: b };
}
