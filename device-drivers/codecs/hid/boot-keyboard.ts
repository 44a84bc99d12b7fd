import { charOfUsage, strokeOfChar, USAGE } from './us-layout.ts';

/**
 * The boot keyboard input report (HID 1.11 appendix B): 8 bytes, `[modifiers][reserved][6 key
 * usages]`, sent on every change of the keys held down. A keyboard-wedge scanner types with it.
 * One report says which keys are down, not which went down, so a character is typed when its key
 * appears in a report without having been down in the one before (a key held across reports types
 * once; several keys may be down at once while the scanner rolls over from one to the next).
 */
export const BOOT_REPORT_LENGTH = 8;

export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;
const SHIFT = MODIFIER.leftShift | MODIFIER.rightShift;
const OTHER_MODIFIERS = 0xff & ~SHIFT;
/** Highest usage a key slot may hold (0xe0..0xe7 are modifiers, reported in byte 0 instead). */
const LAST_KEY_USAGE = 0xdd;
const KEYPAD_ENTER = 0x58;

export type KeyEvent =
  | { kind: 'char'; char: string }
  | { kind: 'enter' }
  | { kind: 'tab' }
  /** A key that types no character here, or one pressed with Ctrl/Alt/GUI. */
  | { kind: 'other'; usage: number }
  /** A report no keyboard would send (wrong length, reserved byte set, slots out of order…). */
  | { kind: 'invalid'; reason: string };

type Parsed = { kind: 'keys'; modifiers: number; usages: number[] } | { kind: 'rollover' } | KeyEvent;

function parse(report: Uint8Array): Parsed {
  if (report.length !== BOOT_REPORT_LENGTH)
    return { kind: 'invalid', reason: `report of ${report.length} bytes, not ${BOOT_REPORT_LENGTH}` };
  if (report[1] !== 0) return { kind: 'invalid', reason: 'reserved byte set' };
  const slots = [...report.subarray(2)];
  if (slots.every((usage) => usage === USAGE.errorRollOver)) return { kind: 'rollover' };
  const usages: number[] = [];
  let ended = false;
  for (const usage of slots) {
    if (usage === 0) {
      ended = true;
      continue;
    }
    // Keyboards pack the keys held to the front; a key after an empty slot is not a keyboard's.
    if (ended) return { kind: 'invalid', reason: 'key usage after an empty slot' };
    if (usage <= USAGE.errorUndefined || usage > LAST_KEY_USAGE)
      return { kind: 'invalid', reason: `usage 0x${usage.toString(16)} in a key slot` };
    if (usages.includes(usage)) return { kind: 'invalid', reason: 'the same key twice' };
    usages.push(usage);
  }
  return { kind: 'keys', modifiers: report[0]!, usages };
}

/**
 * Turns a stream of boot reports into key events. Keeps the keys of the previous report only, so
 * it holds six numbers whatever arrives. An invalid report yields one `invalid` event and forgets
 * the keys held (the next valid report starts afresh); an ErrorRollOver report is skipped.
 */
export class BootKeyboardDecoder {
  private held: number[] = [];

  push(report: Uint8Array): KeyEvent[] {
    const parsed = parse(report);
    if (parsed.kind === 'rollover') return [];
    if (parsed.kind !== 'keys') {
      this.held = [];
      return [parsed];
    }
    const events: KeyEvent[] = [];
    const shift = (parsed.modifiers & SHIFT) !== 0;
    const chording = (parsed.modifiers & OTHER_MODIFIERS) !== 0;
    for (const usage of parsed.usages) {
      if (this.held.includes(usage)) continue;
      events.push(eventOf(usage, shift, chording));
    }
    this.held = parsed.usages;
    return events;
  }

  reset(): void {
    this.held = [];
  }
}

function eventOf(usage: number, shift: boolean, chording: boolean): KeyEvent {
  if (chording) return { kind: 'other', usage };
  if (usage === USAGE.enter || usage === KEYPAD_ENTER) return { kind: 'enter' };
  if (usage === USAGE.tab) return { kind: 'tab' };
  const char = charOfUsage(usage, shift);
  return char === null ? { kind: 'other', usage } : { kind: 'char', char };
}

function report(modifiers: number, usage: number): Uint8Array {
  const bytes = new Uint8Array(BOOT_REPORT_LENGTH);
  bytes[0] = modifiers;
  bytes[2] = usage;
  return bytes;
}

/**
 * The reports a wedge scanner sends to type `text` on a US layout: a key-down report and an
 * all-keys-up report per character, as most scanners do (so a doubled letter is typed twice).
 * `\n` types Enter and `\t` Tab. Throws RangeError for a character the layout has no key for.
 */
export function encodeTyping(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const char of text) {
    let usage: number;
    let modifiers = 0;
    if (char === '\n') usage = USAGE.enter;
    else if (char === '\t') usage = USAGE.tab;
    else {
      const stroke = strokeOfChar(char);
      if (!stroke) throw new RangeError(`no US key types U+${char.codePointAt(0)!.toString(16)}`);
      usage = stroke.usage;
      if (stroke.shift) modifiers = MODIFIER.leftShift;
    }
    reports.push(report(modifiers, usage), new Uint8Array(BOOT_REPORT_LENGTH));
  }
  return reports;
}

/** Whether the US layout can type every character of `text` (`\n` and `\t` included). */
export function canType(text: string): boolean {
  for (const char of text) if (char !== '\n' && char !== '\t' && !strokeOfChar(char)) return false;
  return true;
}
