import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { CARD_PANEL_HEIGHT, CARD_PANEL_WIDTH } from '../../contracts/devices/card-printer.ts';
import type { SimulatedCard } from './simulated-card.ts';

const WIDTH = CARD_PANEL_WIDTH;
const HEIGHT = CARD_PANEL_HEIGHT;
/** CR80 corner radius, 3.18 mm at 300 dpi. */
const CORNER_RADIUS = 38;
const NAVY = '#12355b';
const FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif";
/** Resin black as it looks on the card. */
const INK = [20, 20, 24] as const;

/**
 * The card front as printed: the card stock's pre-printed design with the K panel's ink on top.
 * The design keeps the personalisation areas (the number across the middle, the expiry right of
 * the middle, the name in the lower left) pale and plain so black resin stays legible.
 * A print cut short by the ribbon shows only the rows that got ink.
 */
export function renderCardPng(card: Pick<SimulatedCard, 'ink'>): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  drawCardStock(ctx);
  if (card.ink) compositeInk(ctx, card.ink);
  return canvas.toBuffer('image/png');
}

function drawCardStock(ctx: SKRSContext2D): void {
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(0, 0, WIDTH, HEIGHT, CORNER_RADIUS);
  ctx.clip();

  const background = ctx.createLinearGradient(0, 0, WIDTH, HEIGHT);
  background.addColorStop(0, '#eaf2fb');
  background.addColorStop(0.55, '#dcebf4');
  background.addColorStop(1, '#cfe6e4');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, WIDTH, HEIGHT);

  // Soft arcs in the top-right corner only, away from where the printer writes.
  for (const [radius, alpha] of [
    [420, 0.1],
    [330, 0.08],
    [240, 0.07],
  ] as const) {
    ctx.beginPath();
    ctx.arc(WIDTH + 40, -60, radius, 0, Math.PI * 2);
    ctx.fillStyle = `rgba(18, 83, 140, ${alpha})`;
    ctx.fill();
  }
  // A thin band along the bottom edge.
  const band = ctx.createLinearGradient(0, 0, WIDTH, 0);
  band.addColorStop(0, 'rgba(18, 53, 91, 0.85)');
  band.addColorStop(1, 'rgba(26, 122, 128, 0.85)');
  ctx.fillStyle = band;
  ctx.fillRect(0, HEIGHT - 18, WIDTH, 18);

  drawWordmark(ctx, 64, 58);
  // No chip or contactless mark: the stock is a magnetic-stripe-only card (service code 101), and
  // a card must not show features it does not have.

  ctx.fillStyle = NAVY;
  ctx.font = `bold 40px ${FONT}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('DEBIT', WIDTH - 64, HEIGHT - 52);
  ctx.restore();
}

/** A four-paned window (ventanilla) and the bank's name. */
function drawWordmark(ctx: SKRSContext2D, x: number, y: number): void {
  const size = 52;
  ctx.fillStyle = NAVY;
  ctx.beginPath();
  ctx.roundRect(x, y, size, size, 10);
  ctx.fill();
  ctx.fillStyle = '#eaf2fb';
  const pane = (size - 14) / 2;
  for (const [dx, dy] of [
    [5, 5],
    [9 + pane, 5],
    [5, 9 + pane],
    [9 + pane, 9 + pane],
  ] as const) {
    ctx.beginPath();
    ctx.roundRect(x + dx, y + dy, pane, pane, 3);
    ctx.fill();
  }
  ctx.fillStyle = NAVY;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = `bold 40px ${FONT}`;
  ctx.fillText('Banco', x + size + 18, y + size / 2 + 2);
  const bancoWidth = ctx.measureText('Banco ').width;
  ctx.font = `40px ${FONT}`;
  ctx.fillText('Ventanilla', x + size + 18 + bancoWidth, y + size / 2 + 2);
}

/** Every set bit of the K panel becomes a resin-black pixel (inside the card's rounded outline). */
function compositeInk(ctx: SKRSContext2D, ink: Uint8Array): void {
  const image = ctx.getImageData(0, 0, WIDTH, HEIGHT);
  const pixels = image.data;
  const bytesPerRow = WIDTH / 8;
  for (let row = 0; row < HEIGHT; row++) {
    for (let column = 0; column < bytesPerRow; column++) {
      const byte = ink[row * bytesPerRow + column] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if ((byte & (0x80 >> bit)) === 0) continue;
        const at = (row * WIDTH + column * 8 + bit) * 4;
        if (pixels[at + 3] === 0) continue; // outside the rounded corners: no card there
        pixels[at] = INK[0];
        pixels[at + 1] = INK[1];
        pixels[at + 2] = INK[2];
        pixels[at + 3] = 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}
