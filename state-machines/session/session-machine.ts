import { and, assign, fromPromise, not, or, raise, sendTo, setup, stateIn } from 'xstate';
import { cardIssuingMachine } from '../card-issuing/card-issuing-machine.ts';
import type { CardIssuingInput } from '../card-issuing/card-issuing-types.ts';
import { cashDepositMachine } from '../cash-deposit/cash-deposit-machine.ts';
import type { CashDepositInput } from '../cash-deposit/cash-deposit-types.ts';
import type {
  CardIssuingEvent,
  IdentifyEvent,
  DepositEvent,
  FlowId,
  Language,
  OutOfServiceReason,
  ReceiptOutcome,
  UiEvent,
} from '../../contracts/index.ts';

/**
 * The customer session: out of service ⇄ attract → language → menu → [flow] → goodbye → attract.
 *
 * Two regions run side by side while a customer is at the kiosk: `screens` (where the customer
 * is) and `idle` (the inactivity watch). Keeping the watch apart means a customer's touch restarts
 * the timer without leaving the screen they are on, and the "Do you need more time?" prompt lies
 * over whatever screen is showing.
 *
 * The machine is pure: the receipt printer and flow cancellation reach it as actors the runtime
 * provides with `machine.provide({ actors })`.
 */

export interface SessionTiming {
  /** Idle time before the "Do you need more time?" prompt. */
  inactivityMs: number;
  /** How long the prompt waits for an answer before the session is cancelled. */
  timeoutPromptMs: number;
  /** How long the goodbye screen stays after the receipt outcome is known. */
  goodbyeMs: number;
}

export interface SessionInput {
  timing: SessionTiming;
  /** Settings of the cash deposit flow; absent on a kiosk without cash devices. */
  deposit?: CashDepositInput;
  /** Settings of the card issuing flow; absent on a kiosk without a card printer. */
  card?: CardIssuingInput;
}

export interface SessionContext {
  timing: SessionTiming;
  /** Is the kiosk fit to take customers (required devices ready, backend allows it)? */
  inService: boolean;
  outOfServiceReason: OutOfServiceReason | null;
  /** Flows the menu offers now; the runtime keeps this current. */
  availableFlows: FlowId[];
  sessionId: string | null;
  language: Language | null;
  startedAt: number | null;
  flow: FlowId | null;
  /** Epoch ms at which an idle customer is asked "Do you need more time?". */
  idleDeadline: number | null;
  /** Epoch ms at which an unanswered time-out prompt cancels the session; null when not shown. */
  promptDeadline: number | null;
  /** Epoch ms at which the goodbye screen gives way to attract. */
  goodbyeDeadline: number | null;
  receipt: ReceiptOutcome | null;
  deposit: CashDepositInput | null;
  card: CardIssuingInput | null;
  /** The receipt a flow printed itself; goodbye then prints no second one. */
  flowReceipt: ReceiptOutcome | null;
  /** The customer walked away during a flow: the flow is closing, then the session is cancelled. */
  flowClosing: boolean;
}

export type SessionEvent =
  | UiEvent
  | { type: 'SERVICE_CHANGED'; inService: boolean; reason: OutOfServiceReason | null }
  | { type: 'MENU_CHANGED'; availableFlows: FlowId[] }
  /**
   * Sent by the runtime after restoring a persisted snapshot. XState does not restore `after`
   * timers, so the timed states re-enter on it and re-arm from the deadlines kept in context.
   */
  | { type: 'RESUMED' }
  /** Raised when the time-out prompt went unanswered. */
  | { type: 'SESSION_TIMEOUT' };

/**
 * Version of the machine's states and context. Bump it when a persisted snapshot of the previous
 * version could no longer be restored as it is; the runtime closes such snapshots out safely.
 */
// 5: the card flow's context gained the identify step (identifyMethod, identifiedBy, captureId).
export const SESSION_MACHINE_VERSION = 5;

export interface PrintSessionReceiptInput {
  sessionId: string;
  language: Language;
  startedAt: number;
}

export interface CancelFlowInput {
  sessionId: string | null;
  flow: FlowId | null;
}

/** The customer's traces, wiped whenever the kiosk returns to attract. */
const CLEARED_CUSTOMER = {
  sessionId: null,
  language: null,
  startedAt: null,
  flow: null,
  idleDeadline: null,
  promptDeadline: null,
  goodbyeDeadline: null,
  receipt: null,
  flowReceipt: null,
  flowClosing: false,
} as const;

