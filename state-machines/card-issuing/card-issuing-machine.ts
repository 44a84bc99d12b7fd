import { assign, type EventObject, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type { CardIssuingMessage, IdentifyMethod } from '../../contracts/index.ts';
import type {
  ApproveCardInput,
  ApproveCardOutput,
  AwaitCardTakenInput,
  AwaitCardTakenOutput,
  CardIssuingContext,
  CardIssuingEnding,
  CardIssuingInput,
  CardIssuingMachineEvent,
  CardIssuingOutput,
  CheckPrinterOutput,
  CompleteIssuingInput,
  CompleteIssuingOutput,
  LookupOrderInput,
  LookupOrderOutput,
  MailReason,
  ProduceCardInput,
  ProduceCardOutput,
  RequestMailInput,
  TellerApprovalInput,
  TellerApprovalOutput,
} from './card-issuing-types.ts';
import {
  IDENTIFY_MAX_ATTEMPTS,
  identifyCustomerMachine,
} from '../identify-customer/identify-customer-machine.ts';
import type { IdentifyOutput } from '../identify-customer/identify-customer-types.ts';

/**
 * The card issuing flow:
 *
 *   chooseMethod → enterCode → lookingUp → confirmOrder → checkingPrinter → approving → producing
 *                                             └ approval wanted → awaitingTeller ┘ rejected, no teller → failed
 *                     ↑ refused ┘    │ offline               │ not ready       │ offline    │ notPicked
 *                                    └──────────────→ offerMail ←─────────────┴────────────┘
 *   chooseMethod → identifying (QR code from the app, or an ID document: the identify-customer
 *                  step, a child machine) → lookingUp; refused → chooseMethod with the reason
 *                                                         └→ requestingMail → mailRequested
 *   producing ─ spoiled, may retry → approving (a new card) ; cardDataMissing → approving (same card)
 *   producing → presenting → completing → done
 *   refused too often, declined, spoiled, retained, in doubt → failed (after a lost card: mail)
 *   done | failed | cancelled | mailRequested → (short display) → closed (final, output)
 *
 * Once a card leaves the feeder nothing stops it half-way: while it is in the printer, at the exit
 * or being recorded (producing, presenting, completing) the flow ignores the customer's taps, and
 * a customer who walks away is only remembered, so the card is still recorded, or retained.
 *
 * The machine is pure. The backend, the card printer and the journal reach it as actors the
 * runtime provides with `machine.provide({ actors })`. Its context is persisted with the session,
 * so it holds no card number or track data: the runtime keeps those in memory under `attemptId`.
 *
 * Restoring a persisted snapshot (after a crash) re-runs the actor of the state it was in:
 * - lookingUp, checkingPrinter: they only read; re-running them is harmless.
 * - approving: `approveCard` re-asks with the same attemptId; the bank voids the number it gave
 *   that attempt before (the kiosk never printed it) and issues a new one.
 * - producing: `produceCard` re-runs with the same attemptId; the runtime answers from its journal
 *   and never takes a second card for one attempt. Card data lost with the crash comes back as
 *   `cardDataMissing`, and the flow asks the bank again for the same attempt.
 * - presenting: `awaitCardTaken` re-runs with the same attemptId and take deadline.
 * - completing, requestingMail: re-run with the same attemptId / requestId; recorded at most once.
 * XState does not restore `after` timers: the display deadline is kept in context, and `RESUMED`
 * re-enters the display states to re-arm it.
 */

/**
 * Version of the machine's states and context. Bump it when a persisted snapshot of the previous
 * version could no longer be restored as it is; the runtime closes such snapshots out safely.
 */
// 3: the order's `tellerApproval` flag and the `awaitingTeller` state.
export const CARD_ISSUING_MACHINE_VERSION = 3;

/** How long done / failed / cancelled / mailRequested stay on screen unless the input says otherwise. */
export const CARD_DISPLAY_MS = 8_000;

/** Ways of identifying the customer that have states in this machine. */
export const HANDLED_METHODS: readonly IdentifyMethod[] = ['orderCode', 'qr', 'idScan'];

const NO_ORDER = { orderRef: null, holderNameMasked: null, product: null, tellerApproval: false } as const;
const NO_CARD = { cardId: null, panLast4: null, expiry: null, phase: null, takeDeadline: null } as const;

function remaining(deadline: number | null): number {
  return deadline === null ? 0 : Math.max(0, deadline - Date.now());
}

/** A method the kiosk offers but the machine cannot run would be a button that does nothing. */
function offeredMethods(offered: Record<IdentifyMethod, boolean>): Record<IdentifyMethod, boolean> {
  const usable = (method: IdentifyMethod) => offered[method] && HANDLED_METHODS.includes(method);
  return { orderCode: usable('orderCode'), qr: usable('qr'), idScan: usable('idScan') };
}

/** Why an order found (or not) cannot be issued; null when it can. */
function refusal(output: LookupOrderOutput): CardIssuingMessage | null {
  if (output.status === 'notFound') return 'orderNotFound';
  if (output.status !== 'found' || output.orderStatus === 'open') return null;
  if (output.orderStatus === 'expired') return 'orderExpired';
  // A card of the order is being made, or the bank has not yet heard what became of it (a kiosk
  // that crashed mid-job reports it once it is back): not "already issued".
  if (output.orderStatus === 'issuing') return 'orderInProgress';
  return 'orderNotOpen';
}

/** A code that led to no order it could issue: one code fewer, and the order forgotten. */
function refuseCode(context: CardIssuingContext, output: LookupOrderOutput) {
  return {
    orderCode: null,
    ...NO_ORDER,
    codeAttemptsLeft: Math.max(0, context.codeAttemptsLeft - 1),
    message: refusal(output),
  };
}

/**
 * A QR code or a document that led to no order it could issue: back to the choice, saying why.
 * Neither can be guessed (a QR code is signed, a document must be read), so no attempt is counted.
 */
function refuseIdentified(context: CardIssuingContext, output: LookupOrderOutput) {
  const message =
    output.status === 'notFound' && context.identifiedBy === 'idScan'
      ? 'noOrderForDocument'
      : refusal(output);
  return { orderCode: null, ...NO_ORDER, ...NO_IDENTITY, message };
}

const NO_IDENTITY = { identifyMethod: null, identifiedBy: null, captureId: null } as const;

function declineMessage(output: ApproveCardOutput): CardIssuingMessage {
  if (output.status !== 'declined') return 'declined';
  if (output.reason === 'orderNotOpen' || output.reason === 'orderExpired') return output.reason;
  return 'declined';
}

/** Declared, not implemented: the runtime provides the real actor. */
function notProvided<Output, Input>(name: string) {
  return fromPromise<Output, Input>(async () => {
    throw new Error(`card issuing machine: actor '${name}' was not provided by the runtime`);
  });
}

export const cardIssuingMachine = setup({
  types: {
    context: {} as CardIssuingContext,
    events: {} as CardIssuingMachineEvent,
    input: {} as CardIssuingInput,
    output: {} as CardIssuingOutput,
  },
  actors: {
    /** Finds the order by its code; `offline` when the backend cannot be asked. */
    lookupOrder: notProvided<LookupOrderOutput, LookupOrderInput>('lookupOrder'),
    /**
     * Asks a teller on the video call to approve the order (the runtime opens the call, or uses
     * the one open). Nothing has moved yet, so a restore may simply ask again.
     */
    tellerApproval: notProvided<TellerApprovalOutput, TellerApprovalInput>('tellerApproval'),
    /** Is the printer ready to take a card now? It takes no input. */
    checkPrinter: notProvided<CheckPrinterOutput, unknown>('checkPrinter'),
    /** Asks the bank to approve the order and issue the data of one card; keeps the data in memory. */
    approveCard: notProvided<ApproveCardOutput, ApproveCardInput>('approveCard'),
    /**
     * Encodes, prints and ejects the card of one attempt, journaling each move. Sends CARD_PHASE
     * as the card moves and exactly one CARD_PRODUCED; its cleanup never stops a card half-way.
     */
    /** The identify-customer step; the runtime provides its scanner actors. */
    identifyCustomer: identifyCustomerMachine,
    produceCard: fromCallback<EventObject, ProduceCardInput>(() => {
      throw new Error(`card issuing machine: actor 'produceCard' was not provided by the runtime`);
    }),
    /** Waits for the exit sensor until the deadline, then has the printer take the card back. */
    awaitCardTaken: notProvided<AwaitCardTakenOutput, AwaitCardTakenInput>('awaitCardTaken'),
    /** Journals `card.mailRequested` and syncs it. */
    requestMail: notProvided<void, RequestMailInput>('requestMail'),
    /** Journals `card.issued` (durability moneyOrCard), syncs it and prints the receipt. */
    completeIssuing: notProvided<CompleteIssuingOutput, CompleteIssuingInput>('completeIssuing'),
  },
  delays: {
    // What is left of the deadline, so a display re-entered after a restore ends when it would have.
    display: ({ context }) => remaining(context.displayDeadline),
  },
  guards: {
    chose: ({ context, event }, params: { method: IdentifyMethod }) =>
      event.type === 'CARD_CHOOSE_METHOD' && event.method === params.method && context.methods[params.method],
    identified: ({ event }, params: { result: IdentifyOutput['result'] }) =>
      'output' in event && (event.output as IdentifyOutput).result === params.result,
    typedCode: ({ context }) => context.identifiedBy === 'orderCode',
    // Guards run before actions: this counts the code being refused now.
    codesLeftAfterRefusal: ({ context }) => context.codeAttemptsLeft - 1 > 0,
    produced: ({ event }, params: { outcome: ProduceCardOutput['outcome'] }) =>
      event.type === 'CARD_PRODUCED' && event.result.outcome === params.outcome,
    // An encoding failure may pass on a new card; a printer that needs staff will not.
    mayRetry: ({ context, event }) =>
      event.type === 'CARD_PRODUCED' &&
      event.result.outcome === 'spoiled' &&
      event.result.retryable &&
      context.attempt < context.maxAttempts,
    // A lost card leaves the order open at the bank: it can still go by mail.
    mayMailAfterFailure: ({ context }) => context.mailReason === 'cardFailed' && context.orderRef !== null,
    customerGone: ({ context }) => context.customerGone,
    needsTeller: ({ context }) => context.tellerApproval,
  },
  actions: {
    recordCode: assign(({ event }) =>
      event.type === 'CARD_ORDER_CODE'
        ? { orderCode: event.code, ...NO_ORDER, identifiedBy: 'orderCode' as const, message: null }
        : {},
    ),
    forgetOrder: assign({ orderCode: null, ...NO_ORDER, ...NO_IDENTITY, message: null }),
    beginIdentify: assign(({ event }) =>
      event.type === 'CARD_CHOOSE_METHOD' && event.method !== 'orderCode'
        ? { identifyMethod: event.method, message: null }
        : {},
    ),
    forwardToIdentify: sendTo('identify', ({ event }) => event),
    clearMessage: assign({ message: null }),
    offerMail: assign((_, params: { reason: MailReason; message: CardIssuingMessage }) => ({
      mailReason: params.reason,
      message: params.message,
    })),
    newMailRequest: assign(() => ({ mailRequestId: globalThis.crypto.randomUUID() })),
    // One attempt is one physical card. A card whose data the kiosk lost never left the feeder,
    // so the bank is asked again for the same attempt rather than counting a new card.
    beginAttempt: assign(({ context, event }) =>
      event.type === 'CARD_PRODUCED' && event.result.outcome === 'cardDataMissing'
        ? { ...NO_CARD }
        : { ...NO_CARD, attemptId: globalThis.crypto.randomUUID(), attempt: context.attempt + 1 },
    ),
    recordPhase: assign(({ event }) => (event.type === 'CARD_PHASE' ? { phase: event.phase } : {})),
    presentCard: assign(({ context }) => ({
      phase: null,
      message: null,
      takeDeadline: Date.now() + context.takeTimeoutMs,
    })),
    fail: assign((_, params: { message: CardIssuingMessage; mail?: boolean }) => ({
      message: params.message,
      mailReason: params.mail ? ('cardFailed' as const) : null,
    })),
    /** Customer gone before a card was under way: close now, nothing to finish. */
    abandon: assign({ customerGone: true, ending: 'timedOut', message: null }),
    markCustomerGone: assign({ customerGone: true }),
    endAs: assign((_, params: { ending: CardIssuingEnding }) => ({
      ending: params.ending,
      takeDeadline: null,
    })),
    armDisplay: assign(({ context, event }) =>
      event.type === 'RESUMED' ? {} : { displayDeadline: Date.now() + context.displayMs },
    ),
  },
}).createMachine({
  id: 'cardIssuing',
  initial: 'chooseMethod',
  context: ({ input }) => ({
    methods: offeredMethods(input.methods),
    maxAttempts: input.maxAttempts,
    takeTimeoutMs: input.takeTimeoutMs,
    displayMs: input.displayMs ?? CARD_DISPLAY_MS,
    codeAttemptsLeft: input.maxCodeAttempts,
    ...NO_IDENTITY,
    orderCode: null,
    ...NO_ORDER,
    attemptId: null,
    attempt: 0,
    ...NO_CARD,
    message: null,
    mailReason: null,
    mailRequestId: null,
    ending: null,
    customerGone: false,
    receipt: null,
    displayDeadline: null,
  }),
  output: ({ context }) => ({ ending: context.ending ?? 'cancelled', receipt: context.receipt }),
  states: {
    chooseMethod: {
      on: {
        CARD_CHOOSE_METHOD: [
          {
            guard: { type: 'chose', params: { method: 'orderCode' } },
            target: 'enterCode',
            actions: 'clearMessage',
          },
          {
            guard: { type: 'chose', params: { method: 'qr' } },
            target: 'identifying',
            actions: 'beginIdentify',
          },
          {
            guard: { type: 'chose', params: { method: 'idScan' } },
            target: 'identifying',
            actions: 'beginIdentify',
          },
        ],
        CARD_BACK: { target: 'cancelled' },
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    enterCode: {
      on: {
        CARD_ORDER_CODE: { target: 'lookingUp', actions: 'recordCode' },
        CARD_BACK: { target: 'chooseMethod', actions: 'forgetOrder' },
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    /** The identify-customer step: a QR code from the app, or an ID document read and confirmed. */
    identifying: {
      invoke: {
        id: 'identify',
        src: 'identifyCustomer',
        input: ({ context }) => ({
          method: context.identifyMethod ?? 'qr',
          maxAttempts: IDENTIFY_MAX_ATTEMPTS,
          acceptKinds: ['cardOrder'],
        }),
        onDone: [
          {
            guard: { type: 'identified', params: { result: 'appCode' } },
            target: 'lookingUp',
            actions: assign(({ event }) =>
              event.output.result === 'appCode' && event.output.code.kind === 'cardOrder'
                ? {
                    orderCode: event.output.code.orderCode,
                    identifyMethod: null,
                    identifiedBy: 'qr' as const,
                  }
                : {},
            ),
          },
          {
            guard: { type: 'identified', params: { result: 'document' } },
            target: 'lookingUp',
            actions: assign(({ event }) =>
              event.output.result === 'document'
                ? { captureId: event.output.captureId, identifyMethod: null, identifiedBy: 'idScan' as const }
                : {},
            ),
          },
          { target: 'chooseMethod', actions: 'forgetOrder' },
        ],
        // The step failing outright (a scanner actor that broke) leaves the customer a choice.
        onError: { target: 'chooseMethod', actions: 'forgetOrder' },
      },
      on: {
        IDENTIFY_CONFIRM: { actions: 'forwardToIdentify' },
        IDENTIFY_RESCAN: { actions: 'forwardToIdentify' },
        IDENTIFY_BACK: { actions: 'forwardToIdentify' },
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    lookingUp: {
      invoke: {
        id: 'lookupOrder',
        src: 'lookupOrder',
        input: ({ context }) =>
          context.identifiedBy === 'idScan'
            ? { by: 'document' as const, captureId: context.captureId ?? '' }
            : { by: 'code' as const, orderCode: context.orderCode ?? '' },
        onDone: [
          {
            guard: ({ event }) => event.output.status === 'found' && refusal(event.output) === null,
            target: 'confirmOrder',
            // The reference replaces the code: a mail request online names the order by it.
            actions: assign(({ event }) =>
              event.output.status === 'found'
                ? {
                    orderCode: null,
                    captureId: null,
                    orderRef: event.output.orderRef,
                    holderNameMasked: event.output.holderNameMasked,
                    product: event.output.product,
                    tellerApproval: event.output.tellerApproval,
                    message: null,
                  }
                : {},
            ),
          },
          // Offline with a document: the backend knows the order by nothing the kiosk could mail.
          {
            guard: ({ context, event }) =>
              event.output.status === 'offline' && context.identifiedBy === 'idScan',
            target: 'failed',
            actions: assign({ ...NO_IDENTITY, message: 'offline' }),
          },
          {
            guard: ({ event }) => event.output.status === 'offline',
            target: 'offerMail',
            actions: { type: 'offerMail', params: { reason: 'offline', message: 'offline' } },
          },
          {
            guard: ({ context }) => context.identifiedBy !== 'orderCode',
            target: 'chooseMethod',
            actions: assign(({ context, event }) => refuseIdentified(context, event.output)),
          },
          // Not found, expired or not open: each costs one code, so codes cannot be guessed.
          {
            guard: 'codesLeftAfterRefusal',
            target: 'enterCode',
            actions: assign(({ context, event }) => refuseCode(context, event.output)),
          },
          { target: 'failed', actions: assign(({ context, event }) => refuseCode(context, event.output)) },
        ],
        // Whatever stops the lookup is treated as offline: the customer may still ask for mail,
        // and the backend checks the code when the request syncs.
        onError: [
          {
            guard: ({ context }) => context.identifiedBy === 'idScan',
            target: 'failed',
            actions: assign({ ...NO_IDENTITY, message: 'offline' }),
          },
          {
            target: 'offerMail',
            actions: { type: 'offerMail', params: { reason: 'offline', message: 'offline' } },
          },
        ],
      },
      on: {
        // Only a read is under way: nothing to undo.
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    confirmOrder: {
      on: {
        CARD_CONFIRM: [{ guard: 'needsTeller', target: 'awaitingTeller' }, { target: 'checkingPrinter' }],
        CARD_BACK: [
          { guard: 'typedCode', target: 'enterCode', actions: 'forgetOrder' },
          { target: 'chooseMethod', actions: 'forgetOrder' },
        ],
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    /** The bank wants a teller to approve this card: the call lies over this step meanwhile. */
    awaitingTeller: {
      invoke: {
        id: 'tellerApproval',
        src: 'tellerApproval',
        input: ({ context }) => ({
          kind: 'cardIssue' as const,
          flow: 'cardIssuing' as const,
          step: 'confirmOrder' as const,
          summary: { holder: context.holderNameMasked ?? '', product: context.product ?? 'debit' },
        }),
        onDone: [
          { guard: ({ event }) => event.output.decision === 'approved', target: 'checkingPrinter' },
          {
            guard: ({ event }) => event.output.decision === 'rejected',
            target: 'failed',
            actions: { type: 'fail', params: { message: 'tellerRejected' } },
          },
          // The bank wanted a teller: no card without one, and no mail around the approval.
          { target: 'failed', actions: { type: 'fail', params: { message: 'tellerUnavailable' } } },
        ],
        onError: { target: 'failed', actions: { type: 'fail', params: { message: 'tellerUnavailable' } } },
      },
      on: {
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    /** Asked before the bank: a number issued for a card that cannot be printed would only be voided. */
    checkingPrinter: {
      invoke: {
        id: 'checkPrinter',
        src: 'checkPrinter',
        onDone: [
          { guard: ({ event }) => event.output.ready, target: 'approving' },
          {
            target: 'offerMail',
            actions: {
              type: 'offerMail',
              params: { reason: 'printerUnavailable', message: 'printerUnavailable' },
            },
          },
        ],
        // A printer that cannot even say whether it is ready is not ready.
        onError: {
          target: 'offerMail',
          actions: {
            type: 'offerMail',
            params: { reason: 'printerUnavailable', message: 'printerUnavailable' },
          },
        },
      },
      on: {
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    approving: {
      entry: 'beginAttempt',
      invoke: {
        id: 'approveCard',
        src: 'approveCard',
        input: ({ context }) => ({
          orderRef: context.orderRef ?? '',
          attemptId: context.attemptId ?? '',
          attempt: context.attempt,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.status === 'approved',
            target: 'producing',
            actions: assign(({ event }) =>
              event.output.status === 'approved'
                ? {
                    cardId: event.output.cardId,
                    panLast4: event.output.panLast4,
                    expiry: event.output.expiry,
                  }
                : {},
            ),
          },
          {
            guard: ({ event }) => event.output.status === 'declined',
            target: 'failed',
            actions: assign(({ event }) => ({ message: declineMessage(event.output) })),
          },
          {
            target: 'offerMail',
            actions: { type: 'offerMail', params: { reason: 'offline', message: 'offline' } },
          },
        ],
        onError: {
          target: 'offerMail',
          actions: { type: 'offerMail', params: { reason: 'offline', message: 'offline' } },
        },
      },
      on: {
        // No card has left the feeder yet; a number the bank may have issued is voided by the
        // runtime when the approval is stopped.
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    /** A card is in the printer. The customer's taps are not handled here: nothing stops it half-way. */
    producing: {
      invoke: {
        id: 'produceCard',
        src: 'produceCard',
        input: ({ context }) => ({
          orderRef: context.orderRef ?? '',
          attemptId: context.attemptId ?? '',
          attempt: context.attempt,
        }),
        // The producer failing outright leaves the card where nobody knows: recovery settles it.
        onError: { target: 'failed', actions: { type: 'fail', params: { message: 'interrupted' } } },
      },
      on: {
        CARD_PHASE: { actions: 'recordPhase' },
        CARD_PRODUCED: [
          {
            guard: { type: 'produced', params: { outcome: 'presented' } },
            target: 'presenting',
            actions: 'presentCard',
          },
          { guard: 'mayRetry', target: 'approving', actions: assign({ message: 'retrying' }) },
          {
            guard: { type: 'produced', params: { outcome: 'spoiled' } },
            target: 'failed',
            actions: { type: 'fail', params: { message: 'cardSpoiled', mail: true } },
          },
          // Nothing left the feeder; the runtime voided the number.
          {
            guard: { type: 'produced', params: { outcome: 'notPicked' } },
            target: 'offerMail',
            actions: {
              type: 'offerMail',
              params: { reason: 'printerUnavailable', message: 'printerUnavailable' },
            },
          },
          { guard: { type: 'produced', params: { outcome: 'cardDataMissing' } }, target: 'approving' },
          // inDoubt: the card is inside a printer that stopped answering; recovery settles it.
          { target: 'failed', actions: { type: 'fail', params: { message: 'interrupted' } } },
        ],
        FLOW_ABORT: { actions: 'markCustomerGone' },
      },
    },
    /** The card waits at the exit until taken or the deadline; `awaitCardTaken` keeps the time. */
    presenting: {
      invoke: {
        id: 'awaitCardTaken',
        src: 'awaitCardTaken',
        input: ({ context }) => ({
          attemptId: context.attemptId ?? '',
          takeDeadline: context.takeDeadline ?? 0,
        }),
        onDone: [
          { guard: ({ event }) => event.output.outcome === 'taken', target: 'completing' },
          {
            guard: ({ event }) => event.output.outcome === 'retained',
            target: 'failed',
            actions: { type: 'fail', params: { message: 'cardRetained', mail: true } },
          },
          { target: 'failed', actions: { type: 'fail', params: { message: 'interrupted' } } },
        ],
        onError: { target: 'failed', actions: { type: 'fail', params: { message: 'interrupted' } } },
      },
      on: { FLOW_ABORT: { actions: 'markCustomerGone' } },
    },
    completing: {
      invoke: {
        id: 'completeIssuing',
        src: 'completeIssuing',
        input: ({ context }) => ({ attemptId: context.attemptId ?? '', orderRef: context.orderRef ?? '' }),
        onDone: { target: 'done', actions: assign(({ event }) => ({ receipt: event.output.receipt })) },
        // The card is in the customer's hand whatever the journal or the receipt printer say.
        onError: { target: 'done', actions: assign({ receipt: 'failed' }) },
      },
      on: { FLOW_ABORT: { actions: 'markCustomerGone' } },
    },
    offerMail: {
      // Reached with the customer gone (walked away while a card that was never picked was being
      // made): nobody is there to answer the offer, and the session waits for the flow to close.
      always: { guard: 'customerGone', target: 'closed', actions: 'abandon' },
      on: {
        CARD_REQUEST_MAIL: { target: 'requestingMail', actions: 'newMailRequest' },
        CARD_CANCEL: { target: 'cancelled' },
        FLOW_ABORT: { target: 'closed', actions: 'abandon' },
      },
    },
    requestingMail: {
      invoke: {
        id: 'requestMail',
        src: 'requestMail',
        input: ({ context }) => ({
          requestId: context.mailRequestId ?? '',
          orderRef: context.orderRef,
          orderCode: context.orderCode,
          reason: context.mailReason ?? 'offline',
        }),
        onDone: { target: 'mailRequested', actions: 'clearMessage' },
        // The reason shown so far stays; mail is not offered again.
        onError: { target: 'failed', actions: assign({ mailReason: null }) },
      },
      on: { FLOW_ABORT: { actions: 'markCustomerGone' } },
    },
    done: {
      entry: [{ type: 'endAs', params: { ending: 'issued' } }, 'armDisplay'],
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: {
        RESUMED: { target: 'done', reenter: true },
        CARD_CANCEL: { target: 'closed' },
        FLOW_ABORT: { target: 'closed' },
      },
    },
    mailRequested: {
      entry: [{ type: 'endAs', params: { ending: 'mailRequested' } }, 'armDisplay'],
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: {
        RESUMED: { target: 'mailRequested', reenter: true },
        CARD_CANCEL: { target: 'closed' },
        FLOW_ABORT: { target: 'closed' },
      },
    },
    /** Ended without a card; after a lost card, the order may still go by mail. */
    failed: {
      entry: [{ type: 'endAs', params: { ending: 'failed' } }, 'armDisplay'],
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: {
        CARD_REQUEST_MAIL: {
          guard: 'mayMailAfterFailure',
          target: 'requestingMail',
          actions: 'newMailRequest',
        },
        RESUMED: { target: 'failed', reenter: true },
        CARD_CANCEL: { target: 'closed' },
        FLOW_ABORT: { target: 'closed' },
      },
    },
    cancelled: {
      // A cancel says nothing more: what went wrong before it no longer matters.
      entry: [{ type: 'endAs', params: { ending: 'cancelled' } }, 'clearMessage', 'armDisplay'],
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: {
        RESUMED: { target: 'cancelled', reenter: true },
        CARD_CANCEL: { target: 'closed' },
        FLOW_ABORT: { target: 'closed' },
      },
    },
    closed: { type: 'final' },
  },
});

export type CardIssuingMachine = typeof cardIssuingMachine;
