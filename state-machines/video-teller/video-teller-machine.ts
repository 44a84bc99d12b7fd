import { assign, type EventObject, enqueueActions, fromCallback, sendTo, setup } from 'xstate';
import type { CallStatus, TellerAction, TellerNote } from '../../contracts/index.ts';
import {
  IDENTIFY_MAX_ATTEMPTS,
  identifyCustomerMachine,
} from '../identify-customer/identify-customer-machine.ts';
import type {
  CallIdScan,
  TellerLinkCommand,
  TellerLinkInput,
  VideoTellerContext,
  VideoTellerInput,
  VideoTellerMachineEvent,
  VideoTellerOutput,
  VideoTellerParentEvent,
} from './video-teller-types.ts';

/**
 * The video teller call at the kiosk:
 *
 *   consent ─ start → requesting ─ taken → queued ⇄ ringing → connecting ⇄ live
 *      │ not now        │ refused, no answer  │ waited too long          ↕ link lost
 *      ↓ (declined)     ↓                     callbackOffer           reconnecting ─ back, new leg → connecting
 *                   unavailable                 ├ keep waiting → queued      └ not back in time → ended
 *                                               └ call me back → callbackPhone → callbackSending → callbackRecorded
 *   hang up, the teller or the backend ends it, the link lost while queued → ended
 *   ended | unavailable | callbackRecorded → (dismissed, or after a while) → done (final, output)
 *
 * While connected (connecting, live, reconnecting) a second region follows the teller's request
 * to see the customer's ID document: asking → scanning (the identify-customer step, document
 * only) → sharing → shared; declined or failed answer the teller too.
 *
 * The machine is pure. It reaches the backend only through the `tellerLink` callback actor the
 * runtime provides, invoked for the machine's whole life; stopping the machine stops the link,
 * whose disposer ends a call still open. A call cannot outlive a kiosk restart: the backend
 * drops it with the kiosk's link, so a restored machine ends on `RESUMED` (`kioskLost`).
 */

/** Teller notes kept on screen, newest last. */
export const MAX_NOTES = 20;

/** Used when the kiosk's settings do not say otherwise. */
export const DEFAULT_CALL_TIMING = {
  queueTimeoutMs: 180_000,
  reconnectMs: 20_000,
  endedMs: 8_000,
  requestTimeoutMs: 10_000,
} as const;

function remaining(deadline: number | null): number {
  return deadline === null ? 0 : Math.max(0, deadline - Date.now());
}

type StatusOf<S extends CallStatus['state']> = Extract<CallStatus, { state: S }>;

/** The status an event carries when it is of state `state` and of this call. */
function statusOf<S extends CallStatus['state']>(
  context: VideoTellerContext,
  event: VideoTellerMachineEvent,
  state: S,
): StatusOf<S> | null {
  if (event.type !== 'LINK_STATUS' || event.status.state !== state) return null;
  // A status of another call (a late answer to an earlier one) is not this call's.
  if (context.callId !== null && event.status.callId !== context.callId) return null;
  return event.status as StatusOf<S>;
}

function actionOf<K extends TellerAction['kind']>(
  event: VideoTellerMachineEvent,
  kind: K,
): Extract<TellerAction, { kind: K }> | null {
  return event.type === 'LINK_ACTION' && event.action.kind === kind
    ? (event.action as Extract<TellerAction, { kind: K }>)
    : null;
}

const NO_TELLER = (): Pick<VideoTellerContext, 'tellerName' | 'leg' | 'iceServers' | 'mediaFailed'> => ({
  tellerName: null,
  leg: null,
  iceServers: [],
  mediaFailed: false,
});

// Transitions several steps share. Targets are step names, resolved among the machine's top-level
// steps from wherever these stand (each user is a top-level step).