/** Events of the cash deposit flow, forwarded from the UI to the flow's own machine. */
const DEPOSIT_EVENT_TYPES = [
  'DEPOSIT_ACCOUNT',
  'DEPOSIT_CONFIRM_HOLDER',
  'DEPOSIT_REJECT_HOLDER',
  'DEPOSIT_ACCEPT_NOTE',
  'DEPOSIT_RETURN_NOTE',
  'DEPOSIT_DONE',
  'DEPOSIT_CONFIRM',
  'DEPOSIT_CANCEL',
] as const satisfies ReadonlyArray<DepositEvent['type']>;
const IN_DEPOSIT = '#session.customer.screens.cashDeposit';

/** Events of the card issuing flow, forwarded to its machine. */
const CARD_EVENT_TYPES = [
  'CARD_CHOOSE_METHOD',
  'CARD_ORDER_CODE',
  'CARD_CONFIRM',
  'CARD_REQUEST_MAIL',
  'CARD_BACK',
  'CARD_CANCEL',
  // The identify step's answers: the card flow forwards them to its identify-customer child.
  'IDENTIFY_CONFIRM',
  'IDENTIFY_RESCAN',
  'IDENTIFY_BACK',
] as const satisfies ReadonlyArray<CardIssuingEvent['type'] | IdentifyEvent['type']>;
const IN_CARD_ISSUING = '#session.customer.screens.cardIssuing';

/** UI events forwarded to the flow child while the customer is in it. */
function forwardToFlow(types: readonly string[]) {
  return Object.fromEntries(
    types.map((type) => [
      type,
      { guard: 'notPrompting', actions: [sendTo('flow', ({ event }) => event), 'noteActivity'] },
    ]),
  );
}

function remaining(deadline: number | null): number {
  return deadline === null ? 0 : Math.max(0, deadline - Date.now());
}

