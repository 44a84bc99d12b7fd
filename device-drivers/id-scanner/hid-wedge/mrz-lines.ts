/**
 * Whether typed text has the shape of MRZ lines (ICAO 9303): three lines of 30 (TD1), two of 36
 * (TD2) or two of 44 (TD3), of `A–Z 0–9 <` only. The shape only: check digits are the runtime's.
 */
const MRZ_LINE = /^[A-Z0-9<]+$/;
const SHAPES: Array<{ lines: number; length: number }> = [
  { lines: 3, length: 30 },
  { lines: 2, length: 36 },
  { lines: 2, length: 44 },
];

export interface WedgeFraming {
  /** Text the scanner types before the MRZ (configured on the scanner); removed when present. */
  prefix: string;
  /** Text typed after the MRZ; removed when present. */
  suffix: string;
}

/**
 * Splits what the scanner typed into MRZ lines, or says why it cannot be MRZ. Lines end with
 * Enter (`\n`); empty lines and a trailing `\r` are dropped; the last line may lack its Enter.
 */
export function mrzLinesOf(typed: string, framing: WedgeFraming): string[] | string {
  let text = typed;
  if (framing.prefix && text.startsWith(framing.prefix)) text = text.slice(framing.prefix.length);
  text = text.replace(/\n+$/, '');
  if (framing.suffix && text.endsWith(framing.suffix)) text = text.slice(0, -framing.suffix.length);
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.length > 0);
  if (!lines.every((line) => MRZ_LINE.test(line))) return 'characters that are not in an MRZ';
  const shape = SHAPES.find((s) => s.lines === lines.length && lines.every((l) => l.length === s.length));
  if (!shape) return `${lines.length} lines of ${lines.map((l) => l.length).join('/')} characters is no MRZ`;
  return lines;
}
