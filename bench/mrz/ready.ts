import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBundleFresh } from '../../launcher/fresh-bundle.ts';
import {
  createMrzReaderClient,
  defaultOcrCommand,
} from '../../main/runtime/identity/ocr/mrz-reader-client.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/processes/ocr.mjs');
const RUNS = 3;

/** One start of the reader client (OCR in its child process): `start()` until ready, in ms. */
async function startOnce(command: { execPath: string; args: string[] }): Promise<number> {
  const reader = createMrzReaderClient({ command });
  const started = performance.now();
  await reader.start();
  const deadline = Date.now() + 30_000;
  while (!reader.isReady() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  const ms = performance.now() - started;
  await reader.stop();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Worker ready time as the kiosk sees it: the runtime's reader client from `start()` until ready,
 * OCR child process and its warm-up read included. The kiosk of a branch runs the worker from its
 * bundle (dist/processes/ocr.mjs, when fresh): that is the figure; the source through tsx (what
 * runs right after an edit) is measured in the same run for comparison.
 */
export async function readyTime(): Promise<{ ms: number; how: string }> {
  const fromSource: number[] = [];
  const fromBundle: number[] = [];
  const bundled = isBundleFresh(
    BUNDLE,
    join(ROOT, 'dist/processes/ocr.meta.json'),
    ROOT,
    'main/ocr/ocr-process.ts',
  );
  for (let run = 0; run < RUNS; run += 1) {
    if (bundled) fromBundle.push(await startOnce({ execPath: process.execPath, args: [BUNDLE] }));
    fromSource.push(await startOnce(defaultOcrCommand()));
  }
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  if (!bundled) {
    return {
      ms: median(fromSource),
      how: `reader client from source through tsx (no fresh bundle: run scripts/build-processes.mjs), median of ${RUNS}: ${list(fromSource)} ms`,
    };
  }
  return {
    ms: median(fromBundle),
    how: `reader client, start() to ready, OCR child process and warm-up read included: from its bundle (as the kiosk runs it) median of ${RUNS} runs ${list(fromBundle)} ms; from source through tsx ${list(fromSource)} ms, alternated in the same run`,
  };
}
