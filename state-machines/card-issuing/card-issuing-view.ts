import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { type CardIssuingStep, type CardIssuingView, IdentifyMethod } from '../../contracts/index.ts';
import type { CardIssuingMachine } from './card-issuing-machine.ts';
import type { CardIssuingEnding } from './card-issuing-types.ts';
import {
  documentOnScreen,
  type IdentifySnapshot,
  toIdentifyView,
} from '../identify-customer/identify-customer-view.ts';

type CardIssuingSnapshot = SnapshotFrom<CardIssuingMachine>;

/** The screen a closed flow last showed (the session replaces it at once). */
const CLOSED_STEP: Record<CardIssuingEnding, CardIssuingStep> = {
  issued: 'done',
  mailRequested: 'mailRequested',
  failed: 'failed',
  cancelled: 'cancelled',
  timedOut: 'cancelled',
};

/** States whose name is the step they show. */
const STEP_STATES = [
  'chooseMethod',
  'enterCode',
  'identifying',
  'lookingUp',
  'confirmOrder',
  'awaitingTeller',
  'offerMail',
  'requestingMail',
  'mailRequested',
  'approving',
  'producing',
  'presenting',
  'completing',
  'done',
  'failed',
  'cancelled',
] as const satisfies readonly CardIssuingStep[];

/** Which step of the flow a snapshot shows. */
export function cardIssuingStepOf(snapshot: CardIssuingSnapshot): CardIssuingStep {
  // After "Print my card" the customer waits: the printer check is part of that wait. Showing the
  // confirmation again would offer buttons the flow no longer listens to.
  if (snapshot.matches('checkingPrinter')) return 'approving';
  const step = STEP_STATES.find((state) => snapshot.matches(state));
  return step ?? CLOSED_STEP[snapshot.context.ending ?? 'cancelled'];
}

/**
 * Reduces a card issuing snapshot to what the kiosk UI renders. The card is shown by its last four
 * digits and expiry only; the context holds nothing more.
 */
export function toCardIssuingView(snapshot: CardIssuingSnapshot): CardIssuingView {
  const context = snapshot.context;
  const step = cardIssuingStepOf(snapshot);
  return {
    step,
    methods: IdentifyMethod.options.map((method) => ({ method, available: context.methods[method] })),
    codeAttemptsLeft: context.codeAttemptsLeft,
    holderNameMasked: context.holderNameMasked,
    product: context.product,
    panLast4: context.panLast4,
    expiry: context.expiry,
    phase: step === 'producing' ? context.phase : null,
    attempt: context.attempt,
    takeDeadline: step === 'presenting' ? context.takeDeadline : null,
    message: context.message,
    canRequestMail: snapshot.can({ type: 'CARD_REQUEST_MAIL' }),
    receipt: step === 'completing' ? 'printing' : context.receipt,
    identify: identifyViewOf(snapshot),
  };
}

/** The identify-customer child's snapshot while the flow is identifying. */
export function identifySnapshotOf(snapshot: CardIssuingSnapshot): IdentifySnapshot | null {
  if (!snapshot.matches('identifying')) return null;
  const child = (snapshot.children as Record<string, AnyActorRef | undefined>).identify;
  return (child?.getSnapshot() as IdentifySnapshot | undefined) ?? null;
}

function identifyViewOf(snapshot: CardIssuingSnapshot) {
  const identify = identifySnapshotOf(snapshot);
  return identify ? toIdentifyView(identify) : null;
}

/** The capture the identify step's confirmation screen shows now, for the runtime to fill in. */
export function cardDocumentOnScreen(snapshot: CardIssuingSnapshot): string | null {
  const identify = identifySnapshotOf(snapshot);
  return identify ? documentOnScreen(identify) : null;
}
