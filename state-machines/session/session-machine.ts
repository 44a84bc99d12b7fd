import { and, assign, fromPromise, not, or, raise, sendTo, setup, stateIn } from 'xstate';
import { cardIssuingMachine } from '../card-issuing/card-issuing-machine.ts';
import type { CardIssuingInput } from '../card-issuing/card-issuing-types.ts';
import { cashDepositMachine } from '../cash-deposit/cash-deposit-machine.ts';
import type { CashDepositInput } from '../cash-deposit/cash-deposit-types.ts';
import { videoTellerMachine } from '../video-teller/video-teller-machine.ts';
import type {
  VideoTellerInput,
  VideoTellerParentEvent,
  VideoTellerTiming,
} from '../video-teller/video-teller-types.ts';
import type {
  CallTopic,
  CardIssuingEvent,
  IdentifyEvent,
  DepositEvent,
  FlowId,
  Language,
  OutOfServiceReason,
  ReceiptOutcome,
  UiEvent,
  VideoTellerEvent,
} from '../../contracts/index.ts';

/**
 * The customer session: out of service ⇄ attract → language → menu → [flow] → goodbye → attract.
 *
 * Three regions run side by side while a customer is at the kiosk: `screens` (where the customer
 * is), `idle` (the inactivity watch) and `call` (a video teller call). Keeping the watch apart
 * means a customer's touch restarts the timer without leaving the screen they are on, and the
 * "Do you need more time?" prompt lies over whatever screen is showing. A call lies over the
 * screen in the same way: the menu or the flow step stays where it was and is there again when
 * the call ends; while the call holds the customer (queued, talking) the watch does not prompt.
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
  /** Timing of the video teller call; absent on a kiosk without one. */
  call?: VideoTellerTiming;
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
  call: VideoTellerTiming | null;
  /** The open call holds the customer (waiting, talking): the inactivity prompt waits. */
  callEngaged: boolean;
  /** The call's ID scan is reading: the identify step's answers go to the call, not the flow. */
  callScanning: boolean;
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
  | { type: 'SESSION_TIMEOUT' }
  /** The runtime: a flow needs a teller (an approval); opens a call unless one is open. */
  | { type: 'TELLER_NEEDED'; topic: CallTopic }
  /** From the call child. */
  | VideoTellerParentEvent;

/**
 * Version of the machine's states and context. Bump it when a persisted snapshot of the previous
 * version could no longer be restored as it is; the runtime closes such snapshots out safely.
 */
// 5: the card flow's context gained the identify step (identifyMethod, identifiedBy, captureId).
// 6: the `call` region (video teller) and its context (call, callEngaged, callScanning); the card
//    flow's `awaitingTeller` state.
export const SESSION_MACHINE_VERSION = 6;

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
  callEngaged: false,
  callScanning: false,
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
] as const satisfies ReadonlyArray<CardIssuingEvent['type']>;
/** The identify step's answers: to the card flow's identify child, or to the call's ID scan. */
const IDENTIFY_EVENT_TYPES = [
  'IDENTIFY_CONFIRM',
  'IDENTIFY_RESCAN',
  'IDENTIFY_BACK',
] as const satisfies ReadonlyArray<IdentifyEvent['type']>;
const IN_CARD_ISSUING = '#session.customer.screens.cardIssuing';

/** UI events forwarded to the flow child while the customer is in it. */
function forwardToFlow(types: readonly string[], guard: 'notPrompting' | 'flowIdentifies' = 'notPrompting') {
  return Object.fromEntries(
    types.map((type) => [type, { guard, actions: [sendTo('flow', ({ event }) => event), 'noteActivity'] }]),
  );
}

/** UI events of the call, forwarded to the call child. */
const CALL_EVENT_TYPES = [
  'CALL_CONSENT',
  'CALL_DECLINE',
  'CALL_END',
  'CALL_TOGGLE_MUTE',
  'CALL_CALLBACK',
  'CALL_CALLBACK_PHONE',
  'CALL_KEEP_WAITING',
  'CALL_PROMPT_ANSWER',
  'CALL_ID_SCAN_ACCEPT',
  'CALL_ID_SCAN_DECLINE',
  'CALL_DISMISS',
] as const satisfies ReadonlyArray<Exclude<VideoTellerEvent['type'], 'CALL_TELLER' | 'CALL_MEDIA'>>;
const IN_MENU = '#session.customer.screens.menu';

/** The topic of a call opened for help where the customer is. */
function topicOfFlow(flow: FlowId | null): CallTopic {
  if (flow === 'cardIssuing') return 'cards';
  if (flow === 'cashDeposit') return 'cash';
  return 'general';
}

