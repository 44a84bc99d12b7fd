import { type Alignment, DLE, ESC, FS, GS, LF } from './commands.ts';
import { decodeChinese, decodeSingleByte } from './text-encoding.ts';

/** One thing a printer does with the bytes it receives. */
export type EscPosCommand =
  | { kind: 'text'; text: string; byteLength: number }
  | { kind: 'lineFeed' }
  | { kind: 'initialize' }
  | { kind: 'justification'; align: Alignment }
  | { kind: 'emphasized'; on: boolean }
  | { kind: 'characterSize'; width: number; height: number }
  | { kind: 'cut'; partial: boolean; feedUnits: number | null }
  | { kind: 'codeTable'; page: number }
  | { kind: 'chineseMode'; on: boolean }
  | { kind: 'realtimeStatus'; n: number }
  /** A byte or command this decoder does not act on; its parameters are consumed when known. */
  | { kind: 'unknown'; bytes: number[] };

export interface EscPosDecoderOptions {
  /** Chinese-model printers power on in Chinese (FS &) mode; ESC @ returns to this. */
  chineseModeAtInit?: boolean;
}

/**
 * A text run is held until a control byte ends it, so the commands out do not depend on how the
 * bytes were split; a run this long is passed on anyway to bound memory on garbage input.
 */
const MAX_TEXT_RUN = 4096;

/**
 * Total lengths of ESC and GS commands this decoder ignores but whose parameters it must
 * consume (else a parameter byte would print as text). From the ESC/POS command reference.
 */
const IGNORED_ESC_LENGTHS: Record<number, number> = {
  32: 3, // ESC SP n   right-side character spacing
  33: 3, // ESC ! n    print mode
  36: 4, // ESC $ nL nH absolute position
  45: 3, // ESC - n    underline
  50: 2, // ESC 2      default line spacing
  51: 3, // ESC 3 n    line spacing
  71: 3, // ESC G n    double-strike
  74: 3, // ESC J n    print and feed
  77: 3, // ESC M n    font
  82: 3, // ESC R n    international character set
  86: 3, // ESC V n    90° rotation
  100: 3, // ESC d n    print and feed n lines
  112: 5, // ESC p m t1 t2 drawer kick pulse
  123: 3, // ESC { n    upside-down
};
const IGNORED_GS_LENGTHS: Record<number, number> = {
  66: 3, // GS B n     reverse
  72: 3, // GS H n     HRI position
  76: 4, // GS L nL nH left margin
  87: 4, // GS W nL nH print area width
  97: 3, // GS a n     automatic status back
  102: 3, // GS f n     HRI font
  104: 3, // GS h n     bar code height
  114: 3, // GS r n     transmit status
  119: 3, // GS w n     bar code width
};

const JUSTIFICATION: Record<number, Alignment> = {
  0: 'left',
  1: 'center',
  2: 'right',
  48: 'left',
  49: 'center',
  50: 'right',
};

/** Outcome of looking at a partial command: wait for more bytes, or the command and its length. */
type Step = 'more' | { command: EscPosCommand };

/**
 * Streaming ESC/POS decoder for a simulated printer: feed it bytes in any fragmentation and it
 * returns the commands completed so far. It never throws; a partial command waits for more bytes.
 */
export class EscPosDecoder {
  private pending: number[] = [];
  private text: number[] = [];
  private codeTable = 0;
  private chineseMode: boolean;
  private readonly chineseModeAtInit: boolean;

  constructor(options: EscPosDecoderOptions = {}) {
    this.chineseModeAtInit = options.chineseModeAtInit ?? false;
    this.chineseMode = this.chineseModeAtInit;
  }

  push(chunk: Uint8Array): EscPosCommand[] {
    const out: EscPosCommand[] = [];
    for (const byte of chunk) this.pushByte(byte, out);
    return out;
  }

  /** Passes on a text run not yet ended by a line feed (e.g. at the end of a test input). */
  flush(): EscPosCommand[] {
    const out: EscPosCommand[] = [];
    this.flushText(out);
    return out;
  }

  private pushByte(byte: number, out: EscPosCommand[]): void {
    if (this.pending.length > 0) {
      this.pending.push(byte);
      const step = this.completeCommand(this.pending);
      if (step !== 'more') {
        this.pending = [];
        this.apply(step.command);
        out.push(step.command);
      }
      return;
    }
    if (byte === DLE || byte === ESC || byte === FS || byte === GS) {
      this.flushText(out);
      this.pending = [byte];
      return;
    }
    if (byte === LF) {
      this.flushText(out);
      out.push({ kind: 'lineFeed' });
      return;
    }
    if (byte < 0x20 || byte === 0x7f) {
      this.flushText(out);
      out.push({ kind: 'unknown', bytes: [byte] });
      return;
    }
    this.text.push(byte);
    if (this.text.length >= MAX_TEXT_RUN) this.flushText(out);
  }

