import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MrzReader, MrzReaderHealth } from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { deferStart } from './deferred-reader.ts';

function fakeReader() {
  const health: MrzReaderHealth = { state: 'stopped', restarts: 0, readyMs: null, rssBytes: null };
  const reader: MrzReader = {
    start: vi.fn(async () => {
      health.state = 'starting';
    }),
    stop: async () => undefined,
    isReady: () => health.state === 'ready',
    readImage: vi.fn(async () => ({
      status: 'rejected' as const,
      reason: 'noMrz' as const,
      lines: [],
      checks: [],
      detail: 'test',
      timings: { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: 0 },
    })),
    readText: vi.fn(),
    health: () => health,
  };
  return { reader, health };
}

describe('OCR reader started after the kiosk', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts after the delay, and says "starting" meanwhile so a scan waits rather than fails', async () => {
    const { reader } = fakeReader();
    const deferred = deferStart(reader, 2_500, createMemoryLogger('test'));
    expect(deferred.reader.health().state).toBe('stopped');
    deferred.schedule();
    expect(deferred.reader.health().state).toBe('starting');
    expect(reader.start).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(reader.start).toHaveBeenCalledTimes(1);
  });

  it('a read before the delay starts it at once, and only once', async () => {
    const { reader } = fakeReader();
    const deferred = deferStart(reader, 2_500, createMemoryLogger('test'));
    deferred.schedule();
    await deferred.reader.readImage(new Uint8Array([1]));
    expect(reader.start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reader.start).toHaveBeenCalledTimes(1);
    expect(reader.readImage).toHaveBeenCalledTimes(1);
  });

  it('stopping before the delay leaves it unstarted', async () => {
    const { reader } = fakeReader();
    const deferred = deferStart(reader, 2_500, createMemoryLogger('test'));
    deferred.schedule();
    deferred.cancel();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reader.start).not.toHaveBeenCalled();
    expect(deferred.reader.health().state).toBe('stopped');
  });
});
