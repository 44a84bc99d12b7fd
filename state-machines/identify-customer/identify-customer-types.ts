import type { IdentifyEvent, IdentifyMessage } from '../../contracts/index.ts';

/**
 * Types of the identify-customer machine, the step any flow invokes to know who is at the kiosk:
 * an ID document read by the scanner, or a code from the bank's app. The runtime provides the two
 * actors; the machine holds no personal data — a read document is kept, encrypted, in the
 * runtime's capture store, and the machine knows it only by `captureId`.
 */

export type IdentifyMethodOfStep = 'idScan' | 'qr';

/** Kinds of app code a flow takes: a card order in card issuing, an application in account opening. */
export type AppCodeKind = 'cardOrder' | 'accountApplication';

export interface IdentifyInput {
  method: IdentifyMethodOfStep;
  /** Failed reads (not "nothing placed") before the step gives up. */
  maxAttempts: number;
  /** App code kinds this flow accepts; a genuine code of another kind is refused as `qrWrongKind`. */
  acceptKinds: readonly AppCodeKind[];
}

/**
 * What one document scan came to. `accepted`: every check digit passed with one reading, and the
 * runtime stored it as `captureId`; `expired` when the document's expiry date has passed.
 * `rejected`: the reader could not be certain (`notCertain`) or found no MRZ (`unreadable`).
 */
export type ScanDocumentOutput =
  | { status: 'accepted'; captureId: string; expired: boolean }
  | { status: 'rejected'; reason: 'unreadable' | 'notCertain' }
  | { status: 'noDocument' }
  | { status: 'unavailable' };

export type AppCodeRead =
  | { kind: 'cardOrder'; orderCode: string }
  | { kind: 'accountApplication'; applicationRef: string };

/** What one QR read came to; the signature and expiry are checked by the runtime, offline. */
export type ReadAppCodeOutput =
  | { status: 'verified'; code: AppCodeRead }
  | { status: 'refused'; reason: 'qrForged' | 'qrExpired' | 'qrUnknown' }
  | { status: 'noCode' }
  | { status: 'unavailable' };

/**
 * Both actors are callback actors: they send `IDENTIFY_INPUT_SEEN` when a document is laid down
 * or a code was read (so the screen says "reading…"), then exactly one result event.
 */
export type IdentifyActorEvent =
  | { type: 'IDENTIFY_INPUT_SEEN' }
  | { type: 'IDENTIFY_SCANNED'; output: ScanDocumentOutput }
  | { type: 'IDENTIFY_CODE_READ'; output: ReadAppCodeOutput };

export interface ScanDocumentInput {
  /** One scan; a restored session scans anew (nothing is kept from a scan in progress). */
  scanId: string;
}

/** How the step ended, for the flow that invoked it. */
export type IdentifyOutput =
  | { result: 'document'; captureId: string }
  | { result: 'appCode'; code: AppCodeRead }
  /** The customer went back to choose another way (also after the step gave up). */
  | { result: 'back' };

export interface IdentifyContext {
  method: IdentifyMethodOfStep;
  acceptKinds: readonly AppCodeKind[];
  attemptsLeft: number;
  message: IdentifyMessage | null;
  /** A document or code was seen and is being read. */
  inputSeen: boolean;
  scanId: string;
  /** The document on the confirmation screen; the runtime holds its data. */
  captureId: string | null;
  code: AppCodeRead | null;
}

export type IdentifyMachineEvent = IdentifyEvent | IdentifyActorEvent;
