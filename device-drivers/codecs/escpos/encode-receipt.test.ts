import { describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../contracts/devices/receipt-printer.ts';
import { type EscPosCommand, EscPosDecoder } from './decoder.ts';
import { encodeReceipt } from './encode-receipt.ts';

/** Printed lines as a printer would lay them out: text runs joined, one entry per line feed. */
function printedLines(commands: EscPosCommand[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const command of commands) {
    if (command.kind === 'text') current += command.text;
    if (command.kind === 'lineFeed') {
      lines.push(current);
      current = '';
    }
  }
  return lines;
}

function roundTrip(document: ReceiptDocument, columns = 42): EscPosCommand[] {
  const bytes = encodeReceipt(document, { columns });
  const decoder = new EscPosDecoder();
  // One byte at a time, the harshest split a serial line can produce.
  const commands = [...bytes].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
  return [...commands, ...decoder.flush()];
}

describe('encodeReceipt', () => {
  it('writes the golden bytes of a short es receipt', () => {
    const bytes = encodeReceipt(
      {
        language: 'es',
        lines: [{ kind: 'text', text: 'Año', align: 'center', bold: true }, { kind: 'rule' }],
      },
      { columns: 4 },
    );
    // ESC @ · FS . · ESC t 19 · ESC a 1 · ESC E 1 · GS ! 0 · "A" ñ(A4) "o" · LF ·
    // ESC a 0 · ESC E 0 · GS ! 0 · "----" · LF · GS V 66 0 (Epson ESC/POS reference).
    expect(bytes.toString('hex')).toBe(
      [
        '1b40',
        '1c2e',
        '1b7413',
        '1b6101',
        '1b4501',
        '1d2100',
        '41a46f',
        '0a',
        '1b6100',
        '1b4500',
        '1d2100',
        '2d2d2d2d',
        '0a',
        '1d564200',
      ].join(''),
    );
  });

  it('round-trips Spanish text in PC858 (ñ, á, ¿, €)', () => {
    const commands = roundTrip({
      language: 'es',
      lines: [
        { kind: 'text', text: '¿Señal recibida?', size: 'double' },
        { kind: 'text', text: 'Depósito: 1.250,00 €', align: 'right' },
        { kind: 'rule' },
        { kind: 'feed', lines: 2 },
        { kind: 'text', text: 'Gracias' },
      ],
    });
    expect(printedLines(commands)).toEqual([
      '¿Señal recibida?',
      'Depósito: 1.250,00 €',
      '-'.repeat(42),
      '',
      '',
      'Gracias',
    ]);
    expect(commands).toContainEqual({ kind: 'codeTable', page: 19 });
    expect(commands).toContainEqual({ kind: 'characterSize', width: 2, height: 2 });
    expect(commands).toContainEqual({ kind: 'justification', align: 'right' });
    expect(commands.at(-1)).toEqual({ kind: 'cut', partial: true, feedUnits: 0 });
  });

  it('round-trips English text and leaves out the cut when asked', () => {
    const commands = roundTrip({
      language: 'en',
      lines: [{ kind: 'text', text: 'Balance: $12.00' }],
      cut: false,
    });
    expect(printedLines(commands)).toEqual(['Balance: $12.00']);
    expect(commands.some((c) => c.kind === 'cut')).toBe(false);
  });

  it('round-trips Chinese text in GB18030 with Chinese mode on', () => {
    const commands = roundTrip({ language: 'zh', lines: [{ kind: 'text', text: '存款收据 金额 ¥100 €5' }] });
    expect(commands).toContainEqual({ kind: 'chineseMode', on: true });
    expect(printedLines(commands)).toEqual(['存款收据 金额 ¥100 €5']);
  });

  it('prints ? for characters the code page lacks and never lets text become a command', () => {
    const commands = roundTrip({ language: 'en', lines: [{ kind: 'text', text: 'Hi 中 😀\u001b@\nX' }] });
    expect(printedLines(commands)).toEqual(['Hi ? ??@?X']);
    expect(commands.filter((c) => c.kind === 'initialize')).toHaveLength(1);
  });

  it('rejects a document that breaks the contract', () => {
    expect(() =>
      encodeReceipt({ language: 'fr', lines: [] } as unknown as ReceiptDocument, { columns: 42 }),
    ).toThrow();
  });
});
