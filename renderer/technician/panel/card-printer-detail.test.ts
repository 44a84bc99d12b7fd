import { describe, expect, it } from 'vitest';
import { readCardPrinterDetail } from './card-printer-detail.ts';

const healthy = {
  feederCards: 80,
  feederNearEmpty: false,
  ribbonPanels: 400,
  ribbonLow: false,
  rejectBinCards: 2,
  rejectBinCapacity: 20,
  position: 'none',
  minorStates: 'DEF_CARD_ON_EJECT, PRINTER_READY',
};

describe('card printer detail', () => {
  it('reads supplies, position and the minor states', () => {
    expect(readCardPrinterDetail(healthy)).toEqual({
      feeder: { cards: 80, level: 'good' },
      ribbon: { panels: 400, level: 'good' },
      rejectBin: { cards: 2, capacity: 20, level: 'good' },
      position: 'none',
      minorStates: ['DEF_CARD_ON_EJECT', 'PRINTER_READY'],
      others: {},
    });
  });

  it('warns on the printer’s low flags and a nearly full bin, and fails on empty or full', () => {
    const low = readCardPrinterDetail({
      ...healthy,
      feederNearEmpty: true,
      feederCards: 4,
      ribbonLow: true,
      ribbonPanels: 12,
      rejectBinCards: 19,
    });
    expect([low.feeder.level, low.ribbon.level, low.rejectBin.level]).toEqual(['warn', 'warn', 'warn']);
    const out = readCardPrinterDetail({
      ...healthy,
      feederCards: 0,
      feederNearEmpty: true,
      ribbonPanels: 0,
      rejectBinCards: 20,
    });
    expect([out.feeder.level, out.ribbon.level, out.rejectBin.level]).toEqual(['bad', 'bad', 'bad']);
  });

  it('treats missing or malformed fields as not reported, and keeps unknown keys aside', () => {
    const reading = readCardPrinterDetail({ feederCards: 'many', position: 'sideways', counterPicked: 12 });
    expect(reading.feeder).toEqual({ cards: null, level: 'unknown' });
    expect(reading.ribbon.level).toBe('unknown');
    expect(reading.rejectBin.level).toBe('unknown');
    expect(reading.position).toBeNull();
    expect(reading.minorStates).toEqual([]);
    expect(reading.others).toEqual({ counterPicked: 12 });
  });
});
