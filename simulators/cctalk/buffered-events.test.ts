import { describe, expect, it } from 'vitest';
import { countNewEvents, parseBufferedEvents } from '../../device-drivers/codecs/cctalk/events.ts';
import { BufferedEvents, nextEventCounter } from './buffered-events.ts';

describe('buffered events (device side)', () => {
  it('starts at counter 0 with empty slots, newest event first', () => {
    const events = new BufferedEvents();
    expect([...events.reply()]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    events.record(3, 1);
    events.record(3, 0);
    expect(parseBufferedEvents(events.reply())).toEqual({
      counter: 2,
      events: [
        { a: 3, b: 0 },
        { a: 3, b: 1 },
        { a: 0, b: 0 },
        { a: 0, b: 0 },
        { a: 0, b: 0 },
      ],
    });
  });

  it('keeps five, and the host can tell how many were lost', () => {
    const events = new BufferedEvents();
    for (let i = 1; i <= 8; i += 1) events.record(i, 0);
    const reply = parseBufferedEvents(events.reply());
    expect(reply.events.map((e) => e.a)).toEqual([8, 7, 6, 5, 4]);
    expect(countNewEvents(0, reply.counter)).toMatchObject({ newEvents: 8, lost: 3 });
  });

  it('wraps 255 → 1, never back to 0', () => {
    expect(nextEventCounter(254)).toBe(255);
    expect(nextEventCounter(255)).toBe(1);
    const events = new BufferedEvents();
    events.jumpCounterTo(250);
    for (let i = 0; i < 6; i += 1) events.record(1, 0);
    expect(events.counter).toBe(1);
    expect(countNewEvents(250, 1)).toMatchObject({ newEvents: 6, lost: 1, powerUp: false });
  });

  it('clears to 0 at power-up', () => {
    const events = new BufferedEvents();
    events.record(1, 0);
    events.clear();
    expect(events.counter).toBe(0);
    expect(events.recent()).toEqual([]);
  });
});