/** Declared, not implemented: the runtime provides the real actor. */
function notProvided<Output, Input>(name: string) {
  return fromPromise<Output, Input>(async () => {
    throw new Error(`session machine: actor '${name}' was not provided by the runtime`);
  });
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    printSessionReceipt: notProvided<ReceiptOutcome, PrintSessionReceiptInput>('printSessionReceipt'),
    cancelFlow: notProvided<void, CancelFlowInput>('cancelFlow'),
    cashDeposit: cashDepositMachine,
    cardIssuing: cardIssuingMachine,
  },
  // Each timed state keeps its deadline in context; the delay is what is left of it, so a state
  // re-entered after a restore fires when it would have, not a whole period later.
  delays: {
    inactivity: ({ context }) => remaining(context.idleDeadline),
    promptTimeout: ({ context }) => remaining(context.promptDeadline),
    goodbye: ({ context }) => remaining(context.goodbyeDeadline),
  },
  guards: {
    inService: ({ context }) => context.inService,
    outOfService: ({ context }) => !context.inService,
    notPrompting: ({ context }) => context.promptDeadline === null,
    flowAvailable: ({ context, event }) =>
      context.promptDeadline === null &&
      event.type === 'SELECT_FLOW' &&
      context.availableFlows.includes(event.flow),
    isCashDeposit: ({ context, event }) =>
      event.type === 'SELECT_FLOW' && event.flow === 'cashDeposit' && context.deposit !== null,
    isCardIssuing: ({ context, event }) =>
      event.type === 'SELECT_FLOW' && event.flow === 'cardIssuing' && context.card !== null,
    flowClosing: ({ context }) => context.flowClosing,
    hasFlowReceipt: ({ context }) => context.flowReceipt !== null,
  },
  actions: {
    recordService: assign(({ event }) =>
      event.type === 'SERVICE_CHANGED'
        ? { inService: event.inService, outOfServiceReason: event.inService ? null : event.reason }
        : {},
    ),
    recordMenu: assign(({ event }) =>
      event.type === 'MENU_CHANGED' ? { availableFlows: event.availableFlows } : {},
    ),
    beginSession: assign(() => ({
      ...CLEARED_CUSTOMER,
      sessionId: globalThis.crypto.randomUUID(),
      startedAt: Date.now(),
    })),
    clearCustomer: assign(() => ({ ...CLEARED_CUSTOMER })),
    setLanguage: assign(({ event }) =>
      event.type === 'CHOOSE_LANGUAGE' ? { language: event.language } : {},
    ),
    setFlow: assign(({ event }) => (event.type === 'SELECT_FLOW' ? { flow: event.flow } : {})),
    clearFlow: assign({ flow: null }),
    armIdle: assign(({ context, event }) =>
      event.type === 'RESUMED' ? {} : { idleDeadline: Date.now() + context.timing.inactivityMs },
    ),
    showPrompt: assign(({ context, event }) =>
      event.type === 'RESUMED' ? {} : { promptDeadline: Date.now() + context.timing.timeoutPromptMs },
    ),
    armGoodbye: assign(({ context, event }) =>
      event.type === 'RESUMED' ? {} : { goodbyeDeadline: Date.now() + context.timing.goodbyeMs },
    ),
    hidePrompt: assign({ promptDeadline: null }),
    // A screen change is customer activity: tell the idle watch, which restarts on ACTIVITY.
    noteActivity: raise({ type: 'ACTIVITY' }),
  },
}).createMachine({
  id: 'session',
  initial: 'starting',
  context: ({ input }) => ({
    timing: input.timing,
    inService: false,
    outOfServiceReason: 'starting',
    availableFlows: [],
    deposit: input.deposit ?? null,
    card: input.card ?? null,
    ...CLEARED_CUSTOMER,
  }),
  on: {
    SERVICE_CHANGED: { actions: 'recordService' },
    MENU_CHANGED: { actions: 'recordMenu' },
  },
  states: {
    /** Until the runtime has read its devices once, the kiosk cannot tell whether it can serve. */
    starting: {
      on: { SERVICE_CHANGED: { target: 'idle', actions: 'recordService' } },
    },
    /** Decides between attract and out of service; entered whenever no customer is present. */
    idle: {
      entry: 'clearCustomer',
      always: [{ guard: 'inService', target: 'attract' }, { target: 'outOfService' }],
    },
    outOfService: {
      on: { SERVICE_CHANGED: { target: 'idle', actions: 'recordService' } },
    },
    attract: {
      always: { guard: 'outOfService', target: 'outOfService' },
      on: { START: { target: 'customer', actions: 'beginSession' } },
    },
    /** A customer is at the kiosk. */
    customer: {
      type: 'parallel',
      on: {
        // During a flow, finishing goes through the flow (which records the cash it counted, or
        // finishes the card in the printer).
        END_SESSION: {
          guard: not(or([stateIn(IN_DEPOSIT), stateIn(IN_CARD_ISSUING)])),
          target: 'goodbye',
          actions: 'hidePrompt',
        },
      },
      states: {
        screens: {
          initial: 'language',
          states: {
            language: {
              on: {
                CHOOSE_LANGUAGE: {
                  guard: 'notPrompting',
                  target: 'menu',
                  actions: ['setLanguage', 'noteActivity'],
                },
                BACK: { guard: 'notPrompting', target: '#session.idle' },
                SESSION_TIMEOUT: { target: '#session.cancelling' },
              },
            },
            menu: {
              on: {
                SELECT_FLOW: [
                  {
                    guard: and(['flowAvailable', 'isCashDeposit']),
                    target: 'cashDeposit',
                    actions: ['setFlow', 'noteActivity'],
                  },
                  {
                    guard: and(['flowAvailable', 'isCardIssuing']),
                    target: 'cardIssuing',
                    actions: ['setFlow', 'noteActivity'],
                  },
                ],
                BACK: { guard: 'notPrompting', target: 'language', actions: 'noteActivity' },
                SESSION_TIMEOUT: { target: '#session.cancelling' },
              },
            },
            /**
             * The cash deposit flow, its own machine invoked as a child. The session forwards the
             * flow's UI events and never stops it half-way: finishing, a time-out or a fault all
             * go through the flow, which returns a note in escrow and records what it counted
             * before it ends.
             */
            cashDeposit: {
              invoke: {
                id: 'flow',
                src: 'cashDeposit',
                input: ({ context }) => context.deposit!,
                onDone: [
                  { guard: 'flowClosing', target: '#session.cancelling' },
                  {
                    target: '#session.goodbye',
                    actions: assign(({ event }) => ({ flowReceipt: event.output.receipt ?? null })),
                  },
                ],
                onError: { target: '#session.goodbye', actions: assign({ flowReceipt: 'failed' }) },
              },
              on: {
                ...forwardToFlow(DEPOSIT_EVENT_TYPES),
                END_SESSION: { actions: ['hidePrompt', sendTo('flow', { type: 'DEPOSIT_CANCEL' })] },
                SESSION_TIMEOUT: {
                  actions: [assign({ flowClosing: true }), sendTo('flow', { type: 'FLOW_ABORT' })],
                },
                RESUMED: { actions: sendTo('flow', { type: 'RESUMED' }) },
              },
            },
            /**
             * The card issuing flow, invoked like the deposit. A card in the printer is never
             * abandoned: a time-out only tells the flow the customer left, and the flow decides
             * when it is safe to close (never between the pick and the card's fate).
             */
            cardIssuing: {
              invoke: {
                id: 'flow',
                src: 'cardIssuing',
                input: ({ context }) => context.card!,
                onDone: [
                  { guard: 'flowClosing', target: '#session.cancelling' },
                  {
                    target: '#session.goodbye',
                    actions: assign(({ event }) => ({ flowReceipt: event.output.receipt ?? null })),
                  },
                ],
                onError: { target: '#session.goodbye', actions: assign({ flowReceipt: 'failed' }) },
              },
              on: {
                ...forwardToFlow(CARD_EVENT_TYPES),
                END_SESSION: { actions: ['hidePrompt', sendTo('flow', { type: 'CARD_CANCEL' })] },
                SESSION_TIMEOUT: {
                  actions: [assign({ flowClosing: true }), sendTo('flow', { type: 'FLOW_ABORT' })],
                },
                RESUMED: { actions: sendTo('flow', { type: 'RESUMED' }) },
              },
            },
          },
        },
        idle: {
          initial: 'watching',
          states: {
            watching: {
              entry: 'armIdle',
              after: { inactivity: { target: 'prompting' } },
              // Customer input restarts the watch (re-entering restarts the `after` timer). Screen
              // changes raise ACTIVITY, so `can(event)` speaks only of the screens region.
              on: {
                ACTIVITY: { target: 'watching', reenter: true },
                RESUMED: { target: 'watching', reenter: true },
              },
            },
            prompting: {
              entry: 'showPrompt',
              // The screens region decides what a time-out means where the customer is.
              after: { promptTimeout: { target: 'expired', actions: raise({ type: 'SESSION_TIMEOUT' }) } },
              on: {
                MORE_TIME: { target: 'watching', actions: 'hidePrompt' },
                RESUMED: { target: 'prompting', reenter: true },
              },
            },
            /** Timed out: a flow is closing; nothing more to watch. */
            expired: {
              entry: 'hidePrompt',
            },
          },
        },
      },
    },
    /** The customer walked away: cancel the open flow safely, then wipe the screen. No receipt is
     *  printed for a customer who is gone — the next person would find it. */
    cancelling: {
      entry: 'hidePrompt',
      invoke: {
        src: 'cancelFlow',
        input: ({ context }) => ({ sessionId: context.sessionId, flow: context.flow }),
        onDone: { target: 'idle' },
        onError: { target: 'idle' },
      },
    },
    goodbye: {
      initial: 'deciding',
      states: {
        // A flow that printed its own receipt (a deposit) leaves the session nothing to print.
        deciding: {
          always: [
            {
              guard: 'hasFlowReceipt',
              target: 'showing',
              actions: assign(({ context }) => ({ receipt: context.flowReceipt })),
            },
            { target: 'printing' },
          ],
        },
        printing: {
          entry: assign({ receipt: 'printing' }),
          invoke: {
            src: 'printSessionReceipt',
            input: ({ context }) => ({
              sessionId: context.sessionId ?? 'unknown',
              language: context.language ?? 'es',
              startedAt: context.startedAt ?? Date.now(),
            }),
            onDone: { target: 'showing', actions: assign(({ event }) => ({ receipt: event.output })) },
            onError: { target: 'showing', actions: assign({ receipt: 'failed' }) },
          },
        },
        showing: {
          entry: 'armGoodbye',
          after: { goodbye: { target: '#session.idle' } },
          on: { RESUMED: { target: 'showing', reenter: true } },
        },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
