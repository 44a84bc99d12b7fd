import { z } from 'zod';

/**
 * Identity documents (ICAO 9303 machine readable zones) as the kiosk reads them, and the
 * identify-customer step the flows share. Facts: ../shared/DEVICES.md "ID documents".
 *
 * Personal data: an `MrzDocument` lives in kiosk memory and, encrypted, in the kiosk database
 * (docs/security.md "Identity documents"). The bridge carries it only inside `IdentifyView` while
 * the customer is asked to confirm it; it is never logged.
 */

export const MrzFormat = z.enum(['TD1', 'TD2', 'TD3']);
export type MrzFormat = z.infer<typeof MrzFormat>;

/** Line length of each format: TD1 3×30, TD2 2×36, TD3 2×44. */
export const MRZ_SHAPE: Record<MrzFormat, { lines: number; length: number }> = {
  TD1: { lines: 3, length: 30 },
  TD2: { lines: 2, length: 36 },
  TD3: { lines: 2, length: 44 },
};

/** One MRZ line as printed: upper-case letters, digits and the filler `<`. */
export const MrzLine = z.string().regex(/^[A-Z0-9<]{30,44}$/);

const YyMmDd = z.string().regex(/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/);
const CountryCode = z.string().regex(/^[A-Z<]{3}$/);

/** The fields of a document's MRZ, fillers removed, exactly as the check digits vouch for them. */
export const MrzDocument = z.object({
  format: MrzFormat,
  /** `P`, `PP`, `I`, `ID`, `AC`… as printed (fillers removed). */
  documentCode: z.string().regex(/^[A-Z]{1,2}$/),
  issuingState: CountryCode,
  /** The whole number, continued from the optional data when longer than 9 characters. */
  documentNumber: z.string().regex(/^[A-Z0-9]{1,24}$/),
  /** Primary identifier; names' fillers become spaces. */
  surname: z.string().max(44),
  givenNames: z.string().max(44),
  nationality: CountryCode,
  birthDate: YyMmDd,
  sex: z.enum(['male', 'female', 'unspecified']),
  expiryDate: YyMmDd,
  /** TD3 personal number, TD1/TD2 optional data (without the continued document number). */
  optionalData: z.string().max(30),
});
export type MrzDocument = z.infer<typeof MrzDocument>;

/** The check digits an MRZ carries; TD3 adds the personal number's. */
export const MrzCheckField = z.enum([
  'documentNumber',
  'birthDate',
  'expiryDate',
  'personalNumber',
  'composite',
]);
export type MrzCheckField = z.infer<typeof MrzCheckField>;

export const MrzCheck = z.object({ field: MrzCheckField, valid: z.boolean() });
export type MrzCheck = z.infer<typeof MrzCheck>;

/**
 * Why a read was not accepted. The reader accepts only a document whose every check digit passes
 * with exactly one reading consistent with what it saw; anything else is one of these.
 * - `noMrz`: no MRZ band found (blank image, not a document, MRZ covered).
 * - `unreadable`: a band, but not the right lines and lengths.
 * - `checkDigits`: lines of the right shape, but a check digit fails.
 * - `ambiguous`: more than one reading passes the check digits, or a name character is unsure.
 * - `invalidImage`: not a PNG/JPEG, or its header lies.
 * - `imageTooLarge`: over the size or pixel limit, refused before decoding.
 * - `timeout`: the OCR did not answer in time (its worker is restarted).
 * - `ocrUnavailable`: the OCR worker is not running (starting, or failed to start).
 */
export const MrzRejectReason = z.enum([
  'noMrz',
  'unreadable',
  'checkDigits',
  'ambiguous',
  'invalidImage',
  'imageTooLarge',
  'timeout',
  'ocrUnavailable',
]);
export type MrzRejectReason = z.infer<typeof MrzRejectReason>;

/** Where the time of one read went, in milliseconds. */
export const MrzTimings = z.object({
  decodeMs: z.number().nonnegative(),
  prepareMs: z.number().nonnegative(),
  ocrMs: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
});
export type MrzTimings = z.infer<typeof MrzTimings>;

export const MrzReadResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('accepted'),
    document: MrzDocument,
    /** The MRZ lines as finally read (after corrections). */
    lines: z.array(MrzLine),
    checks: z.array(MrzCheck),
    /** Characters changed from the OCR's first reading by field-type and check-digit correction. */
    corrections: z.number().int().nonnegative(),
    timings: MrzTimings,
  }),
  z.object({
    status: z.literal('rejected'),
    reason: MrzRejectReason,
    /** What was read, for the technician and the CLI; may be empty. Never logged. */
    lines: z.array(z.string().max(64)).max(4),
    checks: z.array(MrzCheck),
    /** Technician-facing English, no personal data. */
    detail: z.string().max(300),
    timings: MrzTimings,
  }),
]);
export type MrzReadResult = z.infer<typeof MrzReadResult>;

/**
 * The MRZ reader the runtime keeps warm (an OCR worker in its own process, restarted when it dies
 * or hangs). `readText` validates MRZ text a scanner sent itself (keyboard wedge): the same
 * parsing and the same rule — every check digit passes, or it is rejected.
 */
