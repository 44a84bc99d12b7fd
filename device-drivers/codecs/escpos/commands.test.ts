import { describe, expect, it } from 'vitest';
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
  transmitRealtimeStatus,
} from './commands.ts';

// Golden bytes from Epson's ESC/POS Command Reference, one page per command
// (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/<command>.html).
describe('ESC/POS command builders', () => {
  it.each([
    ['ESC @ (esc_atsign)', initialize(), [0x1b, 0x40]],
    ['LF (lf)', lineFeed(), [0x0a]],
    ['LF ×3', lineFeed(3), [0x0a, 0x0a, 0x0a]],
    ['ESC a 1 centered (esc_la)', selectJustification('center'), [0x1b, 0x61, 0x01]],
    ['ESC a 2 right (esc_la)', selectJustification('right'), [0x1b, 0x61, 0x02]],
    ['ESC E 1 (esc_ce)', selectEmphasized(true), [0x1b, 0x45, 0x01]],
    ['ESC E 0 (esc_ce)', selectEmphasized(false), [0x1b, 0x45, 0x00]],
    ['GS ! 0x11 double width and height (gs_exclamation)', selectCharacterSize(2, 2), [0x1d, 0x21, 0x11]],
    ['GS ! 0x00 normal (gs_exclamation)', selectCharacterSize(1, 1), [0x1d, 0x21, 0x00]],
    ['ESC t 19 PC858 (esc_lt)', selectCodeTable(19), [0x1b, 0x74, 0x13]],
    ['FS & (fs_ampersand)', chineseModeOn(), [0x1c, 0x26]],
    ['FS . (fs_period)', chineseModeOff(), [0x1c, 0x2e]],
    ['GS V 1 partial cut, function A (gs_cv)', cutPaper({ partial: true }), [0x1d, 0x56, 0x01]],
    ['GS V 0 full cut, function A (gs_cv)', cutPaper({ partial: false }), [0x1d, 0x56, 0x00]],
    [
      'GS V 66 0 feed and partial cut, function B (gs_cv)',
      cutPaper({ partial: true, feedUnits: 0 }),
      [0x1d, 0x56, 0x42, 0x00],
    ],
    ['DLE EOT 1 (dle_eot)', transmitRealtimeStatus(1), [0x10, 0x04, 0x01]],
    ['DLE EOT 4 (dle_eot)', transmitRealtimeStatus(4), [0x10, 0x04, 0x04]],
  ])('%s', (_name, actual, expected) => {
    expect([...actual]).toEqual(expected);
  });
});
