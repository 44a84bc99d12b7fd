import { BUFFERED_EVENT_SLOTS as EVENT_SLOTS } from '../../device-drivers/codecs/cctalk/events.ts';

/**
 * The event buffer behind "read buffered credit or error codes" (header 229) and "read buffered
 * bill events" (header 159), ccTalk Generic Specification part 2: the reply is the event counter
 * followed by the five most recent events as result A / result B pairs, newest first.
 * - The counter is 0 only after power-up or reset; each event adds one and 255 wraps to 1.
 * - Only five events are kept: a host that polls too slowly sees the counter run ahead by more
 *   than five and knows events were lost.
 */

export interface BufferedEvent {
  a: number;
  b: number;
}

export function nextEventCounter(counter: number): number {
  return counter >= 255 ? 1 : counter + 1;
}

export class BufferedEvents {
  private count = 0;
  private slots: BufferedEvent[] = [];

  get counter(): number {
    return this.count;
  }

  record(a: number, b: number): void {
    this.count = nextEventCounter(this.count);
    this.slots.unshift({ a: a & 0xff, b: b & 0xff });
    if (this.slots.length > EVENT_SLOTS) this.slots.length = EVENT_SLOTS;
  }

  /** Newest first, at most five. */
  recent(): readonly BufferedEvent[] {
    return this.slots;
  }

  /** `[counter, A1, B1, … A5, B5]`; slots not yet used are 0, 0. */
  reply(): Uint8Array {
    const bytes = new Uint8Array(1 + 2 * EVENT_SLOTS);
    bytes[0] = this.count;
    this.slots.forEach((event, i) => {
      bytes[1 + 2 * i] = event.a;
      bytes[2 + 2 * i] = event.b;
    });
    return bytes;
  }

  /** Power-up or reset: counter 0, buffer empty. */
  clear(): void {
    this.count = 0;
    this.slots = [];
  }

  /** Test aid (fault `counterWrap`): moves the counter close to the wrap; the events stay. */
  jumpCounterTo(counter: number): void {
    this.count = Math.min(255, Math.max(1, Math.trunc(counter)));
  }
}
