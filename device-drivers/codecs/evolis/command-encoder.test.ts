import { describe, expect, it } from 'vitest';
import { CARD_PANEL_HEIGHT, CARD_PANEL_WIDTH } from '../../../contracts/devices/card-printer.ts';
import { encodeCommand, encodeKPanelDownload } from './command-encoder.ts';

describe('encodeCommand', () => {
  it('frames a command as ESC <command>[;<arg>]… CR', () => {
    expect(encodeCommand('Rst')).toEqual(Buffer.from('\x1bRst\r', 'latin1'));
    expect(encodeCommand('Rm', [1])).toEqual(Buffer.from('\x1bRm;1\r', 'latin1'));
    expect(encodeCommand('Dm', [2, ';4000001234567899=2512201123?2'])).toEqual(
      Buffer.from('\x1bDm;2;;4000001234567899=2512201123?2\r', 'latin1'),
    );
  });

  it('appends a binary payload raw after a final ;', () => {
    const payload = Uint8Array.of(0x00, 0x0d, 0x1b, 0xff);
    expect(encodeCommand('Dbc', ['k', 648, 4], payload)).toEqual(
      Buffer.concat([Buffer.from('\x1bDbc;k;648;4;', 'latin1'), Buffer.from(payload), Buffer.of(0x0d)]),
    );
  });

  it('throws on arguments the framing cannot carry', () => {
    expect(() => encodeCommand('Rm', ['1;2'])).toThrow(/framing/);
    expect(() => encodeCommand('Dm', ['1;', ';12?;'])).toThrow(/framing/);
    expect(() => encodeCommand('Dm', [1, 'a\rb'])).toThrow(/framing/);
    expect(() => encodeCommand('Dm', [1, 'a\x1bb'])).toThrow(/framing/);
    expect(() => encodeCommand('Dm', [1, 'ñ'])).toThrow(/framing/);
    expect(() => encodeCommand('R st')).toThrow(/not valid/);
    expect(() => encodeCommand('')).toThrow(/not valid/);
  });
});

describe('encodeKPanelDownload', () => {
  it('sends the panel row-compressed with its row count and length', () => {
    const data = new Uint8Array(127 * CARD_PANEL_HEIGHT);
    data[0] = 0x80; // one ink pixel top left: row 0 is "1, 0x80", every other row "0"
    const bytes = encodeKPanelDownload({ width: CARD_PANEL_WIDTH, height: CARD_PANEL_HEIGHT, data });
    const head = '\x1bDbc;k;648;649;';
    expect(bytes.subarray(0, head.length).toString('latin1')).toBe(head);
    expect([...bytes.subarray(head.length, head.length + 3)]).toEqual([1, 0x80, 0]);
    expect(bytes).toHaveLength(head.length + 649 + 1);
    expect(bytes.at(-1)).toBe(0x0d);
  });
});
