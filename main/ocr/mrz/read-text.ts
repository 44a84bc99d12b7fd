import type { MrzReadResult } from '../../../contracts/identity.ts';
import { layoutForShape } from './layout.ts';
import { parseMrz } from './parse.ts';
import { rejected } from './result.ts';

/**
 * Validates MRZ text a scanner typed itself (keyboard wedge, serial). The scanner already chose
 * every character, so nothing is corrected: the lines must have an exact TD1/TD2/TD3 shape once
 * the scanner's prefix/suffix and line ends are stripped, and every check digit must pass.
 */

const MRZ_RUN = /[A-Z0-9<]+/g;
const MAX_INPUT = 4096;

/** The MRZ lines in what a scanner sent: per line, the longest run of MRZ characters. */
function extractLines(input: readonly string[]): string[] {
  const lines: string[] = [];
  for (const raw of input
    .join('\n')
    .slice(0, MAX_INPUT)
    .split(/\r\n|\r|\n/)) {
    const runs = raw.toUpperCase().match(MRZ_RUN) ?? [];
    const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
    if (longest.length > 0) lines.push(longest);
  }
  return lines;
}

/** The scanner's lines without prefix/suffix noise: the consecutive MRZ-long lines. */
function mrzLines(lines: readonly string[]): string[] {
  const candidates = lines.filter((line) => line.length === 30 || line.length === 36 || line.length === 44);
  return candidates.length > 0 ? candidates : [...lines];
}

export function readMrzText(input: readonly string[]): MrzReadResult {
  const started = performance.now();
  const time = () => {
    const totalMs = performance.now() - started;
    return { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs };
  };
  const lines = mrzLines(extractLines(input));
  if (lines.length === 0) return rejected('noMrz', 'no MRZ characters in the text', time());
  if (layoutForShape(lines) === null) {
    return rejected('unreadable', 'lines are not of a TD1, TD2 or TD3 shape', time(), lines);
  }
  const result = parseMrz(lines);
  if (!result.ok) return rejected('checkDigits', result.problem, time(), lines, result.checks);
  return {
    status: 'accepted',
    document: result.document,
    lines,
    checks: result.checks,
    corrections: 0,
    timings: time(),
  };
}
