import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { PrintedLine, SimulatedReceipt } from './printer-model.ts';

/**
 * Fonts tried in order: a Latin monospace face, then Noto CJK (apt `fonts-noto-cjk`) for Chinese.
 * Skia falls back glyph by glyph along the list.
 */
const FONT_FAMILIES =
  "'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK JP', monospace";
const CJK_FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];

/** 12 px per column and 24 px per line: about 203 dpi thermal paper with a 12×24 dot font. */
const CELL_WIDTH = 12;
const LINE_HEIGHT = 24;
const MARGIN = 16;

let fontsLoaded = false;
function loadFonts(): void {
  if (fontsLoaded) return;
  fontsLoaded = true;
  for (const file of CJK_FONT_FILES) {
    try {
      GlobalFonts.registerFromPath(file, 'Noto Sans Mono CJK SC');
    } catch {
      // Missing font: CJK glyphs fall back to whatever the system has.
    }
  }
}

/** East Asian wide characters take two columns on a printer, as on a terminal. */
function columnsOf(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300;
  return wide ? 2 : 1;
}

function lineColumns(line: PrintedLine): number {
  let columns = 0;
  for (const char of line.text) columns += columnsOf(char);
  return columns * line.width;
}

/**
 * Renders a receipt like thermal paper: near-white background, black dots on a fixed character
 * grid, alignment and size as printed; a torn edge when cut, a note when the paper ran out.
 */
export function renderReceiptPng(receipt: SimulatedReceipt, options: { columns?: number } = {}): Buffer {
  loadFonts();
  const columns = Math.max(options.columns ?? 42, ...receipt.lines.map(lineColumns));
  const rows = receipt.lines.reduce((sum, line) => sum + line.height, 0) + (receipt.complete ? 0 : 1);
  const width = columns * CELL_WIDTH + 2 * MARGIN;
  const height = Math.max(1, rows) * LINE_HEIGHT + 2 * MARGIN;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fbfaf5';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';

  let y = MARGIN;
  for (const line of receipt.lines) {
    const cellWidth = CELL_WIDTH * line.width;
    const lineHeight = LINE_HEIGHT * line.height;
    const used = lineColumns(line) * CELL_WIDTH;
    const free = columns * CELL_WIDTH - used;
    let x = MARGIN + (line.align === 'center' ? Math.floor(free / 2) : line.align === 'right' ? free : 0);
    ctx.font = `${line.bold ? 'bold ' : ''}${Math.round(lineHeight * 0.85)}px ${FONT_FAMILIES}`;
    ctx.fillStyle = '#1a1a1a';
    for (const char of line.text) {
      const span = columnsOf(char) * cellWidth;
      // Each glyph is squeezed into its cells so wide and narrow fonts keep the printer's grid.
      const measured = ctx.measureText(char).width;
      ctx.save();
      ctx.translate(x, y);
      if (measured > span) ctx.scale(span / measured, 1);
      ctx.fillText(char, 0, 0);
      ctx.restore();
      x += span;
    }
    y += lineHeight;
  }
  if (!receipt.complete) {
    ctx.font = `italic ${Math.round(LINE_HEIGHT * 0.7)}px ${FONT_FAMILIES}`;
    ctx.fillStyle = '#888888';
    ctx.fillText('[paper ran out: receipt incomplete]', MARGIN, y);
  }
  if (receipt.cut) {
    // A partial cut leaves a serrated edge.
    ctx.strokeStyle = '#999999';
    ctx.beginPath();
    for (let x = 0; x <= width; x += 8) ctx.lineTo(x, height - 4 - (x % 16 === 0 ? 0 : 4));
    ctx.stroke();
  }
  return canvas.toBuffer('image/png');
}
