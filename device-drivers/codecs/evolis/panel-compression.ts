import type { MonoBitmap } from '../../../contracts/devices/card-printer.ts';

/**
 * `Dbc` row compression (docs/card-printer-protocol.md): each row is `0x00` (blank), `0xFF`
 * (every byte 0xFF), or `n` (1–127) followed by the row's first `n` bytes, the rest blank.
 */
const BLANK_ROW = 0x00;
const FULL_ROW = 0xff;
const MAX_ROW_PREFIX = 127;

export function compressPanelRows(panel: MonoBitmap): Uint8Array {
  const bytesPerRow = Math.ceil(panel.width / 8);
  if (bytesPerRow < 1 || bytesPerRow > MAX_ROW_PREFIX)
    throw new Error(`panel rows of ${bytesPerRow} bytes cannot be row-compressed (1 to ${MAX_ROW_PREFIX})`);
  if (panel.data.length !== bytesPerRow * panel.height)
    throw new Error(`panel data is ${panel.data.length} bytes, expected ${bytesPerRow * panel.height}`);
  const out = new Uint8Array(panel.height * (bytesPerRow + 1));
  let at = 0;
  for (let row = 0; row < panel.height; row++) {
    const bytes = panel.data.subarray(row * bytesPerRow, (row + 1) * bytesPerRow);
    if (bytes.every((byte) => byte === 0xff)) {
      out[at++] = FULL_ROW;
      continue;
    }
    let used = bytesPerRow;
    while (used > 0 && bytes[used - 1] === 0) used--;
    out[at++] = used === 0 ? BLANK_ROW : used;
    out.set(bytes.subarray(0, used), at);
    at += used;
  }
  return out.slice(0, at);
}

/** The rows `data` stands for, or null when it does not decode to exactly `rows` rows. */
export function decompressPanelRows(data: Uint8Array, bytesPerRow: number, rows: number): Uint8Array | null {
  if (!Number.isInteger(bytesPerRow) || bytesPerRow < 1 || bytesPerRow > MAX_ROW_PREFIX) return null;
  if (!Number.isInteger(rows) || rows < 0) return null;
  const out = new Uint8Array(bytesPerRow * rows);
  let at = 0;
  for (let row = 0; row < rows; row++) {
    if (at >= data.length) return null;
    const marker = data[at++]!;
    if (marker === FULL_ROW) {
      out.fill(0xff, row * bytesPerRow, (row + 1) * bytesPerRow);
      continue;
    }
    if (marker > bytesPerRow || at + marker > data.length) return null;
    out.set(data.subarray(at, at + marker), row * bytesPerRow);
    at += marker;
  }
  return at === data.length ? out : null;
}
