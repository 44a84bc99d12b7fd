/**
 * The characters a scanner types through a US keyboard layout, as boot keyboard usages (HID Usage
 * Tables, Keyboard/Keypad page 0x07) with or without Shift. Enough for what our codes and MRZ lines
 * carry: letters, digits, `<`, base64url (`-` `_`), `.`, and the common ASCII punctuation. Space
 * is included so that random text typed by a faulty scanner decodes as what it is.
 */
export interface KeyStroke {
  usage: number;
  shift: boolean;
}

export const USAGE = {
  enter: 0x28,
  escape: 0x29,
  backspace: 0x2a,
  tab: 0x2b,
  space: 0x2c,
  /** Every slot filled with this: more keys are down than the report can hold (phantom state). */
  errorRollOver: 0x01,
  postFail: 0x02,
  errorUndefined: 0x03,
} as const;

/** [unshifted, shifted] for the usages between 0x2c and 0x38. */
const PUNCTUATION: Array<[number, string, string]> = [
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
];
const DIGIT_SHIFTED = '!@#$%^&*()';

const toChar = new Map<number, [string, string]>();
const toStroke = new Map<string, KeyStroke>();

for (let i = 0; i < 26; i++) {
  const lower = String.fromCharCode(0x61 + i);
  const upper = lower.toUpperCase();
  toChar.set(0x04 + i, [lower, upper]);
}
// Usages 0x1e..0x26 are 1..9, 0x27 is 0.
for (let i = 0; i < 10; i++) {
  const digit = String((i + 1) % 10);
  toChar.set(0x1e + i, [digit, DIGIT_SHIFTED[i]!]);
}
for (const [usage, plain, shifted] of PUNCTUATION) toChar.set(usage, [plain, shifted]);
for (const [usage, [plain, shifted]] of toChar) {
  if (!toStroke.has(plain)) toStroke.set(plain, { usage, shift: false });
  if (!toStroke.has(shifted)) toStroke.set(shifted, { usage, shift: true });
}

/** The character a usage types with the given Shift state; null for keys that type none. */
export function charOfUsage(usage: number, shift: boolean): string | null {
  const pair = toChar.get(usage);
  return pair ? pair[shift ? 1 : 0] : null;
}

/** How to type `char` on a US layout; null when it has no key there. */
export function strokeOfChar(char: string): KeyStroke | null {
  return toStroke.get(char) ?? null;
}
