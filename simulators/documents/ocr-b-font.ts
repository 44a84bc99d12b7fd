import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family name the renderer draws MRZs with once the font is registered. */
export const OCR_B_FAMILY = 'Ventanilla OCR-B';

/** Where Debian's `fonts-ocr-b` puts the regular face. */
const KNOWN_FILES = ['/usr/share/fonts/opentype/ocr-b/OCRB.otf', '/usr/share/fonts/truetype/ocr-b/OCRB.ttf'];

let registered = false;

function findWithFontconfig(): string | null {
  try {
    const out = execFileSync('fc-list', [':family=OCR B:style=Regular', 'file'], {
      encoding: 'utf8',
      timeout: 5000,
    });
    const file = out
      .split('\n')
      .map((line) => line.replace(/:\s*$/, '').trim())
      .find((line) => line.length > 0);
    return file ?? null;
  } catch {
    return null;
  }
}

/**
 * Registers OCR-B (ICAO 9303's MRZ typeface) with the canvas. Rendering an MRZ in another font
 * would make every OCR figure meaningless, so a missing font is an error, not a fallback.
 */
export function ensureOcrBFont(): void {
  if (registered) return;
  const file = KNOWN_FILES.find((path) => existsSync(path)) ?? findWithFontconfig();
  if (!file || !GlobalFonts.registerFromPath(file, OCR_B_FAMILY)) {
    throw new Error(
      'OCR-B font not found: install the Debian package fonts-ocr-b (apt-get install -y fonts-ocr-b)',
    );
  }
  registered = true;
}
