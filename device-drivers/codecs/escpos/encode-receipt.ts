import { ReceiptDocument, type ReceiptLine } from '../../../contracts/devices/receipt-printer.ts';
import {
  chineseModeOff,
  chineseModeOn,
  cutPaper,
  initialize,
  lineFeed,
  selectCharacterSize,
  selectCodeTable,
  selectEmphasized,
  selectJustification,
} from './commands.ts';
import { encodeChinese, encodeSingleByte, PC858 } from './text-encoding.ts';

export interface EncodeReceiptOptions {
  /** Characters per line at normal size (e.g. 42 or 48 on 80 mm paper, 32 on 58 mm). */
  columns: number;
}

/**
 * Motion units fed past the cutting position before the partial cut (GS V 66 n). The feed to
 * the cutter itself is part of the command, so the last line is never cut off.
 */
const CUT_FEED_UNITS = 0;

/**
 * Encodes a receipt as ESC/POS bytes. The document is validated with the contract's schema
 * first (a ZodError escapes for an invalid document). Text never makes this throw: characters
 * the chosen table cannot print become '?'.
 */
export function encodeReceipt(document: ReceiptDocument, options: EncodeReceiptOptions): Buffer {
  const doc = ReceiptDocument.parse(document);
  const chinese = doc.language === 'zh';
  const encodeText = chinese ? encodeChinese : (text: string) => encodeSingleByte(text, PC858);
  const parts: Buffer[] = [initialize()];
  // A Chinese-model printer starts in Chinese mode, an export model in single-byte mode: say
  // which one this receipt needs either way.
  if (chinese) parts.push(chineseModeOn());
  else parts.push(chineseModeOff(), selectCodeTable(PC858));
  for (const line of doc.lines) parts.push(...encodeLine(line, options.columns, encodeText));
  if (doc.cut) parts.push(cutPaper({ partial: true, feedUnits: CUT_FEED_UNITS }));
  return Buffer.concat(parts);
}

type ParsedLine = ReturnType<typeof ReceiptDocument.parse>['lines'][number];

function encodeLine(
  line: ParsedLine | ReceiptLine,
  columns: number,
  encodeText: (text: string) => Buffer,
): Buffer[] {
  switch (line.kind) {
    case 'text': {
      const magnification = line.size === 'double' ? 2 : 1;
      return [
        selectJustification(line.align ?? 'left'),
        selectEmphasized(line.bold ?? false),
        selectCharacterSize(magnification, magnification),
        encodeText(line.text),
        lineFeed(),
      ];
    }
    case 'rule':
      return [
        selectJustification('left'),
        selectEmphasized(false),
        selectCharacterSize(1, 1),
        Buffer.alloc(Math.max(1, columns), '-'),
        lineFeed(),
      ];
    case 'feed':
      return [lineFeed(line.lines)];
  }
}
