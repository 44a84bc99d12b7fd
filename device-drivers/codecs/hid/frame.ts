/**
 * Framing of HID reports on the simulated transport's Unix socket (docs/hid-scanners.md): each
 * report travels as `[u8 length][report bytes]`, device→host input reports and host→device output
 * reports alike. A USB full-speed interrupt report is at most 64 bytes, so a length of 0 or above
 * 64 cannot be a report: the stream is out of step and the connection must be dropped.
 */
export const MAX_HID_REPORT_LENGTH = 64;

export function encodeHidFrame(report: Uint8Array): Uint8Array {
  if (report.length === 0 || report.length > MAX_HID_REPORT_LENGTH)
    throw new RangeError(`a HID report is 1 to ${MAX_HID_REPORT_LENGTH} bytes, not ${report.length}`);
  const frame = new Uint8Array(report.length + 1);
  frame[0] = report.length;
  frame.set(report, 1);
  return frame;
}

export type HidFramePush =
  | { ok: true; reports: Uint8Array[] }
  | { ok: false; reports: Uint8Array[]; error: string };

/**
 * Splits a byte stream into reports. Holds at most one partial frame (65 bytes), so memory stays
 * bounded whatever arrives. After a bad length it returns the reports before it and the error;
 * it must not be fed again (the connection is to be dropped).
 */
export class HidFrameDecoder {
  private pending = new Uint8Array(MAX_HID_REPORT_LENGTH + 1);
  private pendingLength = 0;
  private broken = false;

  push(chunk: Uint8Array): HidFramePush {
    const reports: Uint8Array[] = [];
    if (this.broken) return { ok: false, reports, error: 'stream already out of step' };
    for (const byte of chunk) {
      if (this.pendingLength === 0 && (byte === 0 || byte > MAX_HID_REPORT_LENGTH)) {
        this.broken = true;
        return { ok: false, reports, error: `frame length ${byte} is not 1 to ${MAX_HID_REPORT_LENGTH}` };
      }
      this.pending[this.pendingLength++] = byte;
      if (this.pendingLength === this.pending[0]! + 1) {
        reports.push(this.pending.slice(1, this.pendingLength));
        this.pendingLength = 0;
      }
    }
    return { ok: true, reports };
  }

  /** Bytes of a frame begun but not finished. */
  get buffered(): number {
    return this.pendingLength;
  }
}
