import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family the glyph templates are drawn with once the font is registered. */
export const TEMPLATE_FAMILY = 'MRZ OCR-B';

/** Where Debian's `fonts-ocr-b` (a kiosk dependency) puts the regular face. */
const FONT_FILES = ['/usr/share/fonts/opentype/ocr-b/OCRB.otf', '/usr/share/fonts/truetype/ocr-b/OCRB.ttf'];

let registered: boolean | null = null;

/**
 * Registers OCR-B for the templates; false when the font is missing. Without it there is no
 * glyph evidence, and the reader falls back on check digits alone (more documents turned down,
 * none accepted wrongly).
 */
export function ocrBAvailable(): boolean {
  if (registered !== null) return registered;
  const file = FONT_FILES.find((path) => existsSync(path));
  registered = file !== undefined && GlobalFonts.registerFromPath(file, TEMPLATE_FAMILY) !== null;
  return registered;
}