export interface MrzReader {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True once the OCR worker answered its warm-up read. */
  isReady(): boolean;
  readImage(
    image: Uint8Array,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<MrzReadResult>;
  readText(lines: readonly string[]): MrzReadResult;
  /** For the technician panel and the benchmark: worker state and restarts so far. */
  health(): MrzReaderHealth;
}

export const MrzReaderHealth = z.object({
  state: z.enum(['stopped', 'starting', 'ready', 'restarting', 'failed']),
  restarts: z.number().int().nonnegative(),
  /** Milliseconds from the worker's start to its first answer, last time it started. */
  readyMs: z.number().nonnegative().nullable(),
  /** Resident memory of the OCR process, bytes; null when not running. */
  rssBytes: z.number().nonnegative().nullable(),
});
export type MrzReaderHealth = z.infer<typeof MrzReaderHealth>;

// ---------------------------------------------------------------------------------------------
// The identify-customer step, as the kiosk UI sees it (inside a flow's view) and drives it.

/** What the customer sees while being identified. */
export const IdentifyStep = z.enum([
  /** "Place your passport or ID card, photo page down, on the scanner." */
  'placeDocument',
  /** A document was found: reading it. */
  'reading',
  /** The read failed: `message` says why; scan again or cancel. */
  'rescan',
  /** "Is this you?" with the document's data. */
  'confirmDocument',
  /** "Hold the QR code from the bank's app under the scanner." */
  'scanQr',
  /** A code was read: checking its signature. */
  'verifyingQr',
  /** Identification failed for this visit: `message` says why; a teller or staff can help. */
  'failed',
]);
export type IdentifyStep = z.infer<typeof IdentifyStep>;

export const IdentifyMessage = z.enum([
  /** No document MRZ could be found or read. */
  'unreadable',
  /** Read, but it did not pass its check digits or was not certain: place it again, flat. */
  'notCertain',
  /** Nothing was placed in time. */
  'noDocument',
  /** The document has expired. */
  'documentExpired',
  /** The scanner does not work now. */
  'scannerUnavailable',
  /** Too many failed reads. */
  'tooManyAttempts',
  /** The QR code is not one of the bank's, or was altered. */
  'qrForged',
  'qrExpired',
  /** A genuine code of the bank, for something else (e.g. an account application here). */
  'qrWrongKind',
  /** Not a QR code of the bank's app at all (another code, random text). */
  'qrUnknown',
  /** No QR code was shown in time. */
  'noCode',
]);
export type IdentifyMessage = z.infer<typeof IdentifyMessage>;

/** What the confirmation screen shows: the customer's own data, dates as ISO `YYYY-MM-DD`. */
export const IdentityDocumentSummary = z.object({
  kind: z.enum(['passport', 'idCard', 'other']),
  surname: z.string().max(44),
  givenNames: z.string().max(44),
  documentNumber: z.string().max(24),
  nationality: z.string().max(3),
  issuingState: z.string().max(3),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  expiryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['male', 'female', 'unspecified']),
});
export type IdentityDocumentSummary = z.infer<typeof IdentityDocumentSummary>;

export const IdentifyView = z.object({
  method: z.enum(['idScan', 'qr']),
  step: IdentifyStep,
  /** Reads the customer may still try. */
  attemptsLeft: z.number().int().nonnegative(),
  message: IdentifyMessage.nullable(),
  /** Only on `confirmDocument`. */
  document: IdentityDocumentSummary.nullable(),
});
export type IdentifyView = z.infer<typeof IdentifyView>;

export const IdentifyEvent = z.discriminatedUnion('type', [
  /** "Yes, this is me." */
  z.object({ type: z.literal('IDENTIFY_CONFIRM') }),
  /** "Scan again" (after a failed read, or when the data shown is wrong). */
  z.object({ type: z.literal('IDENTIFY_RESCAN') }),
  /** Back to how to identify. */
  z.object({ type: z.literal('IDENTIFY_BACK') }),
]);
export type IdentifyEvent = z.infer<typeof IdentifyEvent>;

// ---------------------------------------------------------------------------------------------
// Codes from the bank's app (QR), signed by the backend and verified by the kiosk offline.

/**
 * An app code is `VQ1.<payload>.<signature>`: the payload JSON in base64url, and the backend's
 * Ed25519 signature over the ASCII bytes `VQ1.<payload>` in base64url. The kiosk holds the
 * backend's public key (config `appCodePublicKey`), so it verifies without the network.
 */
export const APP_CODE_PREFIX = 'VQ1.';
export const APP_CODE_MAX_LENGTH = 600;

export const AppCodePayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cardOrder'),
    orderCode: z.string().regex(/^[2-9A-HJKMNP-Z]{8}$/),
    /** Issued at / expires at, epoch seconds. */
    iat: z.number().int().positive(),
    exp: z.number().int().positive(),
    /** Unique per code. */
    jti: z.string().min(8).max(40),
  }),
  z.object({
    kind: z.literal('accountApplication'),
    applicationRef: z.string().min(8).max(64),
    iat: z.number().int().positive(),
    exp: z.number().int().positive(),
    jti: z.string().min(8).max(40),
  }),
]);
export type AppCodePayload = z.infer<typeof AppCodePayload>;

export type AppCodeVerification =
  | { ok: true; payload: AppCodePayload }
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' | 'notYetValid' };

// Backend calls for identity (socket.io events with ack, namespace /kiosk).

/**
 * Finds the open card order of the customer whose document was read at the kiosk. The backend
 * matches an HMAC of the three fields (docs/security.md); the answer is a `CardOrderLookupAck`.
 */
export const CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT = 'kiosk:card-order-lookup-document';
export const CardOrderLookupByDocumentRequest = z.object({
  issuingState: CountryCode,
  documentNumber: z.string().regex(/^[A-Z0-9]{1,24}$/),
  birthDate: YyMmDd,
});
export type CardOrderLookupByDocumentRequest = z.infer<typeof CardOrderLookupByDocumentRequest>;
