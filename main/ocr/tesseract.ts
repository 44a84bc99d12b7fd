import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { SeenChar } from './mrz/correct.ts';

/**
 * The tesseract.js worker as the MRZ reader uses it, fully offline: the English data of
 * `@tesseract.js-data/eng` (its `4.0.0` folder holds the legacy-capable eng.traineddata.gz), no
 * cache, the legacy engine (OEM 0: it reads OCR-B MRZ text far better than the LSTM one, which
 * takes `<` for K/L/C), one uniform block of text (PSM 6), and only the MRZ alphabet.
 * Without `langPath` tesseract.js fetches the data from a CDN and, offline, never settles: the
 * start is always bounded by a timeout.
 */

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
export const DEFAULT_START_TIMEOUT_MS = 15_000;

export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

export interface MrzOcr {
  /** The text lines seen in a prepared image (PGM/PNG bytes), each character with its confidence. */
  recognize(image: Uint8Array): Promise<SeenChar[][]>;
  terminate(): Promise<void>;
}

interface JsonSymbol {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface JsonBlock {
  paragraphs: { lines: { words: { symbols: JsonSymbol[] }[] }[] }[];
}

function linesOf(blocks: JsonBlock[] | null): SeenChar[][] {
  const lines: SeenChar[][] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const chars: SeenChar[] = [];
        for (const word of line.words) {
          for (const symbol of word.symbols) {
            for (const char of symbol.text) {
              if (!MRZ_ALPHABET.includes(char)) continue;
              const { x0, y0, x1, y1 } = symbol.bbox;
              chars.push({ char, confidence: symbol.confidence, box: { x0, y0, x1, y1 } });
            }
          }
        }
        if (chars.length > 0) lines.push(chars);
      }
    }
  }
  return lines;
}

export async function startMrzOcr(timeoutMs = DEFAULT_START_TIMEOUT_MS): Promise<MrzOcr> {
  let timer: NodeJS.Timeout | undefined;
  let failure: unknown;
  const starting = createWorker('eng', OEM.TESSERACT_ONLY, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
    legacyCore: true,
    legacyLang: true,
    // Errors of the worker thread end up here rather than as an uncaught exception.
    errorHandler: (error: unknown) => {
      failure = error;
    },
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`OCR worker did not start within ${timeoutMs} ms${failure ? ' (it failed)' : ''}`)),
      timeoutMs,
    );
  });
  let worker: Worker;
  try {
    worker = await Promise.race([starting, timeout]);
  } finally {
    clearTimeout(timer);
  }
  await worker.setParameters({
    tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
    tessedit_char_whitelist: MRZ_ALPHABET,
    // The legacy engine's adaptive classifier learns from each page it reads: a reading would
    // depend on the documents read before it (and carry traces of other customers' glyphs).
    classify_enable_learning: '0',
  });
  return {
    async recognize(image) {
      const result = await worker.recognize(Buffer.from(image), {}, { text: false, blocks: true });
      return linesOf(result.data.blocks as unknown as JsonBlock[] | null);
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
