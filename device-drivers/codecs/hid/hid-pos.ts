/**
 * Our model of a HID POS barcode scanner's input report (usage page 0x8C, Bar Code Scanner), laid
 * out as common scanners in "HID POS" mode do it (docs/hid-scanners.md). One report, 64 bytes:
 *
 *   [0]      report id 0x02
 *   [1]      number of data bytes in this report, 0..56
 *   [2..4]   AIM symbology identifier, three ASCII bytes: `]`, code character, modifier (`]Q1`)
 *   [5..60]  data bytes, zero after the count
 *   [61..62] reserved, zero
 *   [63]     flags: bit 0 = more data follows in the next report; other bits zero
 *
 * A code longer than 56 bytes spans several reports, all with the same symbology, every one but
 * the last with "more data follows".
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_LENGTH = 64;
export const HID_POS_DATA_CAPACITY = 56;
export const HID_POS_MORE_DATA = 0x01;
const DATA_OFFSET = 5;
const FLAGS_OFFSET = 63;

export interface HidPosReport {
  symbology: string;
  data: Uint8Array;
  moreData: boolean;
}

const AIM = /^\][A-Za-z][0-9A-Za-z]$/;

/** Reads one report; a string says why it is not one of ours. */
export function parseHidPosReport(report: Uint8Array): HidPosReport | string {
  if (report.length !== HID_POS_REPORT_LENGTH)
    return `report of ${report.length} bytes, not ${HID_POS_REPORT_LENGTH}`;
  if (report[0] !== HID_POS_REPORT_ID) return `report id 0x${report[0]!.toString(16)}`;
  const count = report[1]!;
  if (count > HID_POS_DATA_CAPACITY) return `data count ${count} above ${HID_POS_DATA_CAPACITY}`;
  const symbology = String.fromCharCode(report[2]!, report[3]!, report[4]!);
  if (!AIM.test(symbology)) return 'no AIM symbology identifier';
  const flags = report[FLAGS_OFFSET]!;
  if ((flags & ~HID_POS_MORE_DATA) !== 0) return 'unknown flag bits';
  // Scanners pad with zeros; anything else past the count means the report is not what it claims.
  for (let i = DATA_OFFSET + count; i < FLAGS_OFFSET; i++) if (report[i] !== 0) return 'padding not zero';
  return {
    symbology,
    data: report.slice(DATA_OFFSET, DATA_OFFSET + count),
    moreData: (flags & HID_POS_MORE_DATA) !== 0,
  };
}

/** The reports that carry `data` (the simulator's side). */
export function encodeHidPos(data: Uint8Array, symbology: string): Uint8Array[] {
  if (!AIM.test(symbology)) throw new RangeError(`not an AIM symbology identifier: ${symbology}`);
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + HID_POS_DATA_CAPACITY);
    offset += chunk.length;
    const report = new Uint8Array(HID_POS_REPORT_LENGTH);
    report[0] = HID_POS_REPORT_ID;
    report[1] = chunk.length;
    for (let i = 0; i < 3; i++) report[2 + i] = symbology.charCodeAt(i);
    report.set(chunk, DATA_OFFSET);
    report[FLAGS_OFFSET] = offset < data.length ? HID_POS_MORE_DATA : 0;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}

export type HidPosEvent =
  | { kind: 'code'; symbology: string; data: Uint8Array }
  | { kind: 'invalid'; reason: string };

/**
 * Joins reports into codes of at most `maxBytes`. A bad report, a symbology that changes in the
 * middle of a code or a code over the limit yields one `invalid`; the rest of that code, up to its
 * last report, is then skipped so its tail is never taken for a code of its own. Holds at most
 * `maxBytes` whatever arrives.
 */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private length = 0;
  private symbology: string | null = null;
  private skipping = false;

  constructor(private readonly maxBytes: number) {}

  /** A code has begun and its last report has not come. */
  get inProgress(): boolean {
    return this.symbology !== null || this.skipping;
  }

  push(raw: Uint8Array): HidPosEvent | null {
    const report = parseHidPosReport(raw);
    if (typeof report === 'string') return this.fail(report, this.inProgress);
    if (this.skipping) {
      if (!report.moreData) this.skipping = false;
      return null;
    }
    if (this.symbology !== null && report.symbology !== this.symbology)
      return this.fail('symbology changed within a code', report.moreData);
    this.symbology = report.symbology;
    this.length += report.data.length;
    if (this.length > this.maxBytes)
      return this.fail(`code longer than ${this.maxBytes} bytes`, report.moreData);
    this.parts.push(report.data);
    if (report.moreData) return null;
    const data = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      data.set(part, offset);
      offset += part.length;
    }
    const symbology = this.symbology;
    this.reset();
    if (data.length === 0) return { kind: 'invalid', reason: 'empty code' };
    return { kind: 'code', symbology, data };
  }

  reset(): void {
    this.parts = [];
    this.length = 0;
    this.symbology = null;
    this.skipping = false;
  }

  private fail(reason: string, skipRest: boolean): HidPosEvent {
    this.reset();
    this.skipping = skipRest;
    return { kind: 'invalid', reason };
  }
}
