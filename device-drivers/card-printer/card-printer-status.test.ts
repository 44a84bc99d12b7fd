import { describe, expect, it } from 'vitest';
import { MINOR, type MinorState, majorForMinors } from '../codecs/evolis/index.ts';
import { type PrinterReading, statusFromReading } from './card-printer-status.ts';

const SUPPLIES = {
  feederCards: 80,
  feederNearEmpty: false,
  ribbonPanels: 900,
  ribbonLow: false,
  rejectBinCards: 2,
  rejectBinCapacity: 20,
};

function reading(minors: string[], overrides: Partial<PrinterReading> = {}): PrinterReading {
  return { major: majorForMinors(minors), minors, supplies: SUPPLIES, position: 'none', ...overrides };
}

/** Every minor of docs/card-printer-protocol.md's state table and what the kiosk shows for it. */
const TABLE: Record<MinorState, { state: string; ready: boolean; action: string; message: string | null }> = {
  PRINTER_READY: { state: 'online', ready: true, action: 'none', message: null },
  INF_RIBBON_LOW: { state: 'online', ready: true, action: 'none', message: 'ribbon low' },
  INF_FEEDER_NEAR_EMPTY: { state: 'online', ready: true, action: 'none', message: 'feeder near empty' },
  INF_CARD_INSIDE: {
    state: 'online',
    ready: false,
    action: 'none',
    message: 'a card is inside with no job: reject it',
  },
  ERR_COVER_OPEN: { state: 'userError', ready: false, action: 'clear', message: 'cover open' },
  RIBBON_ENDED: { state: 'userError', ready: false, action: 'clear', message: 'ribbon ended' },
  FEEDER_EMPTY: { state: 'userError', ready: false, action: 'clear', message: 'feeder empty' },
  ERR_REJECT_BOX_FULL: { state: 'userError', ready: false, action: 'clear', message: 'reject bin full' },
  ERR_MECHANICAL: { state: 'hardwareError', ready: false, action: 'maintenance', message: 'card jam' },
  ERR_WRITE_MAGNETIC: {
    state: 'hardwareError',
    ready: false,
    action: 'maintenance',
    message: 'magnetic stripe cannot be written',
  },
};

describe('card printer status mapping', () => {
  it.each(Object.values(MINOR))('maps %s per the protocol table', (minor) => {
    expect(statusFromReading(reading([minor]))).toMatchObject(TABLE[minor]);
  });

  it('carries supplies, position and the minor words in the detail', () => {
    const status = statusFromReading(
      reading([MINOR.ribbonLow, MINOR.feederNearEmpty], { position: 'atExit' }),
    );
    expect(status.detail).toEqual({
      ...SUPPLIES,
      position: 'atExit',
      minorStates: 'INF_RIBBON_LOW,INF_FEEDER_NEAR_EMPTY',
    });
    expect(status.message).toBe('ribbon low, feeder near empty');
  });

  it('lets an engineer fault win over one staff can clear, and names both', () => {
    const status = statusFromReading(reading([MINOR.coverOpen, MINOR.mechanical]));
    expect(status).toMatchObject({
      state: 'hardwareError',
      action: 'maintenance',
      message: 'cover open, card jam',
    });
  });

  it('treats a reject bin at capacity as full before the printer says so', () => {
    const full = { ...SUPPLIES, rejectBinCards: 20 };
    expect(statusFromReading(reading([MINOR.printerReady], { supplies: full }))).toMatchObject({
      state: 'userError',
      ready: false,
      action: 'clear',
      message: 'reject bin full',
    });
  });

  it('treats a major ERROR with no known minor as a hardware error', () => {
    expect(statusFromReading({ ...reading([]), major: 'ERROR', minors: ['ERR_HEAD_TEMP'] })).toMatchObject({
      state: 'hardwareError',
      ready: false,
      action: 'maintenance',
      message: 'printer error (ERR_HEAD_TEMP)',
    });
  });

  it('stays online and ready for an unknown warning word', () => {
    expect(
      statusFromReading({ ...reading([]), major: 'WARNING', minors: ['INF_CLEANING_SOON'] }),
    ).toMatchObject({
      state: 'online',
      ready: true,
    });
  });
});
