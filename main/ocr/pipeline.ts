import type { MrzReadResult, MrzTimings } from '../../contracts/identity.ts';
import { findMrzBand } from './image/band.ts';
import { decodeGray } from './image/decode.ts';
import { readImageHeader } from './image/limits.ts';
import { binarise, cropBand, DEFAULT_PREPARE, despeckle, toPgm } from './image/prepare.ts';
import { type Decision, decideMrz, type SeenChar, uncheckedText } from './mrz/correct.ts';
import { fromDecision, rejected } from './mrz/result.ts';
import { type MrzOcr, startMrzOcr } from './tesseract.ts';

export { readMrzText } from './mrz/read-text.ts';

/**
 * The MRZ reader in one process: image bytes in, a checked document or a reason out. Used by the
 * OCR child process, the `mrz` CLI and the benchmark.
 */
export interface MrzPipeline {
  read(image: Uint8Array): Promise<MrzReadResult>;
  close(): Promise<void>;
}

export interface MrzPipelineOptions {
  startTimeoutMs?: number;
}

const MRZ_LENGTHS = [30, 36, 44];

/**
 * Every image is read at two text heights. The legacy engine's confusions depend on scale (it
 * read the W of an OCR-B WANG as N, confidence 80, at 30 px and right at 26–44 px), so a reading
 * is accepted only if the other preparation agrees on everything no check digit covers, and
 * does not reach another reading that passes its check digits.
 */
const ROW_HEIGHTS = [30, 38] as const;

/** The OCR lines that can be MRZ lines: the longest run of lines of one MRZ length, else all long ones. */
function mrzLines(lines: SeenChar[][]): SeenChar[][] {
  const long = lines.filter((line) => line.length >= 20);
  for (const length of MRZ_LENGTHS) {
    const exact = long.filter((line) => line.length === length);
    if (exact.length >= 2) return exact.slice(-3);
  }
  return long.slice(-3);
}

export async function createMrzPipeline(options: MrzPipelineOptions = {}): Promise<MrzPipeline> {
  const ocr: MrzOcr = await startMrzOcr(options.startTimeoutMs);
  return {
    async read(image) {
      const started = performance.now();
      const timings: MrzTimings = { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: 0 };
      const done = () => ({ ...timings, totalMs: performance.now() - started });
      const header = readImageHeader(image);
      if (!header.ok) return rejected(header.reason, header.detail, done());
      const decoded = decodeGray(image, header);
      timings.decodeMs = performance.now() - started;
      if (!decoded.ok) return rejected('invalidImage', decoded.detail, done());
      const prepareStarted = performance.now();
      const band = findMrzBand(decoded.image);
      if (band === null) {
        timings.prepareMs = performance.now() - prepareStarted;
        return rejected('noMrz', 'no band of 2–3 evenly spaced full-width text rows', done());
      }
      const preparations = ROW_HEIGHTS.map((targetRowHeight) => {
        const options = { ...DEFAULT_PREPARE, targetRowHeight };
        return toPgm(despeckle(binarise(cropBand(decoded.image, band, options), options), targetRowHeight));
      });
      timings.prepareMs = performance.now() - prepareStarted;
      const ocrStarted = performance.now();
      const seen: SeenChar[][][] = [];
      for (const prepared of preparations) seen.push(mrzLines(await ocr.recognize(prepared)));
      timings.ocrMs = performance.now() - ocrStarted;
      const seenText = seen[0]!.map((line) => line.map((c) => c.char).join(''));
      if (seen.every((lines) => lines.length < 2)) {
        return rejected('unreadable', 'fewer than two text lines read in the band', done(), seenText);
      }
      return fromDecision(agree(seen[0]!, seen[1]!), seenText, done());
    },
    close: () => ocr.terminate(),
  };
}

/** The decision of two readings of one band (see ROW_HEIGHTS). */
function agree(first: SeenChar[][], second: SeenChar[][]): Decision {
  const decisions = [decideMrz(first), decideMrz(second)];
  const accepted = decisions.findIndex((decision) => decision.ok);
  if (accepted < 0) return decisions[0]!;
  const chosen = decisions[accepted]!;
  const other = decisions[1 - accepted]!;
  if (!chosen.ok) return chosen;
  if (other.ok && other.lines.join() !== chosen.lines.join()) {
    return {
      ok: false,
      reason: 'ambiguous',
      detail: 'two preparations give two readings that pass',
      checks: chosen.checks,
    };
  }
  const names = [uncheckedText(first), uncheckedText(second)];
  if (names[0] !== names[1]) {
    return {
      ok: false,
      reason: 'ambiguous',
      detail: 'two preparations disagree on a field without check digit',
      checks: chosen.checks,
    };
  }
  return chosen;
}
