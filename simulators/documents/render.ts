import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { type SpecimenCondition, degradationsOf } from './conditions.ts';
import { chooseDegradation, degradePixels } from './degrade.ts';
import { drawPage, PAGE_SIZE_MM, type PageSpec } from './page.ts';
import { createRandom, seedOf } from './random.ts';
import type { Specimen } from './specimens.ts';

/** A scanner image of a specimen, as the ID scanner simulator sends it. */
export interface RenderedDocument {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export interface RenderOptions {
  /**
   * Resolution of the scan. 300 dpi is what full-page passport readers deliver for their visible
   * image; the MRZ's OCR-B characters come out about 29 px tall.
   */
  dpi?: number;
  /**
   * `jpeg` (default): what kiosk document readers send for their visible image, at quality 85, or
   * at the condition's quality (40–60) for `jpeg`; `png`: lossless, for pages shown as PNG (the
   * simulator's `/documents/:id.png`), except that the `jpeg` condition stays JPEG.
   */
  encoding?: 'jpeg' | 'png';
}

/** A scanner's own JPEG: artefacts far below what the MRZ strokes need, and ~4× smaller than PNG. */
const SCANNER_JPEG_QUALITY = 85;

/** The glass around the document: kiosk readers image a dark, unlit field. */
const GLASS = '#262626';
const GLASS_MARGIN_MM = 3;

function pageSpec(specimen: Specimen): PageSpec {
  switch (specimen.kind) {
    case 'document':
    case 'halfCovered':
      if (!specimen.format || !specimen.fields) throw new Error(`specimen ${specimen.id} has no data`);
      return {
        kind: specimen.kind,
        format: specimen.format,
        fields: specimen.fields,
        visual: specimen.visual ?? {},
      };
    case 'blank':
    case 'photo':
    case 'randomText':
      return { kind: specimen.kind };
  }
}

/**
 * Renders a specimen as a scanner would image it: the page laid on the glass, then the
 * condition's degradations drawn from `seed` (same specimen, condition and seed, same bytes).
 * The page's own look (pattern colours, portrait) depends on the specimen only.
 */
export function renderDocument(
  specimen: Specimen,
  condition: SpecimenCondition = 'clean',
  seed = 1,
  options: RenderOptions = {},
): RenderedDocument {
  const dpi = options.dpi ?? 300;
  const px = (mm: number): number => (mm * dpi) / 25.4;
  const spec = pageSpec(specimen);
  const sizeMm =
    spec.kind === 'document' || spec.kind === 'halfCovered' ? PAGE_SIZE_MM[spec.format] : PAGE_SIZE_MM.TD3;
  const page = createCanvas(Math.round(px(sizeMm.width)), Math.round(px(sizeMm.height)));
  drawPage(page.getContext('2d'), spec, px, createRandom(seedOf(specimen.id)));

  const random = createRandom((seed ^ seedOf(condition)) >>> 0);
  const params = chooseDegradation(degradationsOf(condition), random);
  const margin = Math.round(px(GLASS_MARGIN_MM));
  const out = createCanvas(page.width + 2 * margin, page.height + 2 * margin);
  const ctx = out.getContext('2d');
  ctx.fillStyle = GLASS;
  ctx.fillRect(0, 0, out.width, out.height);
  layOnGlass(ctx, page, params.angleDeg, params.blurPx * (dpi / 300), out);

  if (params.noiseSigma > 0 || params.contrast !== 1 || params.shadowGain < 1) {
    const image = ctx.getImageData(0, 0, out.width, out.height);
    degradePixels(image.data, out.width, out.height, params, random);
    ctx.putImageData(image, 0, 0);
  }
  const png = params.jpegQuality === null && options.encoding === 'png';
  const bytes = png
    ? out.encodeSync('png')
    : out.encodeSync('jpeg', params.jpegQuality ?? SCANNER_JPEG_QUALITY);
  return {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    mime: png ? 'image/png' : 'image/jpeg',
    width: out.width,
    height: out.height,
  };
}

/** The page, turned about its centre by up to ±3° and seen through the optics' blur. */
function layOnGlass(ctx: SKRSContext2D, page: Canvas, angleDeg: number, blurPx: number, out: Canvas): void {
  ctx.save();
  if (blurPx > 0) ctx.filter = `blur(${blurPx.toFixed(2)}px)`;
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((angleDeg * Math.PI) / 180);
  ctx.drawImage(page, -page.width / 2, -page.height / 2);
  ctx.restore();
}
