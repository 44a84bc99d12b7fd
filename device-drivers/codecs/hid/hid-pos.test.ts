import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeHidPos,
  HID_POS_DATA_CAPACITY,
  HID_POS_REPORT_LENGTH,
  HidPosAssembler,
  type HidPosEvent,
  parseHidPosReport,
} from './hid-pos.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function assemble(reports: Uint8Array[], max = 4096): HidPosEvent[] {
  const assembler = new HidPosAssembler(max);
  return reports.flatMap((r) => assembler.push(r) ?? []);
}

describe('HID POS reports', () => {
  it('carries a short code in one report with its symbology', () => {
    const reports = encodeHidPos(bytes('VTA1.abc'), ']Q1');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toHaveLength(HID_POS_REPORT_LENGTH);
    const [event] = assemble(reports);
    expect(event?.kind === 'code' && new TextDecoder().decode(event.data)).toBe('VTA1.abc');
    expect(event?.kind === 'code' && event.symbology).toBe(']Q1');
  });

  it('continues a long code across reports with "more data follows"', () => {
    const text = 'x'.repeat(HID_POS_DATA_CAPACITY * 3 + 5);
    const reports = encodeHidPos(bytes(text), ']Q1');
    expect(reports).toHaveLength(4);
    expect(reports.map((r) => parseHidPosReport(r)).map((r) => typeof r !== 'string' && r.moreData)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const events = assemble(reports);
    expect(events).toHaveLength(1);
    expect(events[0]?.kind === 'code' && events[0].data.length).toBe(text.length);
  });

  it('refuses a code over the limit once and skips the rest of it', () => {
    const long = encodeHidPos(bytes('y'.repeat(300)), ']Q1');
    const short = encodeHidPos(bytes('ok'), ']Q1');
    const events = assemble([...long, ...short], 100);
    expect(events.map((e) => e.kind)).toEqual(['invalid', 'code']);
  });

  it('does not take the tail of a code spoilt by a bad report for a code', () => {
    const reports = encodeHidPos(bytes('z'.repeat(200)), ']Q1');
    const garbage = new Uint8Array(HID_POS_REPORT_LENGTH).fill(0xaa);
    const events = assemble([reports[0]!, garbage, ...reports.slice(1)]);
    expect(events.map((e) => e.kind)).toEqual(['invalid']);
  });

  it('refuses a symbology change within a code, padding that is not zero, and an empty code', () => {
    const [first] = encodeHidPos(bytes('a'.repeat(60)), ']Q1');
    const [other] = encodeHidPos(bytes('b'), ']C0');
    expect(assemble([first!, other!]).map((e) => e.kind)).toEqual(['invalid']);
    const padded = encodeHidPos(bytes('c'), ']Q1')[0]!;
    padded[40] = 1;
    expect(parseHidPosReport(padded)).toBe('padding not zero');
    expect(assemble(encodeHidPos(new Uint8Array(0), ']Q1'))).toEqual([
      { kind: 'invalid', reason: 'empty code' },
    ]);
  });

  it('round-trips any data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (data) => {
        const events = assemble(encodeHidPos(data, ']Q1'));
        expect(events).toHaveLength(1);
        expect(events[0]?.kind === 'code' && [...events[0].data]).toEqual([...data]);
      }),
    );
  });

  it('never throws on random reports and keeps no more than the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 60 }), (reports) => {
        for (const event of assemble(reports, 200))
          if (event.kind === 'code') expect(event.data.length).toBeLessThanOrEqual(200);
      }),
    );
  });
});