/** A status of this call moves it to the step that shows it. */
const TO_QUEUE = {
  guard: { type: 'status', params: { state: 'queued' } },
  target: 'waiting',
  actions: 'recordQueue',
} as const;
const TO_RINGING = {
  guard: { type: 'status', params: { state: 'ringing' } },
  target: 'ringing',
  actions: 'recordRinging',
} as const;
const TO_TALKING = {
  guard: { type: 'status', params: { state: 'connected' } },
  target: 'talking',
  actions: 'recordConnected',
} as const;
const TO_ENDED = {
  guard: { type: 'status', params: { state: 'ended' } },
  target: 'ended',
  actions: 'endFromStatus',
} as const;

/** The customer hangs up: the backend is told, the call ends. */
const HANG_UP = {
  target: 'ended',
  actions: [
    { type: 'link', params: { type: 'LINK_END', reason: 'customerEnded' } },
    { type: 'endAs', params: { reason: 'customerEnded' } },
  ],
} as const;

/** The backend drops a call not yet connected when it loses the kiosk. */
const LINK_LOST = { target: 'ended', actions: { type: 'endAs', params: { reason: 'kioskLost' } } } as const;

const engaged = (value: boolean) =>
  ({ type: 'tellParent', params: { type: 'CALL_ENGAGED', engaged: value } }) as const;

/**
 * A closing screen (ended, unavailable, callback recorded): shown a while or until dismissed; a late
 * status changes nothing; after a restore it shows again for what was left of its time.
 */
function closingScreen<E extends readonly unknown[]>(
  name: 'ended' | 'unavailable' | 'callbackRecorded',
  entry: E,
) {
  return {
    entry: [...entry, 'armDisplay', engaged(false)] as const,
    after: { display: { target: 'done' } },
    on: {
      CALL_DISMISS: { target: 'done' },
      LINK_STATUS: {},
      RESUMED: { target: name, reenter: true },
    },
  } as const;
}

