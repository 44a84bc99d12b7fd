import type { MrzReadResult, MrzTimings } from '../../contracts/identity.ts';
import { findMrzBand } from './image/band.ts';
import { decodeGray } from './image/decode.ts';
import { readImageHeader } from './image/limits.ts';
import { binarise, cropBand, DEFAULT_PREPARE, despeckle, sharpen, toPgm } from './image/prepare.ts';
import { withGlyphEvidence } from './glyph/evidence.ts';
import { prepareGlyphMasters } from './glyph/templates.ts';
import { readByPitch } from './glyph/pitch.ts';
import { agreesWhereSure, decideMrz, type SeenChar, unconfirmedSwaps } from './mrz/correct.ts';
import { layoutForShape } from './mrz/layout.ts';
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
 * The text height the legacy engine reads OCR-B best at. One reading: its confusions (O/0, I/1,
 * W read as N or H at every height tried) are settled by comparing the glyphs with OCR-B
 * (glyph/), which a second reading at another height did not do (both read N for W).
 */
const ROW_HEIGHT = 30;
/**
 * The glyph evidence compares glyphs on the grey crop the OCR image is binarised from, at the
 * OCR's scale: there the glyphs are about the scan's own size (300 dpi); a 1.5× crop decided one
 * O/0 more in 173 at three times the cost.
 */
const GLYPH_SCALE = 1;
/**
 * The height of a second reading, made only when the first has no MRZ shape or to confirm a
 * glyph against the first (see below).
 */
const SECOND_ROW_HEIGHT = 38;
/** The unsharp mask of the last reading: about a stroke's width at ROW_HEIGHT, pushed back once. */
const SHARPEN_RADIUS = 3;
const SHARPEN_AMOUNT = 1;

/** The OCR lines long enough to be MRZ lines (the band holds at most three). */
function longLines(lines: SeenChar[][]): SeenChar[][] {
  return lines.filter((line) => line.length >= 20).slice(-3);
}

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
  const starting = startMrzOcr(options.startTimeoutMs);
  // Drawn on this thread while the tesseract worker loads on its own: start-up overlaps them.
  prepareGlyphMasters();
  const ocr: MrzOcr = await starting;
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
      // The grey crop is both what is binarised for the OCR and what the glyphs are compared on.
      const crop = (height: number) => {
        const options = { ...DEFAULT_PREPARE, targetRowHeight: height };
        const grey = cropBand(decoded.image, band, options);
        return { grey, prepared: toPgm(despeckle(binarise(grey, options), height)) };
      };
      const first = crop(ROW_HEIGHT);
      let sharpened = false;
      const sharpReading = () => {
        const options = { ...DEFAULT_PREPARE, targetRowHeight: ROW_HEIGHT };
        const sharp = sharpen(first.grey, SHARPEN_RADIUS, SHARPEN_AMOUNT);
        return toPgm(despeckle(binarise(sharp, options), ROW_HEIGHT));
      };
      timings.prepareMs = performance.now() - prepareStarted;
      const ocrStarted = performance.now();
      const firstLines = await ocr.recognize(first.prepared);
      let seen = mrzLines(firstLines);
      let grey = first.grey;
      const seenText = seen.map((line) => line.map((c) => c.char).join(''));
      let other: SeenChar[][] | null = null;
      if (layoutForShape(seenText) === null) {
        // Blur merges or splits glyphs at one height and not at another: the other height, once.
        const second = crop(SECOND_ROW_HEIGHT);
        const secondLines = await ocr.recognize(second.prepared);
        other = mrzLines(secondLines);
        if (layoutForShape(other.map((line) => line.map((c) => c.char).join(''))) !== null) {
          [seen, grey, other] = [other, second.grey, null];
        } else {
          // Neither height read every line with its count: the cells of the fixed pitch, read
          // against OCR-B, from the first reading's grid, else the second's.
          const fromFirst = readByPitch({ seen: longLines(firstLines), image: first.grey });
          const fromSecond =
            fromFirst === null ? readByPitch({ seen: longLines(secondLines), image: second.grey }) : null;
          if (fromFirst !== null) seen = fromFirst;
          else if (fromSecond !== null) [seen, grey] = [fromSecond, second.grey];
          else {
            // Last, the band sharpened against the blur (same geometry as the first reading, so
            // its glyphs are still compared on the first, unsharpened grey crop).
            const sharpLines = await ocr.recognize(sharpReading());
            sharpened = true;
            const third = mrzLines(sharpLines);
            if (layoutForShape(third.map((line) => line.map((c) => c.char).join(''))) !== null) seen = third;
            else seen = readByPitch({ seen: longLines(sharpLines), image: first.grey }) ?? seen;
          }
        }
      }
      if (seen.length < 2) {
        timings.ocrMs = performance.now() - ocrStarted;
        return rejected('unreadable', 'fewer than two text lines read in the band', done(), seenText);
      }
      // The glyph comparison is part of recognition: its time counts as OCR.
      const judged = withGlyphEvidence({ seen, image: grey, scale: GLYPH_SCALE });
      let decision = decideMrz(judged);
      const swaps = unconfirmedSwaps(judged);
      if (!decision.ok && decision.reason === 'ambiguous' && swaps.length > 0 && grey === first.grey) {
        // Only then a second reading at another height (~+100 ms): the second source for a
        // character the glyph contradicts the OCR on, where no check digit can object (8/S, 6/G).
        const again = other ?? mrzLines(await ocr.recognize(crop(SECOND_ROW_HEIGHT).prepared));
        const sameShape =
          again.length === judged.length && again.every((line, i) => line.length === judged[i]!.length);
        if (sameShape) {
          for (const { line, column } of swaps)
            judged[line]![column]!.secondRead = again[line]![column]!.char;
          decision = decideMrz(judged);
        }
      }
      if (!decision.ok && decision.reason === 'ambiguous' && !sharpened) {
        // An unsure name letter or look-alike: the sharpened band as another source, taken only
        // when it decides alone and keeps every unchecked character the first reading was sure of.
        const sharpSeen = mrzLines(await ocr.recognize(sharpReading()));
        const sameShape =
          sharpSeen.length === judged.length &&
          sharpSeen.every((line, i) => line.length === judged[i]!.length);
        if (sameShape) {
          const retry = decideMrz(
            withGlyphEvidence({ seen: sharpSeen, image: first.grey, scale: GLYPH_SCALE }),
          );
          if (retry.ok && agreesWhereSure(judged, retry.lines)) decision = retry;
        }
      }
      timings.ocrMs = performance.now() - ocrStarted;
      return fromDecision(decision, seenText, done());
    },
    close: () => ocr.terminate(),
  };
}
