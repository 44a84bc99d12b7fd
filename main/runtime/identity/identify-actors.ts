import { type EventObject, fromCallback } from 'xstate';
import {
  APP_CODE_PREFIX,
  type AppCodeVerification,
  type IdScanner,
  type MrzReader,
  type MrzReadResult,
  type MrzRejectReason,
  type QrScanner,
  type ScannedDocument,
} from '../../../contracts/index.ts';
import type { OperationResult } from '../../../contracts/devices/operation.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  AppCodeRead,
  IdentifyActorEvent,
  ReadAppCodeOutput,
  ScanDocumentInput,
  ScanDocumentOutput,
} from '../../../state-machines/identify-customer/identify-customer-types.ts';
import type { CaptureStore } from './capture-store.ts';
import { documentExpired } from './document-summary.ts';

export interface AppCodeVerifier {
  verify(text: string): AppCodeVerification;
}

export interface IdentifyActorsDeps {
  idScanner: IdScanner | null;
  qrScanner: QrScanner | null;
  /** Null when the kiosk has no MRZ reader: document scans are then `unavailable`. */
  mrzReader: MrzReader | null;
  captures: Pick<CaptureStore, 'put'>;
  /** Null when the kiosk has no app code public key: QR reads are then `unavailable`. */
  verifier: AppCodeVerifier | null;
  /** The customer session a capture belongs to (deleted with it). */
  sessionId: () => string | null;
  now?: () => number;
  /** How long a scan waits for a document or a code. */
  scanTimeoutMs?: number;
  /** How long the OCR may take on one image. */
  readTimeoutMs?: number;
  log: Logger;
}

export const IDENTIFY_SCAN_TIMEOUT_MS = 60_000;
export const IDENTIFY_READ_TIMEOUT_MS = 10_000;
/**
 * Beyond the device's and the reader's own timeouts: if neither answered by then (a driver that
 * broke its contract), the scan ends as `unavailable` rather than leaving the customer waiting.
 */
const WATCHDOG_GRACE_MS = 5_000;

/**
 * The runtime's side of the identify-customer machine: `scanDocument` (ID scanner → MRZ reader →
 * encrypted capture store) and `readAppCode` (QR scanner → offline signature check).
 *
 * Both are callback actors: `IDENTIFY_INPUT_SEEN` once a document is laid down or a code read,
 * then exactly one result event, never one after the actor was stopped. Stopping aborts the
 * device's wait and the OCR read, and a read finished after that is thrown away, not stored.
 *
 * Mapping of the reader's rejections (contracts/identity.ts MrzRejectReason):
 * - `checkDigits`, `ambiguous` → `notCertain` ("place it again, flat").
 * - `noMrz`, `unreadable`, `invalidImage`, `imageTooLarge` → `unreadable`.
 * - `timeout` → `notCertain`: the worker was up but did not finish this image; the reader restarts
 *   it, and one more try (one attempt spent) usually reads.
 * - `ocrUnavailable` → `notCertain` while the worker is starting or restarting (it will be ready
 *   for the rescan), `unavailable` when it is stopped or failed (a rescan cannot help).
 * A scan in image mode does not even wait for a document when the reader has failed or stopped.
 *
 * No document data is logged: lines carry outcomes and reasons only.
 */
