import { BootKeyboardDecoder } from '../codecs/hid/boot-keyboard.ts';
import type { ReadToken } from './armed-read.ts';

/** One burst of typing: the text, or why it cannot be used. */
export type TypedInput = { kind: 'text'; text: string } | { kind: 'invalid'; reason: string };

export interface TypedTextReaderOptions {
  /**
   * `terminator`: a code ends with Enter or Tab; a pause longer than `idleGapMs` before it means
   * the code was cut off. `idle`: the input ends with the pause; Enter is kept as `\n` (MRZ lines).
   */
  endOn: 'terminator' | 'idle';
  idleGapMs: number;
  /** Characters kept at most; more makes the input invalid (the rest is still read, then dropped). */
  maxChars: number;
  /** The armed read's token at the moment the first report of an input comes. */
  currentToken(): ReadToken | null;
  onInput(input: TypedInput, token: ReadToken | null): void;
}

/**
 * Reads what a keyboard-wedge scanner types (boot keyboard reports) into whole inputs, always,
 * armed or not, so that the tail of something typed before a read was armed is known as a tail.
 * A report no keyboard sends, or a key that types no character here, spoils the input it falls
 * in: it ends as `invalid` rather than as a code with a hole in it.
 */
export class TypedTextReader {
  private readonly decoder = new BootKeyboardDecoder();
  private text = '';
  private spoiled: string | null = null;
  private active = false;
  private token: ReadToken | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: TypedTextReaderOptions) {}

  push(report: Uint8Array): void {
    for (const event of this.decoder.push(report)) {
      if (!this.active) this.begin();
      switch (event.kind) {
        case 'char':
          this.append(event.char);
          break;
        case 'enter':
        case 'tab':
          if (this.options.endOn === 'terminator') {
            this.finish(false);
            continue;
          }
          this.append(event.kind === 'enter' ? '\n' : '\t');
          break;
        case 'other':
          this.spoil(`key 0x${event.usage.toString(16)} types no character`);
          break;
        case 'invalid':
          this.spoil(`not a keyboard report: ${event.reason}`);
          break;
      }
    }
    if (this.active) this.armIdleTimer();
  }

  /** Forgets the input in progress (device gone, driver stopped). */
  reset(): void {
    this.decoder.reset();
    this.clear();
  }

  private clear(): void {
    this.clearTimer();
    this.active = false;
    this.text = '';
    this.spoiled = null;
    this.token = null;
  }

  private begin(): void {
    this.active = true;
    this.token = this.options.currentToken();
  }

  private append(char: string): void {
    if (this.spoiled) return;
    if (this.text.length >= this.options.maxChars) {
      this.spoil(`longer than ${this.options.maxChars} characters`);
      return;
    }
    this.text += char;
  }

  private spoil(reason: string): void {
    this.spoiled ??= reason;
    this.text = '';
  }

  private armIdleTimer(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.finish(this.options.endOn === 'terminator');
    }, this.options.idleGapMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private finish(cutOff: boolean): void {
    const { text, spoiled, token } = this;
    this.clear();
    let input: TypedInput;
    if (spoiled) input = { kind: 'invalid', reason: spoiled };
    else if (cutOff) input = { kind: 'invalid', reason: 'input stopped before its terminator' };
    // A lone Enter (or nothing but key releases) is no input at all.
    else if (text.length === 0) return;
    else input = { kind: 'text', text };
    this.options.onInput(input, token);
  }
}
