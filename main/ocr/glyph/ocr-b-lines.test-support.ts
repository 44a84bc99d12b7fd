import { createCanvas } from '@napi-rs/canvas';
import { ocrBAvailable, TEMPLATE_FAMILY } from './font.ts';

/**
 * Test support: lines of OCR-B drawn one character per cell of `pitch` pixels (a cell of margin on
 * each side), capitals `cap` pixels high, slightly blurred, as the OCR sees an MRZ band. Answers
 * the red channel (grey) of every pixel; the tests add noise or boxes as they need.
 */
export function drawOcrBLines(
  lines: readonly string[],
  options: { cap: number; pitch: number; height: number; baselines: readonly number[]; background: string },
): { width: number; height: number; grey: Uint8Array } {
  if (!ocrBAvailable()) throw new Error('OCR-B font not found (Debian package fonts-ocr-b)');
  const { cap, pitch, height, baselines } = options;
  const width = pitch * (Math.max(...lines.map((line) => line.length)) + 2);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = options.background;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#202020';
  context.font = `100px '${TEMPLATE_FAMILY}'`;
  const size = (cap / context.measureText('H').actualBoundingBoxAscent) * 100;
  context.font = `${size}px '${TEMPLATE_FAMILY}'`;
  context.filter = 'blur(0.8px)';
  context.textAlign = 'center';
  lines.forEach((text, line) => {
    for (const [i, char] of [...text].entries()) context.fillText(char, pitch * (i + 1.5), baselines[line]!);
  });
  const rgba = context.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
  return { width, height, grey };
}
