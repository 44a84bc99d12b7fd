import { describe, expect, it, vi } from 'vitest';
import { CcTalkTimeoutError } from '../cctalk/cctalk-errors.ts';
import type { CashBus } from './cash-bus.ts';
import { createDriverCommand } from './send-command.ts';

function busAnswering(answer: () => Promise<{ header: number; data: Uint8Array }>) {
  return { request: vi.fn(answer) } as unknown as CashBus & { request: ReturnType<typeof vi.fn> };
}

describe('driver command', () => {
  it('addresses the device with the driver timeout and retries a command once unless told not to', async () => {
    const bus = busAnswering(async () => ({ header: 0, data: Uint8Array.of(7) }));
    const command = createDriverCommand({
      bus,
      address: 40,
      commandTimeoutMs: 300,
      isStopped: () => false,
      onLinkFailure: () => undefined,
    });
    expect(await command(254)).toEqual({ ok: true, data: Uint8Array.of(7) });
    await command(154, Uint8Array.of(1), { retries: 0 });
    expect(bus.request.mock.calls[0]?.[0]).toEqual({
      destination: 40,
      header: 254,
      timeoutMs: 300,
      retries: 1,
    });
    expect(bus.request.mock.calls[1]?.[0]).toMatchObject({ header: 154, retries: 0, data: Uint8Array.of(1) });
  });

  it('reports a silent device to the driver, and sends nothing once the driver is stopped', async () => {
    const bus = busAnswering(async () => {
      throw new CcTalkTimeoutError('no reply');
    });
    const onLinkFailure = vi.fn();
    let stopped = false;
    const command = createDriverCommand({
      bus,
      address: 2,
      commandTimeoutMs: 100,
      isStopped: () => stopped,
      onLinkFailure,
    });
    const silent = await command(229);
    expect(silent).toMatchObject({ ok: false, failure: 'noReply', result: { code: 'timeout' } });
    expect(onLinkFailure).toHaveBeenCalledWith('noReply');
    stopped = true;
    expect(await command(229)).toMatchObject({ ok: false, result: { code: 'deviceNotReady' } });
    expect(bus.request).toHaveBeenCalledTimes(1);
  });
});
