import { describe, expect, it } from 'vitest';
import {
  formatCounters,
  formatSupplies,
  parseCounters,
  parsePosition,
  parseSupplies,
} from './state-replies.ts';
import { formatStatus, MINOR, majorForMinors, parseStatus } from './status.ts';

describe('status', () => {
  it('parses and formats Rst replies', () => {
    expect(parseStatus(['READY', 'PRINTER_READY'])).toEqual({ major: 'READY', minors: ['PRINTER_READY'] });
    expect(parseStatus(['ERROR', 'RIBBON_ENDED,INF_FEEDER_NEAR_EMPTY'])).toEqual({
      major: 'ERROR',
      minors: ['RIBBON_ENDED', 'INF_FEEDER_NEAR_EMPTY'],
    });
    expect(parseStatus(['WARNING'])).toEqual({ major: 'WARNING', minors: [] });
    expect(formatStatus({ major: 'ERROR', minors: ['RIBBON_ENDED', 'INF_FEEDER_NEAR_EMPTY'] })).toBe(
      'ERROR;RIBBON_ENDED,INF_FEEDER_NEAR_EMPTY',
    );
    expect(formatStatus({ major: 'READY', minors: [] })).toBe('READY');
  });

  it('refuses what is not a status', () => {
    expect(parseStatus([])).toBeNull();
    expect(parseStatus(['OFF', 'PRINTER_READY'])).toBeNull();
    expect(parseStatus(['READY', 'printer ready'])).toBeNull();
    expect(parseStatus(['READY', 'A', 'B'])).toBeNull();
  });

  it('the major state is the worst of the minors', () => {
    expect(majorForMinors([MINOR.printerReady])).toBe('READY');
    expect(majorForMinors([MINOR.ribbonLow, MINOR.cardInside])).toBe('WARNING');
    expect(majorForMinors([MINOR.ribbonLow, MINOR.coverOpen])).toBe('ERROR');
    expect(majorForMinors(['SOMETHING_NEW'])).toBe('READY');
  });
});

describe('supplies, counters and position replies', () => {
  it('round-trip supplies', () => {
    const supplies = {
      feederCards: 4,
      feederNearEmpty: true,
      ribbonPanels: 200,
      ribbonLow: false,
      rejectBinCards: 1,
      rejectBinCapacity: 20,
    };
    expect(formatSupplies(supplies)).toBe('4;1;200;0;1;20');
    expect(parseSupplies('4;1;200;0;1;20'.split(';'))).toEqual(supplies);
    expect(parseSupplies('4;2;200;0;1;20'.split(';'))).toBeNull();
    expect(parseSupplies('4;1;200;0;1;0'.split(';'))).toBeNull();
    expect(parseSupplies('4;1;200;0;1'.split(';'))).toBeNull();
    expect(parseSupplies('4;1;-1;0;1;20'.split(';'))).toBeNull();
  });

  it('round-trip counters', () => {
    expect(formatCounters({ picked: 7, ejected: 5, rejected: 2 })).toBe('7;5;2');
    expect(parseCounters(['7', '5', '2'])).toEqual({ picked: 7, ejected: 5, rejected: 2 });
    expect(parseCounters(['7', '5'])).toBeNull();
    expect(parseCounters(['7', 'x', '2'])).toBeNull();
  });

  it('parses the card position', () => {
    expect(parsePosition(['atExit'])).toBe('atExit');
    expect(parsePosition(['none'])).toBe('none');
    expect(parsePosition(['outside'])).toBeNull();
    expect(parsePosition(['none', 'x'])).toBeNull();
  });
});
