import { HidPosAssembler } from '../codecs/hid/hid-pos.ts';
import type { ReadToken } from './armed-read.ts';

export type PosInput =
  | { kind: 'code'; symbology: string; data: Uint8Array }
  | { kind: 'invalid'; reason: string };

export interface PosCodeReaderOptions {
  /** Longest wait for the next report of a code announced as continuing. */
  idleGapMs: number;
  maxBytes: number;
  currentToken(): ReadToken | null;
  onInput(input: PosInput, token: ReadToken | null): void;
}

/**
 * Reads HID POS reports into codes, armed or not (see TypedTextReader for why). A code whose
 * next report does not come in time was cut off: it ends as `invalid`.
 */
export class PosCodeReader {
  private readonly assembler: HidPosAssembler;
  private token: ReadToken | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PosCodeReaderOptions) {
    this.assembler = new HidPosAssembler(options.maxBytes);
  }

  push(report: Uint8Array): void {
    if (!this.assembler.inProgress) this.token = this.options.currentToken();
    const token = this.token;
    const event = this.assembler.push(report);
    this.clearTimer();
    if (this.assembler.inProgress) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.assembler.reset();
        this.options.onInput({ kind: 'invalid', reason: 'code stopped before its last report' }, token);
      }, this.options.idleGapMs);
    }
    if (event) this.options.onInput(event, token);
  }

  reset(): void {
    this.clearTimer();
    this.assembler.reset();
    this.token = null;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