/** What a call opens with, from the event that opened it. */
function callInput(context: SessionContext, event: SessionEvent): VideoTellerInput {
  const base = {
    context: { language: context.language ?? 'es', flow: context.flow, step: null },
    timing: context.call!,
  };
  if (event.type === 'TELLER_NEEDED') return { ...base, topic: event.topic, origin: 'approval' };
  if (event.type === 'CALL_TELLER') {
    return { ...base, topic: event.topic ?? topicOfFlow(context.flow), origin: 'help' };
  }
  return { ...base, topic: 'general', origin: 'menu' };
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
    videoTeller: videoTellerMachine,
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
    callConfigured: ({ context }) => context.call !== null,
    // "Need help?" is on the menu and on every step of a flow, not under the time-out prompt.
    mayCallForHelp: ({ context }) => context.call !== null && context.promptDeadline === null,
    videoTellerChosen: ({ context, event }) =>
      context.call !== null &&
      context.promptDeadline === null &&
      event.type === 'SELECT_FLOW' &&
      event.flow === 'videoTeller' &&
      context.availableFlows.includes('videoTeller'),
    flowIdentifies: ({ context }) => context.promptDeadline === null && !context.callScanning,
    callScanning: ({ context }) => context.callScanning,
    callEngaged: ({ context }) => context.callEngaged,
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
    recordCallState: assign(({ event }) => {
      if (event.type === 'CALL_ENGAGED') return { callEngaged: event.engaged };
      if (event.type === 'CALL_SCANNING') return { callScanning: event.scanning };
      return {};
    }),
    clearCall: assign({ callEngaged: false, callScanning: false }),
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
    call: input.call ?? null,
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
                  // The video teller is no flow of its own: the call region opens it over the menu.
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
                ...forwardToFlow(IDENTIFY_EVENT_TYPES, 'flowIdentifies'),
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
              always: { guard: 'callEngaged', target: 'onCall' },
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
              // A call opened by the runtime (a flow awaiting approval) holds the customer now.
              always: { guard: 'callEngaged', target: 'onCall', actions: 'hidePrompt' },
              // The screens region decides what a time-out means where the customer is.
              after: { promptTimeout: { target: 'expired', actions: raise({ type: 'SESSION_TIMEOUT' }) } },
              on: {
                MORE_TIME: { target: 'watching', actions: 'hidePrompt' },
                RESUMED: { target: 'prompting', reenter: true },
              },
            },
            /** A call holds the customer: no prompt; the watch starts afresh when it lets go. */
            onCall: {
              always: { guard: not('callEngaged'), target: 'watching' },
            },
            /** Timed out: a flow is closing; nothing more to watch. */
            expired: {
              entry: 'hidePrompt',
            },
          },
        },
        /**
         * The video teller call, its own machine invoked as a child. It lies over the screens
         * region, which stays where it was. Ending the session stops it (the link's disposer
         * ends the call at the backend).
         */
        call: {
          initial: 'none',
          states: {
            none: {
              on: {
                CALL_TELLER: {
                  guard: and([
                    'mayCallForHelp',
                    or([stateIn(IN_MENU), stateIn(IN_DEPOSIT), stateIn(IN_CARD_ISSUING)]),
                  ]),
                  target: 'active',
                  actions: 'noteActivity',
                },
                SELECT_FLOW: {
                  guard: and(['videoTellerChosen', stateIn(IN_MENU)]),
                  target: 'active',
                  actions: 'noteActivity',
                },
                TELLER_NEEDED: { guard: 'callConfigured', target: 'active' },
              },
            },
            active: {
              invoke: {
                id: 'call',
                src: 'videoTeller',
                input: ({ context, event }) => callInput(context, event),
                onDone: { target: 'none', actions: ['clearCall', 'noteActivity'] },
                onError: { target: 'none', actions: ['clearCall', 'noteActivity'] },
              },
              on: {
                ...Object.fromEntries(
                  CALL_EVENT_TYPES.map((type) => [
                    type,
                    { actions: [sendTo('call', ({ event }) => event), 'noteActivity'] },
                  ]),
                ),
                // The video's own reports are not the customer's doing.
                CALL_MEDIA: { actions: sendTo('call', ({ event }) => event) },
                ...Object.fromEntries(
                  IDENTIFY_EVENT_TYPES.map((type) => [
                    type,
                    {
                      guard: 'callScanning',
                      actions: [sendTo('call', ({ event }) => event), 'noteActivity'],
                    },
                  ]),
                ),
                CALL_ENGAGED: { actions: 'recordCallState' },
                CALL_SCANNING: { actions: 'recordCallState' },
                RESUMED: { actions: sendTo('call', { type: 'RESUMED' }) },
              },
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
