import { describe, expect, it } from 'vitest';
import { startingStatus } from '../../contracts/devices/status.ts';
import type { RealtimeStatus } from '../codecs/escpos/realtime-status.ts';
import { sinceMoves, statusChanged, statusFromRealtime } from './printer-status.ts';

const idle: RealtimeStatus = {
  offline: false,
  coverOpen: false,
  paperEndStop: false,
  error: false,
  cutterError: false,
  unrecoverable: false,
  autoRecoverable: false,
  paperNearEnd: false,
  paperEnd: false,
};

describe('receipt printer status mapping', () => {
  it('is online and ready when nothing is wrong', () => {
    expect(statusFromRealtime(idle)).toEqual({
      device: 'receiptPrinter',
      state: 'online',
      ready: true,
      detail: { paper: 'ok', cover: 'closed' },
      action: 'none',
      message: null,
    });
  });

  it('stays ready on paper near end', () => {
    expect(statusFromRealtime({ ...idle, paperNearEnd: true })).toMatchObject({
      state: 'online',
      ready: true,
      detail: { paper: 'nearEnd' },
    });
  });

  it('asks staff to clear paper out and cover open', () => {
    const out = statusFromRealtime({
      ...idle,
      offline: true,
      paperEndStop: true,
      paperEnd: true,
      paperNearEnd: true,
    });
    expect(out).toMatchObject({
      state: 'online',
      ready: false,
      action: 'clear',
      detail: { paper: 'out', cover: 'closed' },
    });
    const open = statusFromRealtime({ ...idle, offline: true, coverOpen: true });
    expect(open).toMatchObject({
      state: 'online',
      ready: false,
      action: 'clear',
      detail: { paper: 'ok', cover: 'open' },
    });
  });

  it('calls an engineer for an unrecoverable error', () => {
    expect(statusFromRealtime({ ...idle, offline: true, error: true, unrecoverable: true })).toMatchObject({
      state: 'hardwareError',
      ready: false,
      action: 'maintenance',
    });
  });

  it('sees a change in anything but since, and moves since only for state, ready or detail', () => {
    const online = { ...statusFromRealtime(idle), since: '2026-01-01T00:00:00.000Z' };
    expect(statusChanged(online, statusFromRealtime(idle))).toBe(false);
    expect(statusChanged(startingStatus('receiptPrinter'), statusFromRealtime(idle))).toBe(true);
    const nearEnd = statusFromRealtime({ ...idle, paperNearEnd: true });
    expect(statusChanged(online, nearEnd)).toBe(true);
    expect(sinceMoves(online, nearEnd)).toBe(true);
    expect(sinceMoves(online, { ...statusFromRealtime(idle), message: 'other' })).toBe(false);
  });
});
