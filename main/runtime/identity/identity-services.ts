import {
  type CardOrderLookupByDocumentRequest,
  type IdScanner,
  type IdentifyView,
  type KioskView,
  MAX_SHARED_IMAGE_CHARS,
  type MrzReader,
  type MrzReaderHealth,
  type QrScanner,
  type SharedDocument,
} from '../../../contracts/index.ts';
import { createHidWedgeIdScanner } from '../../../device-drivers/id-scanner/hid-wedge/hid-wedge-id-scanner.ts';
import { createSerialImageScanner } from '../../../device-drivers/id-scanner/serial-image/serial-image-scanner.ts';
import { createQrScanner } from '../../../device-drivers/qr-scanner/qr-scanner.ts';
import { createHidTransport } from '../../../device-drivers/transport/hid-endpoint.ts';
import type { Logger } from '../../../platform/log.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import { identifyCustomerMachine } from '../../../state-machines/identify-customer/identify-customer-machine.ts';
import type { RuntimeConfig } from '../types.ts';
import { createAppCodeVerifier } from './app-code-verifier.ts';
import { summarizeDocument } from './document-summary.ts';
import { type CaptureStore, cardOrderLookupRequest, openCaptureStore } from './capture-store.ts';
import { createIdentifyActors } from './identify-actors.ts';
import { createIdentityRetention, type IdentityRetention } from './identity-retention.ts';
import { identityKeyPath, loadOrCreateIdentityKey } from './identity-key.ts';
import { withDocument } from './identity-view.ts';
import { deferStart, OCR_START_DELAY_MS } from './deferred-reader.ts';
import { readMrzText } from '../../ocr/mrz/read-text.ts';
import { createMrzReaderClient } from './ocr/mrz-reader-client.ts';

/** Test seams: scanners and a reader other than the configured ones. */
export interface IdentityDependencies {
  idScanner?: IdScanner | null;
  qrScanner?: QrScanner | null;
  mrzReader?: MrzReader | null;
}

/**
 * The kiosk's identity services, composed from its config: the ID and QR scanners, the MRZ reader
 * (its OCR worker process, only for a scanner that sends images), the encrypted capture store and
 * its retention, and the identify-customer machine with the runtime's actors. The composition
 * root (kiosk-runtime.ts) registers the scanners with its devices and calls the hooks below.
 */
