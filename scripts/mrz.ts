/**
 * Reads the MRZ of a document image with the same pipeline as the kiosk and prints the result as
 * JSON: status, fields, check digits, corrections, timings (and the worker's start time).
 * Usage: npm run mrz -- <image.png|jpg> [more images…]
 */
import { readFileSync } from 'node:fs';
import { createMrzPipeline } from '../main/ocr/pipeline.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run mrz -- <image> [image…]');
  process.exit(2);
}
const started = performance.now();
const pipeline = await createMrzPipeline();
const workerStartMs = Math.round(performance.now() - started);
let allAccepted = true;
try {
  for (const file of files) {
    const result = await pipeline.read(readFileSync(file));
    allAccepted &&= result.status === 'accepted';
    const valid = result.status === 'accepted';
    console.log(JSON.stringify({ file, valid, workerStartMs, ...result }, null, 2));
  }
} finally {
  await pipeline.close();
}
process.exit(allAccepted ? 0 : 1);
