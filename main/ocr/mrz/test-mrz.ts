import { checkDigit } from './layout.ts';

/** Builders of valid MRZ lines for tests (fictional data, check digits computed). */

const pad = (text: string, length: number) => (text + '<'.repeat(length)).slice(0, length);
const cd = (text: string) => String(checkDigit(text));

export function td3(o: {
  code?: string;
  state?: string;
  names: string;
  number: string;
  nationality?: string;
  birth: string;
  sex: string;
  expiry: string;
  personal?: string;
}): [string, string] {
  const line1 = pad(`${pad(o.code ?? 'P', 2)}${o.state ?? 'ESP'}${o.names}`, 44);
  const number = pad(o.number, 9);
  const personal = pad(o.personal ?? '', 14);
  const personalCheck = o.personal ? cd(personal) : '<';
  const body = `${number}${cd(number)}${o.nationality ?? 'ESP'}${o.birth}${cd(o.birth)}${o.sex}${o.expiry}${cd(o.expiry)}${personal}${personalCheck}`;
  const composite = cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [line1, body + composite];
}

export function td1(o: {
  state?: string;
  number: string;
  optional1?: string;
  birth: string;
  sex: string;
  expiry: string;
  nationality?: string;
  optional2?: string;
  names: string;
}): [string, string, string] {
  const number = pad(o.number, 9);
  const line1 = `ID${o.state ?? 'ESP'}${number}${cd(number)}${pad(o.optional1 ?? '', 15)}`;
  const start = `${o.birth}${cd(o.birth)}${o.sex}${o.expiry}${cd(o.expiry)}${o.nationality ?? 'ESP'}${pad(o.optional2 ?? '', 11)}`;
  const composite = cd(line1.slice(5, 30) + start.slice(0, 7) + start.slice(8, 15) + start.slice(18, 29));
  return [line1, start + composite, pad(o.names, 30)];
}

/** What an OCR would report: every character with one confidence, some overridden. */
export function seenOf(lines: readonly string[], confidence = 95, overrides: Record<string, number> = {}) {
  return lines.map((line, l) =>
    line.split('').map((char, c) => ({ char, confidence: overrides[`${l}:${c}`] ?? confidence })),
  );
}

/** Replaces the character at line:column. */
export function misread(lines: readonly string[], line: number, column: number, char: string): string[] {
  return lines.map((text, l) => (l === line ? text.slice(0, column) + char + text.slice(column + 1) : text));
}
