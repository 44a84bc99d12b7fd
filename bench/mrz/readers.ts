import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createWorker, type Worker } from 'tesseract.js';
import type { MrzDocument, MrzReadResult } from '../../contracts/identity.ts';
import type { BenchImage } from './bench-set.ts';

const run = promisify(execFile);

/** What one reader made of one image. */
export interface Reading {
  /** Every MRZ line read exactly (ours: accepted with exactly the true lines). */
  exact: boolean;
  /** Ours only: accepted, and what it rejected with otherwise. */
  accepted?: boolean;
  reason?: string;
  /** Ours only: accepted although a line or field differs from the truth (or nothing should be). */
  falseAccept?: boolean;
  ms: number;
  /** Ours only, for a false accept: what differs (fictional specimens, so the lines may be shown). */
  detail?: string;
  /** Ours only: the pipeline's own split of the time. */
  timings?: { decodeMs: number; prepareMs: number; ocrMs: number };
}

export interface Reader {
  name: string;
  read(image: BenchImage, file: string): Promise<Reading>;
  close(): Promise<void>;
}

export interface PipelineLike {
  read(image: Uint8Array): Promise<MrzReadResult>;
  close(): Promise<void>;
}

/** Fields compared for a false accept; `optionalData` as well, spaces ignored. */
const FIELDS: (keyof MrzDocument)[] = [
  'format',
  'documentCode',
  'issuingState',
  'documentNumber',
  'surname',
  'givenNames',
  'nationality',
  'birthDate',
  'sex',
  'expiryDate',
];

export function fieldsDiffer(read: MrzDocument, truth: MrzDocument): string[] {
  const differ = FIELDS.filter((field) => read[field] !== truth[field]);
  if (read.optionalData.replace(/\s/g, '') !== truth.optionalData.replace(/\s/g, ''))
    differ.push('optionalData');
  return differ;
}

export function pipelineReader(pipeline: PipelineLike): Reader & { fieldNotes: string[] } {
  const fieldNotes: string[] = [];
  return {
    name: 'ours',
    fieldNotes,
    async read(image) {
      const started = performance.now();
      const result = await pipeline.read(image.bytes);
      const ms = performance.now() - started;
      const timings = {
        decodeMs: result.timings.decodeMs,
        prepareMs: result.timings.prepareMs,
        ocrMs: result.timings.ocrMs,
      };
      if (result.status === 'rejected')
        return { exact: false, accepted: false, reason: result.reason, ms, timings };
      const linesMatch =
        image.lines !== null &&
        result.lines.length === image.lines.length &&
        result.lines.every((line, i) => line === image.lines![i]);
      const differ = image.document ? fieldsDiffer(result.document, image.document) : ['not a document'];
      if (linesMatch && differ.length > 0)
        fieldNotes.push(`${image.id}: lines exact, fields differ: ${differ.join(', ')}`);
      return {
        exact: linesMatch && differ.length === 0,
        accepted: true,
        falseAccept: !linesMatch || differ.length > 0,
        detail:
          !linesMatch || differ.length > 0
            ? `fields ${differ.join(', ') || 'none'} differ; read ${result.lines.join(' / ')}; truth ${image.lines?.join(' / ') ?? 'reject'}`
            : undefined,
        ms,
        timings,
      };
    },
    close: () => pipeline.close(),
  };
}

/** Text with the spaces OCR puts between characters taken out, line by line. */
function containsLines(text: string, lines: readonly string[] | null): boolean {
  if (!lines) return false;
  const seen = text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ''))
    .join('\n');
  return lines.every((line) => seen.includes(line));
}

export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

/** tesseract.js as a newcomer would use it: default engine and page segmentation, the whole image. */
export async function tesseractJsDefault(): Promise<Reader & { readyMs: number }> {
  const started = performance.now();
  const worker: Worker = await createWorker('eng', undefined, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
  });
  const readyMs = performance.now() - started;
  return {
    name: 'tesseract.js default',
    readyMs,
    async read(image) {
      const begun = performance.now();
      const { data } = await worker.recognize(Buffer.from(image.bytes));
      return { exact: containsLines(data.text, image.lines), ms: performance.now() - begun };
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/** Debian's `tesseract` command with its defaults, one process per image (what a script would do). */
export function nativeTesseract(): Reader {
  return {
    name: 'tesseract (native)',
    async read(image, file) {
      const begun = performance.now();
      const { stdout } = await run('tesseract', [file, 'stdout'], { timeout: 60_000, maxBuffer: 4 << 20 });
      return { exact: containsLines(stdout, image.lines), ms: performance.now() - begun };
    },
    close: async () => {},
  };
}

export async function nativeTesseractVersion(): Promise<string> {
  try {
    const { stdout, stderr } = await run('tesseract', ['--version'], { timeout: 10_000 });
    return (stdout || stderr).split('\n')[0]?.trim() ?? 'unknown';
  } catch {
    return 'not installed';
  }
}
