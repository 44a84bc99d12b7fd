import type { SnapshotFrom } from 'xstate';
import type { IdentifyStep, IdentifyView } from '../../contracts/index.ts';
import type { IdentifyCustomerMachine } from './identify-customer-machine.ts';

export type IdentifySnapshot = SnapshotFrom<IdentifyCustomerMachine>;

/** Which screen a snapshot of the identify step shows. */
export function identifyStepOf(snapshot: IdentifySnapshot): IdentifyStep {
  const { context } = snapshot;
  if (snapshot.matches('scanning') || snapshot.matches('starting')) {
    return context.inputSeen ? 'reading' : 'placeDocument';
  }
  if (snapshot.matches('scanningQr')) return context.inputSeen ? 'verifyingQr' : 'scanQr';
  if (snapshot.matches('rescan')) return 'rescan';
  if (snapshot.matches('confirmDocument')) return 'confirmDocument';
  if (snapshot.matches('failed')) return 'failed';
  // done / back: the flow replaces the step at once.
  return context.method === 'qr' ? 'verifyingQr' : 'reading';
}

/**
 * The identify step's view without the document: the runtime adds `document` from its capture
 * store while `confirmDocument` shows, keyed by `documentOnScreen(snapshot)`.
 */
export function toIdentifyView(snapshot: IdentifySnapshot): IdentifyView {
  const { context } = snapshot;
  return {
    method: context.method,
    step: identifyStepOf(snapshot),
    attemptsLeft: context.attemptsLeft,
    message: context.message,
    document: null,
  };
}

/** The capture the confirmation screen shows now, or null. */
export function documentOnScreen(snapshot: IdentifySnapshot): string | null {
  return snapshot.matches('confirmDocument') ? snapshot.context.captureId : null;
}
