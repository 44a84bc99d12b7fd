import { createRequire } from 'node:module';
import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type IssuedCardData,
  type MonoBitmap,
  panLast4,
} from '../../../../contracts/index.ts';

/**
 * The black (K) panel printed on the front of a pre-printed card: the holder's name, the masked
 * number and the expiry, rendered to a 1-bit bitmap for `CardPrinter.printFront`.
 *
 * The full number is deliberately never printed on the front. It lives on the stripe (and in the
 * bank's app); a front carrying only the last four digits is useless to someone who photographs
 * or finds the card, and keeps the full number out of every bitmap this module makes, so it cannot
 * leak through a print spool, a simulator's PNG or a screenshot of a preview.
 */

export interface PanelArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the card stock's design leaves room for personalisation (1016 × 648 px, CR80 at 300 dpi,
 * landscape): the number across the middle, the expiry right of the middle below it, the name in
 * the lower left. Outside these areas the panel stays blank, so the pre-printed design (logo,
 * chip, scheme mark) is never overprinted.
 */
export const CARD_FRONT_AREAS = {
  number: { x: 80, y: 300, width: 856, height: 96 },
  expiry: { x: 540, y: 418, width: 396, height: 56 },
  name: { x: 80, y: 520, width: 700, height: 64 },
} as const satisfies Record<string, PanelArea>;

/** DejaVu Sans ships with the kiosk image (fonts-dejavu-core); Skia finds it among system fonts. */
const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', sans-serif";
const NUMBER_FONT_PX = 68;
const EXPIRY_FONT_PX = 36;
const NAME_FONT_PX = 44;
/** Below this the name is squeezed horizontally instead of shrunk further: it stays legible. */
const NAME_MIN_FONT_PX = 26;
/** Grey levels darker than this become ink; the rest stays blank. */
const INK_THRESHOLD = 128;

/** `•••• •••• •••• 1234`: the only form of the number the front carries. */
export function maskedCardNumber(pan: string): string {
  return `•••• •••• •••• ${panLast4(pan)}`;
}

/** `VALID THRU MM/YY` from the stripe's `YYMM`. */
export function validThru(expiryYymm: string): string {
  return `VALID THRU ${expiryYymm.slice(2, 4)}/${expiryYymm.slice(0, 2)}`;
}

export function cardholderName(card: Pick<IssuedCardData, 'givenNames' | 'surname'>): string {
  return `${card.givenNames} ${card.surname}`;
}

/**
 * The canvas library (Skia, about 37 MB resident once used) is loaded on the first card, not at
 * start-up: a kiosk that issues no card, or has no card printer, never carries it.
 */
let canvasModule: typeof import('@napi-rs/canvas') | null = null;
function loadCanvas(): typeof import('@napi-rs/canvas') {
  canvasModule ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  return canvasModule;
}

/** Renders the K panel for one card. Throws if the canvas cannot be drawn (no card is lost then). */
export function renderCardFront(card: IssuedCardData): MonoBitmap {
  const canvas = loadCanvas().createCanvas(CARD_PANEL_WIDTH, CARD_PANEL_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_PANEL_WIDTH, CARD_PANEL_HEIGHT);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'middle';

  drawInArea(ctx, maskedCardNumber(card.pan), CARD_FRONT_AREAS.number, NUMBER_FONT_PX, 'bold');
  drawInArea(ctx, validThru(card.expiry), CARD_FRONT_AREAS.expiry, EXPIRY_FONT_PX, 'bold');
  drawInArea(ctx, cardholderName(card), CARD_FRONT_AREAS.name, NAME_FONT_PX, 'bold', NAME_MIN_FONT_PX);

  const rgba = ctx.getImageData(0, 0, CARD_PANEL_WIDTH, CARD_PANEL_HEIGHT).data;
  return toMonoBitmap(rgba, CARD_PANEL_WIDTH, CARD_PANEL_HEIGHT);
}

/**
 * Draws one line of text left-aligned and vertically centred in `area`, clipped to it: shrunk
 * down to `minPx` to fit its width, then squeezed horizontally if it still does not fit.
 */
function drawInArea(
  ctx: SKRSContext2D,
  text: string,
  area: PanelArea,
  fontPx: number,
  weight: 'bold' | 'normal',
  minPx = fontPx,
): void {
  let px = fontPx;
  ctx.font = `${weight} ${px}px ${FONT_FAMILY}`;
  let width = ctx.measureText(text).width;
  while (width > area.width && px > minPx) {
    px -= 1;
    ctx.font = `${weight} ${px}px ${FONT_FAMILY}`;
    width = ctx.measureText(text).width;
  }
  const squeeze = width > area.width ? area.width / width : 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.x, area.y, area.width, area.height);
  ctx.clip();
  ctx.translate(area.x, area.y + area.height / 2);
  ctx.scale(squeeze, 1);
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

/** RGBA to 1 bit per pixel, rows of `ceil(width / 8)` bytes, most significant bit first, 1 = ink. */
export function toMonoBitmap(rgba: Uint8ClampedArray, width: number, height: number): MonoBitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3]! / 255;
      // Composited on white: a transparent pixel is blank paper.
      const grey =
        255 * (1 - alpha) + alpha * (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
      if (grey < INK_THRESHOLD) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}