  private flushText(out: EscPosCommand[]): void {
    if (this.text.length === 0) return;
    const bytes = Buffer.from(this.text);
    this.text = [];
    const text = this.chineseMode ? decodeChinese(bytes) : decodeSingleByte(bytes, this.codeTable);
    out.push({ kind: 'text', text, byteLength: bytes.length });
  }

  private apply(command: EscPosCommand): void {
    if (command.kind === 'initialize') {
      this.codeTable = 0;
      this.chineseMode = this.chineseModeAtInit;
    } else if (command.kind === 'codeTable') {
      this.codeTable = command.page;
    } else if (command.kind === 'chineseMode') {
      this.chineseMode = command.on;
    }
  }

  private completeCommand(bytes: number[]): Step {
    const [prefix, second] = bytes;
    if (second === undefined) return 'more';
    switch (prefix) {
      case DLE:
        return completeDle(bytes);
      case ESC:
        return completeEsc(bytes, second);
      case GS:
        return completeGs(bytes, second);
      default:
        if (second === 0x26) return { command: { kind: 'chineseMode', on: true } };
        if (second === 0x2e) return { command: { kind: 'chineseMode', on: false } };
        return unknown(bytes);
    }
  }
}

function unknown(bytes: number[]): Step {
  return { command: { kind: 'unknown', bytes: [...bytes] } };
}

/** Waits until `bytes` holds `length` bytes, then builds the command. */
function whenLength(bytes: number[], length: number, build: () => EscPosCommand): Step {
  return bytes.length < length ? 'more' : { command: build() };
}

function completeDle(bytes: number[]): Step {
  const [, second, n] = bytes;
  if (second === 0x04) {
    if (n === undefined) return 'more';
    if (n >= 1 && n <= 4) return { command: { kind: 'realtimeStatus', n } };
    // DLE EOT 7/8/18 take a second parameter (ink, peeler, interface status).
    if (n === 7 || n === 8 || n === 18)
      return whenLength(bytes, 4, () => ({ kind: 'unknown', bytes: [...bytes] }));
    return unknown(bytes);
  }
  // DLE ENQ n: real-time request to the printer (recover from an error, clear the buffer).
  if (second === 0x05) return whenLength(bytes, 3, () => ({ kind: 'unknown', bytes: [...bytes] }));
  return unknown(bytes);
}

function completeEsc(bytes: number[], second: number): Step {
  const n = bytes[2];
  switch (second) {
    case 0x40:
      return { command: { kind: 'initialize' } };
    case 0x61:
      if (n === undefined) return 'more';
      return JUSTIFICATION[n]
        ? { command: { kind: 'justification', align: JUSTIFICATION[n] } }
        : unknown(bytes);
    case 0x45:
      if (n === undefined) return 'more';
      return { command: { kind: 'emphasized', on: (n & 1) === 1 } };
    case 0x74:
      if (n === undefined) return 'more';
      return { command: { kind: 'codeTable', page: n } };
    default: {
      const length = IGNORED_ESC_LENGTHS[second] ?? 2;
      return whenLength(bytes, length, () => ({ kind: 'unknown', bytes: [...bytes] }));
    }
  }
}

function completeGs(bytes: number[], second: number): Step {
  const m = bytes[2];
  if (second === 0x21) {
    if (m === undefined) return 'more';
    return { command: { kind: 'characterSize', width: ((m >> 4) & 7) + 1, height: (m & 7) + 1 } };
  }
  if (second === 0x56) {
    if (m === undefined) return 'more';
    // Function A: m = 0/48 full, 1/49 partial. Functions B–D (65/66, 97/98, 103/104) carry n.
    if (m === 0 || m === 48 || m === 1 || m === 49) {
      return { command: { kind: 'cut', partial: m === 1 || m === 49, feedUnits: null } };
    }
    if ([65, 66, 97, 98, 103, 104].includes(m)) {
      return whenLength(bytes, 4, () => ({ kind: 'cut', partial: m % 2 === 0, feedUnits: bytes[3]! }));
    }
    return unknown(bytes);
  }
  const length = IGNORED_GS_LENGTHS[second] ?? 2;
  return whenLength(bytes, length, () => ({ kind: 'unknown', bytes: [...bytes] }));
}
