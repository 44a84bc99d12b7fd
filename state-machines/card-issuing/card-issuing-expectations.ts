import type { SnapshotFrom } from 'xstate';
import type { CardIssuingMessage, CardIssuingStep } from '../../contracts/index.ts';
import type { CardIssuingMachine } from './card-issuing-machine.ts';

/**
 * What each state of the card issuing machine should show the customer, written out by hand
 * rather than derived from the view code, so that tests comparing the two can fail. Shared by the
 * model tests: the one on fake actors and the one on the kiosk runtime with its real parts.
 */

/** The step each active state of the machine shows. */
export const STEP_OF_STATE: Readonly<Record<string, CardIssuingStep>> = {
  chooseMethod: 'chooseMethod',
  enterCode: 'enterCode',
  identifying: 'identifying',
  lookingUp: 'lookingUp',
  confirmOrder: 'confirmOrder',
  awaitingTeller: 'awaitingTeller',
  // After "Print my card" the customer waits: the printer check is part of that wait.
  checkingPrinter: 'approving',
  approving: 'approving',
  producing: 'producing',
  presenting: 'presenting',
  completing: 'completing',
  offerMail: 'offerMail',
  requestingMail: 'requestingMail',
  mailRequested: 'mailRequested',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Messages each step may show. */
export const MESSAGES_OF_STEP: Readonly<Record<CardIssuingStep, readonly (CardIssuingMessage | null)[]>> = {
  // A QR code or a document that led to no order it could issue.
  chooseMethod: [
    null,
    'orderNotFound',
    'orderExpired',
    'orderNotOpen',
    'orderInProgress',
    'noOrderForDocument',
  ],
  identifying: [null],
  enterCode: [null, 'orderNotFound', 'orderExpired', 'orderNotOpen', 'orderInProgress'],
  lookingUp: [null],
  confirmOrder: [null],
  awaitingTeller: [null],
  approving: [null, 'retrying'],
  producing: [null, 'retrying'],
  presenting: [null],
  completing: [null],
  done: [null],
  offerMail: ['offline', 'printerUnavailable'],
  // A mail request after a lost card keeps saying what happened to it.
  requestingMail: ['offline', 'printerUnavailable', 'cardSpoiled', 'cardRetained'],
  mailRequested: [null],
  failed: [
    'orderNotFound',
    'orderExpired',
    'orderNotOpen',
    'orderInProgress',
    'declined',
    'cardSpoiled',
    'cardRetained',
    'interrupted',
    // The mail request itself failed.
    'offline',
    'printerUnavailable',
    // A teller's approval was wanted: refused, or nobody could give it.
    'tellerRejected',
    'tellerUnavailable',
  ],
  cancelled: [null],
};

/**
 * A state for path generation: its value plus the facts of context that change what the customer
 * may do and see. Ids, deadlines and the card's digits are left out: they would make the graph
 * infinite. Shared by both model tests, so they walk the same graph.
 */
export function serializeCardIssuingState(snapshot: SnapshotFrom<CardIssuingMachine>): string {
  const c = snapshot.context;
  return JSON.stringify({
    value: snapshot.value,
    status: snapshot.status,
    codes: c.codeAttemptsLeft,
    attempt: c.attempt,
    order: c.orderRef !== null,
    approval: c.tellerApproval,
    code: c.orderCode !== null,
    by: c.identifiedBy,
    identify: c.identifyMethod,
    card: c.panLast4 !== null,
    phase: c.phase,
    message: c.message,
    mail: c.mailReason,
    gone: c.customerGone,
    ending: c.ending,
    receipt: c.receipt,
  });
}