export const videoTellerMachine = setup({
  types: {
    context: {} as VideoTellerContext,
    events: {} as VideoTellerMachineEvent,
    input: {} as VideoTellerInput,
    output: {} as VideoTellerOutput,
  },
  actors: {
    /**
     * The call's way to the backend, over the kiosk's link. Takes TellerLinkCommand, sends back
     * TellerLinkEvent; its disposer ends a call still open with `sessionEnded`.
     */
    tellerLink: fromCallback<EventObject, TellerLinkInput>(() => {
      throw new Error(`video teller machine: actor 'tellerLink' was not provided by the runtime`);
    }),
    /** The identify-customer step, for the teller's "show your ID document"; scanners from the runtime. */
    identifyCustomer: identifyCustomerMachine,
  },
  delays: {
    requestTimeout: ({ context }) => context.timing.requestTimeoutMs,
    queueTimeout: ({ context }) => context.timing.queueTimeoutMs,
    reconnect: ({ context }) => context.timing.reconnectMs,
    display: ({ context }) => remaining(context.displayDeadline),
  },
  guards: {
    status: ({ context, event }, params: { state: CallStatus['state'] }) =>
      statusOf(context, event, params.state) !== null,
    callbackStatus: ({ context, event }) => statusOf(context, event, 'ended')?.reason === 'callback',
    teller: ({ event }, params: { kind: TellerAction['kind'] }) => actionOf(event, params.kind) !== null,
    mediaOfLeg: ({ context, event }, params: { state: 'connected' | 'failed' }) =>
      event.type === 'CALL_MEDIA' && event.leg === context.leg && event.state === params.state,
    resumeFailed: ({ event }) => event.type === 'LINK_RESUMED' && !event.ok,
    openPrompt: ({ context, event }) =>
      event.type === 'CALL_PROMPT_ANSWER' &&
      context.notes.some((n) => n.actionId === event.actionId && n.kind === 'prompt' && n.answer === null),
    sharedDocument: ({ event }) =>
      'output' in event && (event.output as { result: string }).result === 'document',
    idScanGaveUp: ({ context }) => context.idScanGaveUp,
  },
  actions: {
    link: sendTo('link', (_, command: TellerLinkCommand) => command),
    request: sendTo('link', ({ context }) => ({
      type: 'LINK_REQUEST' as const,
      topic: context.topic,
      context: context.customer,
    })),
    // The session is the parent; a call run alone (a test) has no one to tell.
    tellParent: enqueueActions(({ enqueue, self }, params: VideoTellerParentEvent) => {
      if (self._parent) enqueue.sendParent(params);
    }),
    recordCallId: assign(({ event }) => (event.type === 'LINK_REQUESTED' ? { callId: event.callId } : {})),
    recordQueue: assign(({ context, event }) => {
      const status = statusOf(context, event, 'queued');
      return status
        ? { callId: status.callId, position: status.position, etaSeconds: status.etaSeconds, ...NO_TELLER() }
        : {};
    }),
    recordRinging: assign(({ context, event }) => {
      const status = statusOf(context, event, 'ringing');
      return status ? { callId: status.callId } : {};
    }),
    recordConnected: assign(({ context, event }) => {
      const status = statusOf(context, event, 'connected');
      return status
        ? {
            callId: status.callId,
            position: null,
            etaSeconds: null,
            leg: status.leg,
            tellerName: status.tellerName,
            iceServers: status.iceServers,
            mediaFailed: false,
          }
        : {};
    }),
    endAs: assign((_, params: { reason: VideoTellerContext['endedReason'] }) => ({
      endedReason: params.reason,
    })),
    endFromStatus: assign(({ context, event }) => {
      const status = statusOf(context, event, 'ended');
      return status ? { endedReason: status.reason } : {};
    }),
    settle: assign((_, params: { outcome: NonNullable<VideoTellerContext['outcome']> }) => ({
      outcome: params.outcome,
    })),
    armDisplay: assign(({ context, event }) =>
      // After a restore the screen ends when it would have, not a whole period later.
      event.type === 'RESUMED' && context.displayDeadline !== null
        ? {}
        : { displayDeadline: Date.now() + context.timing.endedMs },
    ),
    mediaFailed: assign({ mediaFailed: true }),
    mediaUp: assign({ mediaFailed: false }),
    addNote: assign(({ context, event }) => {
      const action = actionOf(event, 'message') ?? actionOf(event, 'prompt');
      if (!action) return {};
      const note: TellerNote = {
        actionId: action.actionId,
        kind: action.kind,
        text: action.text,
        answer: null,
      };
      return { notes: [...context.notes, note].slice(-MAX_NOTES) };
    }),
    answerPrompt: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'CALL_PROMPT_ANSWER') return;
      enqueue.assign({
        notes: context.notes.map((n) => (n.actionId === event.actionId ? { ...n, answer: event.answer } : n)),
      });
      enqueue.sendTo('link', {
        type: 'LINK_PROMPT_ANSWER',
        actionId: event.actionId,
        answer: event.answer,
      } satisfies TellerLinkCommand);
    }),
    toggleMute: assign(({ context }) => ({ muted: !context.muted })),
    approval: assign(({ event }) =>
      event.type === 'LINK_APPROVAL' ? { approvalPending: event.pending } : {},
    ),
    askIdScan: assign(({ event }) => {
      const action = actionOf(event, 'askIdScan');
      return action
        ? { idScan: { actionId: action.actionId, step: 'asking' as const }, idScanGaveUp: false }
        : {};
    }),
    idScanStep: assign(({ context }, params: { step: CallIdScan['step'] }) => ({
      idScan: context.idScan ? { ...context.idScan, step: params.step } : null,
    })),
    /** Tells the teller what became of the request; a shared document goes by its capture id. */
    answerIdScan: enqueueActions(
      ({ context, event, enqueue }, params: { outcome: 'shared' | 'declined' | 'failed' }) => {
        if (!context.idScan) return;
        const output = 'output' in event ? (event.output as { result: string; captureId?: string }) : null;
        enqueue.sendTo('link', {
          type: 'LINK_DOCUMENT',
          actionId: context.idScan.actionId,
          outcome: params.outcome,
          captureId: params.outcome === 'shared' ? (output?.captureId ?? null) : null,
        } satisfies TellerLinkCommand);
      },
    ),
    forwardToIdentify: sendTo('identify', ({ event }) => event),
    // The step's answers end it with "back" both when the customer went back and when it gave up:
    // the state it was in before tells them apart.
    noteIdentifyGaveUp: assign(({ self }) => {
      const identify = self.getSnapshot().children.identify;
      const snapshot = identify?.getSnapshot() as { value?: unknown } | undefined;
      return { idScanGaveUp: snapshot?.value === 'failed' };
    }),
  },
}).createMachine({
  id: 'videoTeller',
  initial: 'consent',
  context: ({ input }) => ({
    topic: input.topic,
    origin: input.origin,
    customer: input.context,
    timing: input.timing,
    callId: null,
    position: null,
    etaSeconds: null,
    ...NO_TELLER(),
    muted: false,
    notes: [],
    idScan: null,
    idScanGaveUp: false,
    approvalPending: false,
    endedReason: null,
    outcome: null,
    displayDeadline: null,
  }),
  output: ({ context }) => ({ outcome: context.outcome ?? 'ended' }),
  invoke: {
    id: 'link',
    src: 'tellerLink',
    input: ({ context }) => ({ topic: context.topic, origin: context.origin, context: context.customer }),
  },
  on: {
    CALL_TOGGLE_MUTE: { actions: 'toggleMute' },
    LINK_APPROVAL: { actions: 'approval' },
    // The backend ended the call (teller, backend, teller lost): whatever the step.
    LINK_STATUS: { ...TO_ENDED, target: '.ended' },
    // Restored after a kiosk restart: the backend dropped the call with the kiosk's link.
    RESUMED: { target: '.ended', actions: { type: 'endAs', params: { reason: 'kioskLost' } } },
  },
  states: {
    /** "The teller will see and hear you." Nothing has reached the backend yet. */
    consent: {
      on: {
        CALL_CONSENT: { target: 'requesting' },
        CALL_DECLINE: { target: 'done', actions: { type: 'settle', params: { outcome: 'declined' } } },
        CALL_END: { target: 'done', actions: { type: 'settle', params: { outcome: 'declined' } } },
        // Nothing was open: the question simply stays.
        RESUMED: {},
      },
    },
    requesting: {
      entry: ['request', engaged(true)],
      after: {
        requestTimeout: {
          target: 'unavailable',
          // An answer that comes late would open a call nobody waits for: the link ends it.
          actions: { type: 'link', params: { type: 'LINK_END', reason: 'customerEnded' } },
        },
      },
      on: {
        LINK_REQUESTED: { target: 'waiting', actions: 'recordCallId' },
        LINK_REFUSED: { target: 'unavailable' },
        // The status may overtake the request's answer.
        LINK_STATUS: [TO_QUEUE, TO_RINGING, TO_TALKING, TO_ENDED],
        LINK_OFFLINE: { target: 'unavailable' },
        CALL_END: HANG_UP,
      },
    },
    /** In the queue; after a while without a teller, a callback is offered (still queued). */
    waiting: {
      initial: 'queued',
      on: {
        LINK_STATUS: [
          { guard: { type: 'status', params: { state: 'queued' } }, actions: 'recordQueue' },
          TO_RINGING,
          TO_TALKING,
          TO_ENDED,
        ],
        // The backend drops a queued call of a kiosk it lost.
        LINK_OFFLINE: LINK_LOST,
        CALL_END: HANG_UP,
      },
      states: {
        queued: {
          entry: engaged(true),
          after: { queueTimeout: { target: 'callbackOffer' } },
        },
        // The customer must answer here: the session's inactivity watch runs again.
        callbackOffer: {
          entry: engaged(false),
          on: {
            CALL_CALLBACK: { target: 'callbackPhone' },
            CALL_KEEP_WAITING: { target: 'queued' },
          },
        },
        callbackPhone: {
          on: {
            // The number goes to the link only: the context is persisted and holds no phone.
            CALL_CALLBACK_PHONE: {
              target: '#videoTeller.callbackSending',
              actions: sendTo('link', ({ event }) => ({
                type: 'LINK_CALLBACK' as const,
                phone: event.type === 'CALL_CALLBACK_PHONE' ? event.phone : '',
              })),
            },
          },
        },
      },
    },
    callbackSending: {
      entry: engaged(true),
      on: {
        LINK_CALLBACK_RECORDED: { target: 'callbackRecorded' },
        // The backend ends the queued call for the callback: that is the request recorded.
        LINK_STATUS: [{ guard: 'callbackStatus', target: 'callbackRecorded' }, TO_ENDED],
        // Still queued: the customer may try again, keep waiting or leave.
        LINK_CALLBACK_FAILED: { target: 'waiting.callbackOffer' },
        LINK_OFFLINE: LINK_LOST,
      },
    },
    callbackRecorded: closingScreen('callbackRecorded', [
      { type: 'settle', params: { outcome: 'callback' } },
      { type: 'endAs', params: { reason: 'callback' } },
    ]),
    ringing: {
      entry: engaged(true),
      on: {
        // Not answered: back in the queue, its wait counted afresh.
        LINK_STATUS: [TO_QUEUE, TO_TALKING, TO_ENDED],
        LINK_OFFLINE: LINK_LOST,
        CALL_END: HANG_UP,
      },
    },
    /** A teller took the call: the media region follows the video, `idScan` the ID request. */
    talking: {
      type: 'parallel',
      entry: [assign({ idScan: null, idScanGaveUp: false }), engaged(true)],
      on: {
        LINK_ACTION: [
          { guard: { type: 'teller', params: { kind: 'message' } }, actions: 'addNote' },
          { guard: { type: 'teller', params: { kind: 'prompt' } }, actions: 'addNote' },
        ],
        CALL_PROMPT_ANSWER: { guard: 'openPrompt', actions: 'answerPrompt' },
        LINK_STATUS: [
          // The teller's console was lost for good: the call waits at the head of the queue.
          TO_QUEUE,
          TO_ENDED,
        ],
        CALL_END: HANG_UP,
      },
      states: {
        media: {
          initial: 'connecting',
          on: {
            // A new leg (transfer, reconnect): the UI sets up a new peer connection. Handled on
            // this region so the ID scan region runs on undisturbed.
            LINK_STATUS: {
              guard: { type: 'status', params: { state: 'connected' } },
              target: '.connecting',
              actions: 'recordConnected',
            },
          },
          states: {
            connecting: {
              on: {
                CALL_MEDIA: [
                  {
                    guard: { type: 'mediaOfLeg', params: { state: 'connected' } },
                    target: 'live',
                    actions: 'mediaUp',
                  },
                  { guard: { type: 'mediaOfLeg', params: { state: 'failed' } }, actions: 'mediaFailed' },
                ],
                LINK_OFFLINE: { target: 'reconnecting' },
              },
            },
            live: {
              on: {
                CALL_MEDIA: {
                  guard: { type: 'mediaOfLeg', params: { state: 'failed' } },
                  target: 'connecting',
                  actions: 'mediaFailed',
                },
                LINK_OFFLINE: { target: 'reconnecting' },
              },
            },
            /** The backend keeps the call a while; back in time, it sends a new leg. */
            reconnecting: {
              after: {
                reconnect: {
                  target: '#videoTeller.ended',
                  actions: { type: 'endAs', params: { reason: 'kioskLost' } },
                },
              },
              on: {
                LINK_RESUMED: {
                  guard: 'resumeFailed',
                  target: '#videoTeller.ended',
                  actions: { type: 'endAs', params: { reason: 'kioskLost' } },
                },
              },
            },
          },
        },
        idScan: {
          initial: 'none',
          states: {
            none: {
              on: {
                LINK_ACTION: {
                  guard: { type: 'teller', params: { kind: 'askIdScan' } },
                  target: 'asking',
                  actions: 'askIdScan',
                },
              },
            },
            asking: {
              on: {
                CALL_ID_SCAN_ACCEPT: { target: 'scanning' },
                CALL_ID_SCAN_DECLINE: {
                  target: 'settled',
                  actions: [
                    { type: 'answerIdScan', params: { outcome: 'declined' } },
                    { type: 'idScanStep', params: { step: 'declined' } },
                  ],
                },
                // Asked again before answering: the newest request is the one answered.
                LINK_ACTION: {
                  guard: { type: 'teller', params: { kind: 'askIdScan' } },
                  actions: 'askIdScan',
                },
              },
            },
            scanning: {
              entry: [
                { type: 'idScanStep', params: { step: 'scanning' } },
                { type: 'tellParent', params: { type: 'CALL_SCANNING', scanning: true } },
              ],
              exit: { type: 'tellParent', params: { type: 'CALL_SCANNING', scanning: false } },
              invoke: {
                id: 'identify',
                src: 'identifyCustomer',
                input: () => ({
                  method: 'idScan' as const,
                  maxAttempts: IDENTIFY_MAX_ATTEMPTS,
                  acceptKinds: [],
                }),
                onDone: [
                  {
                    guard: 'sharedDocument',
                    target: 'sharing',
                    actions: { type: 'answerIdScan', params: { outcome: 'shared' } },
                  },
                  {
                    guard: 'idScanGaveUp',
                    target: 'settled',
                    actions: [
                      { type: 'answerIdScan', params: { outcome: 'failed' } },
                      { type: 'idScanStep', params: { step: 'failed' } },
                    ],
                  },
                  {
                    target: 'settled',
                    actions: [
                      { type: 'answerIdScan', params: { outcome: 'declined' } },
                      { type: 'idScanStep', params: { step: 'declined' } },
                    ],
                  },
                ],
                onError: {
                  target: 'settled',
                  actions: [
                    { type: 'answerIdScan', params: { outcome: 'failed' } },
                    { type: 'idScanStep', params: { step: 'failed' } },
                  ],
                },
              },
              on: {
                IDENTIFY_CONFIRM: { actions: 'forwardToIdentify' },
                IDENTIFY_RESCAN: { actions: 'forwardToIdentify' },
                IDENTIFY_BACK: { actions: ['noteIdentifyGaveUp', 'forwardToIdentify'] },
              },
            },
            sharing: {
              entry: { type: 'idScanStep', params: { step: 'sharing' } },
              on: {
                LINK_DOCUMENT_SENT: {
                  target: 'settled',
                  actions: { type: 'idScanStep', params: { step: 'shared' } },
                },
                LINK_DOCUMENT_FAILED: {
                  target: 'settled',
                  actions: { type: 'idScanStep', params: { step: 'failed' } },
                },
              },
            },
            /** Answered; the teller may ask again. */
            settled: {
              on: {
                LINK_ACTION: {
                  guard: { type: 'teller', params: { kind: 'askIdScan' } },
                  target: 'asking',
                  actions: 'askIdScan',
                },
              },
            },
          },
        },
      },
    },
    ended: closingScreen('ended', [{ type: 'settle', params: { outcome: 'ended' } }]),
    unavailable: closingScreen('unavailable', [
      { type: 'settle', params: { outcome: 'unavailable' } },
      { type: 'endAs', params: { reason: 'unavailable' } },
    ]),
    done: { type: 'final' },
  },
});

export type VideoTellerMachine = typeof videoTellerMachine;
