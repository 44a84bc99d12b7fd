import iconv from 'iconv-lite';

/**
 * Character tables of `ESC t n` this codec knows, with their iconv-lite names. Page numbers are
 * Epson's (ESC/POS reference, ESC t): 0 PC437, 2 PC850, 16 WPC1252, 19 PC858.
 */
export const CODE_TABLES: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  16: 'win1252',
  19: 'cp858',
};
export const PC858 = 19;

/** What a printer in Chinese (FS &) mode expects: GB18030 covers all of Unicode. */
export const CHINESE_ENCODING = 'gb18030';

const REPLACEMENT = '?';

/**
 * Text sent to the printer must never carry control bytes: a customer-supplied string with ESC
 * or GS in it would otherwise become a printer command. C0 controls and DEL become '?'.
 */
function withoutControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f]/g, REPLACEMENT);
}

/**
 * Encodes text for a single-byte table. Characters the table lacks become one '?' each
 * (iconv-lite would write one per UTF-16 unit, i.e. two for an emoji); it never throws.
 */
export function encodeSingleByte(text: string, codeTable: number): Buffer {
  const encoding = CODE_TABLES[codeTable] ?? 'cp437';
  const clean = withoutControlCharacters(text).replace(/[\u{10000}-\u{10ffff}]/gu, REPLACEMENT);
  return iconv.encode(clean, encoding);
}

/** Encodes text for Chinese mode. Lone surrogates, the only unencodable input, become '?'. */
export function encodeChinese(text: string): Buffer {
  const clean = withoutControlCharacters(text).replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    REPLACEMENT,
  );
  return iconv.encode(clean, CHINESE_ENCODING);
}

export function decodeSingleByte(bytes: Buffer, codeTable: number): string {
  return iconv.decode(bytes, CODE_TABLES[codeTable] ?? 'cp437');
}

export function decodeChinese(bytes: Buffer): string {
  return iconv.decode(bytes, CHINESE_ENCODING);
}