export function createIdentifyActors(deps: IdentifyActorsDeps) {
  const { log } = deps;
  const now = deps.now ?? Date.now;
  const scanTimeoutMs = deps.scanTimeoutMs ?? IDENTIFY_SCAN_TIMEOUT_MS;
  const readTimeoutMs = deps.readTimeoutMs ?? IDENTIFY_READ_TIMEOUT_MS;

  const readerDown = () => {
    const state = deps.mrzReader?.health().state;
    return state === undefined || state === 'failed' || state === 'stopped';
  };

  /** Turns an accepted read into a stored capture; anything else into the screen's reason. */
  const settleRead = (read: MrzReadResult, scanned: ScannedDocument): ScanDocumentOutput => {
    if (read.status === 'rejected') {
      log.info('identity document read rejected', { reason: read.reason });
      return rejection(read.reason);
    }
    const sessionId = deps.sessionId();
    if (!sessionId) {
      // A capture must belong to a session to be deleted with it; without one it is not kept.
      log.error('identity document read with no customer session; not kept');
      return { status: 'unavailable' };
    }
    const captureId = deps.captures.put(sessionId, {
      document: read.document,
      lines: read.lines,
      ...(scanned.kind === 'image' ? { image: scanned.image, imageMime: scanned.mime } : {}),
    });
    const expired = documentExpired(read.document, now());
    log.info('identity document read and kept', { captureId, expired, totalMs: read.timings.totalMs });
    return { status: 'accepted', captureId, expired };
  };

  const rejection = (reason: MrzRejectReason): ScanDocumentOutput => {
    switch (reason) {
      case 'checkDigits':
      case 'ambiguous':
      case 'timeout':
        return { status: 'rejected', reason: 'notCertain' };
      case 'ocrUnavailable':
        return readerDown() ? { status: 'unavailable' } : { status: 'rejected', reason: 'notCertain' };
      default:
        return { status: 'rejected', reason: 'unreadable' };
    }
  };

  /** What a scanner's failure means for the customer; `canceled` of our own abort never gets here. */
  const deviceFailure = <T>(
    result: Exclude<OperationResult<T>, { code: 'success' }>,
    device: string,
  ): 'timeout' | 'invalidData' | 'unavailable' => {
    if (result.code === 'timeout') return 'timeout';
    if (result.code === 'invalidData') {
      log.info('scanner input was not valid', { device, errorCode: result.errorCode ?? null });
      return 'invalidData';
    }
    log.warn('scanner did not work for an identification', {
      device,
      code: result.code,
      errorCode: result.errorCode ?? null,
      detail: result.message,
    });
    return 'unavailable';
  };

  const scanDocument = fromCallback<EventObject, ScanDocumentInput>(({ sendBack: send, input }) => {
    const sendBack = (event: IdentifyActorEvent) => send(event);
    const controller = new AbortController();
    let finished = false;
    let seen = false;
    const seeInput = () => {
      if (finished || seen) return;
      seen = true;
      sendBack({ type: 'IDENTIFY_INPUT_SEEN' });
    };
    let stopWatching: () => void = () => undefined;
    const watchdog = setTimeout(
      () => {
        log.error('identity scan exceeded every timeout; ended', { scanId: input.scanId });
        finish({ status: 'unavailable' });
        controller.abort();
      },
      // The wait for a warming reader and the read itself each have up to `readTimeoutMs`.
      scanTimeoutMs + 2 * readTimeoutMs + WATCHDOG_GRACE_MS,
    );
    const finish = (output: ScanDocumentOutput) => {
      if (finished) return;
      finished = true;
      clearTimeout(watchdog);
      stopWatching();
      sendBack({ type: 'IDENTIFY_SCANNED', output });
    };

    const { idScanner, mrzReader } = deps;
    const run = async (): Promise<ScanDocumentOutput | null> => {
      if (!idScanner || !mrzReader) return { status: 'unavailable' };
      if (idScanner.mode === 'serialImage' && readerDown()) {
        log.warn('identity scan refused: the MRZ reader is not running');
        return { status: 'unavailable' };
      }
      stopWatching = idScanner.onDocumentPresent(seeInput);
      const result = await idScanner.scanDocument({ timeoutMs: scanTimeoutMs, signal: controller.signal });
      if (controller.signal.aborted) return null;
      if (result.code !== 'success') {
        const failure = deviceFailure(result, 'idScanner');
        if (failure === 'timeout') return { status: 'noDocument' };
        if (failure === 'invalidData') return { status: 'rejected', reason: 'unreadable' };
        return { status: 'unavailable' };
      }
      let scanned: ScannedDocument | null = result.value;
      seeInput();
      try {
        // A worker still warming up (the kiosk has just started) or restarting: the document waits
        // for it, within the read's time, rather than being turned down as unreadable.
        if (scanned.kind === 'image') await readerReady(mrzReader, readTimeoutMs, controller.signal);
        const read =
          scanned.kind === 'image'
            ? await mrzReader.readImage(scanned.image, {
                signal: controller.signal,
                timeoutMs: readTimeoutMs,
              })
            : mrzReader.readText(scanned.lines);
        // Stopped while reading: the customer left; what was read is not kept.
        if (controller.signal.aborted) return null;
        return settleRead(read, scanned);
      } finally {
        // The image is stored encrypted (or not at all): its bytes leave memory with this scan.
        if (scanned.kind === 'image') scanned.image.fill(0);
        scanned = null;
      }
    };

    run().then(
      (output) => {
        if (output) finish(output);
      },
      (error: unknown) => {
        // A driver, the reader or the store threw: a broken part, not a bad document.
        log.error('identity scan failed', { scanId: input.scanId, error: errorName(error) });
        finish({ status: 'unavailable' });
      },
    );

    return () => {
      finished = true;
      clearTimeout(watchdog);
      stopWatching();
      controller.abort();
    };
  });

  const readAppCode = fromCallback<EventObject, ScanDocumentInput>(({ sendBack: send, input }) => {
    const sendBack = (event: IdentifyActorEvent) => send(event);
    const controller = new AbortController();
    let finished = false;
    const watchdog = setTimeout(() => {
      log.error('app code read exceeded its timeout; ended', { scanId: input.scanId });
      finish({ status: 'unavailable' });
      controller.abort();
    }, scanTimeoutMs + WATCHDOG_GRACE_MS);
    const finish = (output: ReadAppCodeOutput) => {
      if (finished) return;
      finished = true;
      clearTimeout(watchdog);
      sendBack({ type: 'IDENTIFY_CODE_READ', output });
    };

    const { qrScanner, verifier } = deps;
    const run = async (): Promise<ReadAppCodeOutput | null> => {
      if (!qrScanner || !verifier) return { status: 'unavailable' };
      const result = await qrScanner.readCode({ timeoutMs: scanTimeoutMs, signal: controller.signal });
      if (controller.signal.aborted) return null;
      if (result.code !== 'success') {
        const failure = deviceFailure(result, 'qrScanner');
        if (failure === 'timeout') return { status: 'noCode' };
        // Over-long or undecodable input is not a code of the bank's app.
        if (failure === 'invalidData') return { status: 'refused', reason: 'qrUnknown' };
        return { status: 'unavailable' };
      }
      if (!finished) sendBack({ type: 'IDENTIFY_INPUT_SEEN' });
      return verifyCode(verifier, result.value.text);
    };

    run().then(
      (output) => {
        if (output) finish(output);
      },
      (error: unknown) => {
        log.error('app code read failed', { scanId: input.scanId, error: errorName(error) });
        finish({ status: 'unavailable' });
      },
    );

    return () => {
      finished = true;
      clearTimeout(watchdog);
      controller.abort();
    };
  });

  const verifyCode = (verifier: AppCodeVerifier, text: string): ReadAppCodeOutput => {
    // Another code (a URL, a product barcode) is not ours: no need to parse it.
    if (!text.startsWith(APP_CODE_PREFIX)) {
      log.info('app code refused', { reason: 'notAppCode' });
      return { status: 'refused', reason: 'qrUnknown' };
    }
    const verification = verifier.verify(text);
    if (verification.ok) {
      const { payload } = verification;
      const code: AppCodeRead =
        payload.kind === 'cardOrder'
          ? { kind: 'cardOrder', orderCode: payload.orderCode }
          : { kind: 'accountApplication', applicationRef: payload.applicationRef };
      log.info('app code verified', { kind: payload.kind });
      return { status: 'verified', code };
    }
    log.info('app code refused', { reason: verification.reason });
    switch (verification.reason) {
      case 'badSignature':
        return { status: 'refused', reason: 'qrForged' };
      case 'expired':
      case 'notYetValid':
        return { status: 'refused', reason: 'qrExpired' };
      default:
        return { status: 'refused', reason: 'qrUnknown' };
    }
  };

  return { scanDocument, readAppCode };
}

/** The kind of error only: its message might quote what was read. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Resolves once the reader is ready, it has stopped or failed, the time is up, or the signal fires. */
async function readerReady(reader: MrzReader, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const waiting = () => {
    const { state } = reader.health();
    return (state === 'starting' || state === 'restarting') && !signal.aborted && Date.now() < deadline;
  };
  while (waiting()) await new Promise((resolve) => setTimeout(resolve, 50));
}
