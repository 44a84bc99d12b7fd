import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

/**
 * A small MRZ-like image (ICAO's fictional specimen) for the warm-up read: the first recognition
 * is the slow one, so it happens before the reader says it is ready.
 */
const SPECIMEN = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
const OCR_B = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';

export function warmUpImage(): Uint8Array {
  const family = GlobalFonts.registerFromPath(OCR_B, 'OCR-B warm-up') ? 'OCR-B warm-up' : 'monospace';
  const canvas = createCanvas(1000, 300);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 1000, 300);
  context.fillStyle = '#000000';
  context.font = `35px "${family}"`;
  SPECIMEN.forEach((line, i) => {
    for (let k = 0; k < line.length; k++) context.fillText(line[k]!, 30 + k * 21, 190 + i * 50);
  });
  return canvas.toBuffer('image/png');
}