export function createIdentityServices(
  config: RuntimeConfig,
  log: Logger,
  sessionId: () => string | null,
  deps: IdentityDependencies = {},
) {
  const idScanner = deps.idScanner !== undefined ? deps.idScanner : createIdScanner(config, log);
  const qrScanner = deps.qrScanner !== undefined ? deps.qrScanner : createConfiguredQrScanner(config, log);
  // The OCR worker costs a process and ~200 MB: only a scanner that sends images needs it. MRZ text
  // typed by a wedge scanner is checked in-process by the same reader's `readText`.
  const mrzReader =
    deps.mrzReader !== undefined
      ? deps.mrzReader
      : idScanner?.mode === 'serialImage'
        ? createMrzReaderClient({
            ...(config.ocrProcessEntry ? { command: ocrCommand(config.ocrProcessEntry) } : {}),
            readTimeoutMs: config.ocrTimeoutMs,
            logger: log.child('ocr'),
          })
        : idScanner
          ? textOnlyMrzReader()
          : null;
  const deferred = mrzReader ? deferStart(mrzReader, OCR_START_DELAY_MS, log) : null;
  const verifier = config.appCodePublicKey ? createAppCodeVerifier(config.appCodePublicKey) : null;

  let captures: CaptureStore | null = null;
  let retention: IdentityRetention | null = null;
  const actors = createIdentifyActors({
    idScanner,
    qrScanner,
    mrzReader: deferred?.reader ?? null,
    captures: {
      put: (session, capture) => {
        if (!captures) throw new Error('identity capture store used before start');
        return captures.put(session, capture);
      },
    },
    verifier,
    sessionId,
    scanTimeoutMs: config.scanTimeoutMs,
    readTimeoutMs: config.ocrTimeoutMs * 2,
    log: log.child('identify'),
  });

  return {
    idScanner,
    qrScanner,
    /** The scanners, for the device registry. */
    devices: [idScanner, qrScanner].filter((d) => d !== null),
    machine: identifyCustomerMachine.provide({ actors }),
    /** Which identify methods the kiosk has the parts for (their readiness is the menu's business). */
    methods: { qr: qrScanner !== null && verifier !== null, idScan: idScanner !== null },

    /** Opens the capture store on the kiosk database, sweeps what a crash left, starts the reader. */
    async start(db: SqliteDatabase): Promise<void> {
      const identityLog = log.child('identity');
      captures = openCaptureStore({
        db,
        key: loadOrCreateIdentityKey(identityKeyPath(config.databasePath), identityLog),
        log: identityLog,
      });
      retention = createIdentityRetention({ captures, log: identityLog });
      retention.start();
      deferred?.schedule();
    },
    async stop(): Promise<void> {
      retention?.stop();
      deferred?.cancel();
      await mrzReader?.stop();
    },

    /** The card issuing view's identify step with the document to confirm filled in. */
    withDocument(view: KioskView, captureOnScreen: string | null): KioskView {
      const identify = view.card?.identify;
      if (!view.card || !identify || !captures) return view;
      return { ...view, card: { ...view.card, identify: withDocument(identify, captureOnScreen, captures) } };
    },

    /** An identify step's view with the document to confirm filled in (any flow's, or a call's). */
    identifyWithDocument(view: IdentifyView, captureOnScreen: string | null): IdentifyView {
      return captures ? withDocument(view, captureOnScreen, captures) : view;
    },

    /**
     * The fields the backend looks the card order up by; null when the capture is gone (expired,
     * altered). The capture stays until its flow ends: a lookup re-run after a restart needs it.
     */
    lookupRequest(captureId: string): CardOrderLookupByDocumentRequest | null {
      return captures ? cardOrderLookupRequest(captures, captureId) : null;
    },
    endOfFlow(session: string): void {
      retention?.endOfFlow(session);
    },
    endOfSession(session: string): void {
      retention?.endOfSession(session);
    },
    /**
     * A confirmed document as the customer agreed to show it to the teller on a call: the data,
     * the MRZ lines and the page. Null when the capture is gone; the page is left out when it is
     * larger than one message of the backend link may carry.
     */
    sharedDocument(captureId: string): SharedDocument | null {
      const capture = captures?.get(captureId);
      if (!capture) return null;
      const image =
        capture.image && capture.imageMime
          ? `data:${capture.imageMime};base64,${Buffer.from(capture.image).toString('base64')}`
          : null;
      return {
        ...summarizeDocument(capture.document, Date.now()),
        mrzLines: capture.lines,
        image: image && image.length <= MAX_SHARED_IMAGE_CHARS ? image : null,
      };
    },
    /** A capture dropped from the confirmation screen ("scan again", "back"): gone at once. */
    dropCapture(captureId: string): void {
      captures?.deleteCapture(captureId);
    },
    readMrzForTechnician: deferred ? (image: Uint8Array) => deferred.reader.readImage(image) : undefined,
    health: (): MrzReaderHealth | null => deferred?.reader.health() ?? null,
  };
}

export type IdentityServices = ReturnType<typeof createIdentityServices>;

/** Runs the OCR process's entry: a bundle with plain Node, a TypeScript source through tsx. */
function ocrCommand(entry: string): { execPath: string; args: string[] } {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : ['--enable-source-maps', entry];
  return { execPath: process.execPath, args };
}

/**
 * The reader of a scanner that reads the MRZ itself (keyboard wedge): the same parsing and
 * check-digit rule, in-process, and no OCR worker. An image never comes from such a scanner.
 */
function textOnlyMrzReader(): MrzReader {
  const none = { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: 0 };
  return {
    start: async () => undefined,
    stop: async () => undefined,
    isReady: () => true,
    readImage: async () => ({
      status: 'rejected',
      reason: 'ocrUnavailable',
      lines: [],
      checks: [],
      detail: 'this kiosk reads MRZ text from its scanner; it has no OCR',
      timings: none,
    }),
    readText: (lines) => readMrzText(lines),
    health: () => ({ state: 'ready', restarts: 0, readyMs: 0, rssBytes: null }),
  };
}

function createIdScanner(config: RuntimeConfig, log: Logger): IdScanner | null {
  const scanner = config.idScanner;
  if (!scanner) return null;
  if (scanner.mode === 'serialImage') {
    return createSerialImageScanner({
      path: scanner.path,
      pollIntervalMs: config.devicePollMs,
      logger: log.child('idScanner'),
    });
  }
  return createHidWedgeIdScanner({
    transport: createHidTransport(scanner.hid),
    logger: log.child('idScanner'),
  });
}

function createConfiguredQrScanner(config: RuntimeConfig, log: Logger): QrScanner | null {
  const scanner = config.qrScanner;
  if (!scanner) return null;
  return createQrScanner({
    mode: scanner.mode,
    transport: createHidTransport(scanner.hid),
    logger: log.child('qrScanner'),
  });
}
