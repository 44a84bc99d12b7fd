/**
 * ESC/POS command bytes, after Epson's "ESC/POS Command Reference" (public at
 * https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/). Each builder names the
 * command as the reference does and returns a fresh Buffer.
 */
export const LF = 0x0a;
export const CR = 0x0d;
export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

export type Alignment = 'left' | 'center' | 'right';

const ALIGNMENT_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

/** ESC @ — initialize printer: clears the print buffer and resets the print modes. */
export function initialize(): Buffer {
  return Buffer.from([ESC, 0x40]);
}

/** LF — print the buffer and feed one line. */
export function lineFeed(lines = 1): Buffer {
  return Buffer.alloc(lines, LF);
}

/** ESC a n — justification: n = 0 left, 1 centered, 2 right (48–50 are accepted as aliases). */
export function selectJustification(align: Alignment): Buffer {
  return Buffer.from([ESC, 0x61, ALIGNMENT_CODE[align]]);
}

/** ESC E n — emphasized (bold) mode; only the least significant bit of n counts. */
export function selectEmphasized(on: boolean): Buffer {
  return Buffer.from([ESC, 0x45, on ? 1 : 0]);
}

/**
 * GS ! n — character size: bits 4–6 width multiplier − 1, bits 0–2 height multiplier − 1.
 * Magnifications 1..8 in each direction.
 */
export function selectCharacterSize(width: number, height: number): Buffer {
  const w = Math.min(8, Math.max(1, Math.trunc(width))) - 1;
  const h = Math.min(8, Math.max(1, Math.trunc(height))) - 1;
  return Buffer.from([GS, 0x21, (w << 4) | h]);
}

/** ESC t n — character code table. Page 19 is PC858 (Latin-1 with the euro sign). */
export function selectCodeTable(page: number): Buffer {
  return Buffer.from([ESC, 0x74, page & 0xff]);
}

/** FS & — Kanji (on Chinese models: Chinese) character mode on: bytes ≥ 0x80 start a double-byte code. */
export function chineseModeOn(): Buffer {
  return Buffer.from([FS, 0x26]);
}

/** FS . — Kanji/Chinese character mode off: every byte is one character of the ESC t table. */
export function chineseModeOff(): Buffer {
  return Buffer.from([FS, 0x2e]);
}

/**
 * GS V — cut paper. Function A (`GS V m`, m = 0 full / 1 partial) cuts where the paper is;
 * Function B (`GS V m n`, m = 65 full / 66 partial) first feeds to the cutting position plus
 * n motion units, so the last printed line is not cut off.
 */
export function cutPaper(options: { partial: boolean; feedUnits?: number }): Buffer {
  if (options.feedUnits === undefined) return Buffer.from([GS, 0x56, options.partial ? 1 : 0]);
  return Buffer.from([GS, 0x56, options.partial ? 66 : 65, options.feedUnits & 0xff]);
}

/** Parameter n of `DLE EOT n`: which real-time status byte the printer sends back. */
export const RealtimeStatusKind = {
  printer: 1,
  offlineCause: 2,
  errorCause: 3,
  rollPaperSensor: 4,
} as const;
export type RealtimeStatusKind = (typeof RealtimeStatusKind)[keyof typeof RealtimeStatusKind];

/** DLE EOT n — transmit real-time status; the printer answers with one status byte. */
export function transmitRealtimeStatus(n: RealtimeStatusKind): Buffer {
  return Buffer.from([DLE, EOT, n]);
}
