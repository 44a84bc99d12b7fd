import { assign, type EventObject, fromCallback, fromPromise, setup } from 'xstate';
import type { Denomination } from '../../contracts/index.ts';
import type {
  CashDepositContext,
  CashDepositEvent,
  CashDepositInput,
  CashDepositOutput,
  CashInInput,
  CompleteDepositInput,
  CompleteDepositOutput,
  DepositEnding,
  LookupAccountInput,
  LookupAccountOutput,
  RouteNoteInput,
  RouteNoteOutput,
} from './cash-deposit-types.ts';

/**
 * The cash deposit flow:
 *
 *   account → verifying → confirmHolder ─→ accepting (inserting ⇄ escrow → routing) → confirming
 *      ↑          │ offline ─────────────↗        │ cancel / abort / fault                │
 *      └ notFound ┘                               └──────────────→ closing ←──────────────┘
 *                                                      ├ something counted → completing → done | interrupted
 *                                                      └ nothing counted → cancelled | interrupted
 *   done | cancelled | interrupted → (short display) → closed (final, output)
 *
 * Single-note escrow: a note is either held (and can be given back) or already stacked (and
 * cannot). So a cancel first gives back the note in escrow, and whatever was counted before it is
 * credited, never lost: the deposit is recorded with ending `cancelled`.
 *
 * The machine is pure. Devices, the backend and the journal reach it as actors the runtime
 * provides with `machine.provide({ actors })`.
 *
 * Restoring a persisted snapshot (after a crash) re-runs the promise actor of the state it was in:
 * - verifying: `lookupAccount` only reads; re-running it is harmless.
 * - accepting: `cashIn` starts again and re-enables the devices; counts are in context, kept.
 * - routing: `routeNote` re-runs with the same `{ depositId, escrowSeq }`; the runtime makes it
 *   idempotent (it journals intent and outcome under that key and asks the device, never routing
 *   a note twice).
 * - completing: `completeDeposit` re-runs with the same `depositId`; the runtime records the
 *   deposit and prints its receipt at most once.
 * XState does not restore `after` timers: the display deadline is kept in context, and `RESUMED`
 * re-enters the display states to re-arm it.
 */

/**
 * Version of the machine's states and context. Bump it when a persisted snapshot of the previous
 * version could no longer be restored as it is; the runtime closes such snapshots out safely.
 */
export const CASH_DEPOSIT_MACHINE_VERSION = 1;

/** How long done / cancelled / interrupted stay on screen unless the input says otherwise. */
export const FINAL_DISPLAY_MS = 8_000;

const ACCOUNT_NUMBER = /^\d{6,20}$/;

function remaining(deadline: number | null): number {
  return deadline === null ? 0 : Math.max(0, deadline - Date.now());
}

function addOne(counts: Record<string, number>, value: number): Record<string, number> {
  const key = String(value);
  return { ...counts, [key]: (counts[key] ?? 0) + 1 };
}

/** Offline, a note or coin larger than the whole limit could never be kept: the devices refuse it. */
function fitsLimit(types: Denomination[], context: CashDepositContext): Denomination[] {
  return context.offline ? types.filter((type) => type.value <= context.offlineLimit) : types;
}

/** Declared, not implemented: the runtime provides the real actor. */
function notProvided<Output, Input>(name: string) {
  return fromPromise<Output, Input>(async () => {
    throw new Error(`cash deposit machine: actor '${name}' was not provided by the runtime`);
  });
}

const FORGOTTEN_ACCOUNT = {
  accountNumber: null,
  accountLast4: null,
  accountRef: null,
  holderNameMasked: null,
} as const;

export const cashDepositMachine = setup({
  types: {
    context: {} as CashDepositContext,
    events: {} as CashDepositEvent,
    input: {} as CashDepositInput,
    output: {} as CashDepositOutput,
  },
  actors: {
    /** Asks the backend whose account it is; `offline` when the backend cannot be asked. */
    lookupAccount: notProvided<LookupAccountOutput, LookupAccountInput>('lookupAccount'),
    /**
     * Enables the bill validator and coin acceptor for the given types and reports what they do
     * as CashInEvents; its cleanup disables both. While a note is being routed, the route's
     * outcome comes from `routeNote` only: NOTE_STACKED / NOTE_RETURNED are ignored then.
     */
    cashIn: fromCallback<EventObject, CashInInput>(() => {
      throw new Error(`cash deposit machine: actor 'cashIn' was not provided by the runtime`);
    }),
    /** Stacks or returns the note in escrow; the runtime journals intent and outcome and moves the ledger. */
    routeNote: notProvided<RouteNoteOutput, RouteNoteInput>('routeNote'),
    /**
     * Journals the `cash.deposit` record (durability moneyOrCard), syncs it and prints the deposit
     * receipt. For ending `timedOut` the customer has gone: whether to print is the runtime's call.
     */
    completeDeposit: notProvided<CompleteDepositOutput, CompleteDepositInput>('completeDeposit'),
  },
  delays: {
    // What is left of the deadline, so a display re-entered after a restore ends when it would have.
    display: ({ context }) => remaining(context.displayDeadline),
  },
  guards: {
    validAccountNumber: ({ event }) =>
      event.type === 'DEPOSIT_ACCOUNT' && ACCOUNT_NUMBER.test(event.accountNumber),
    noteOverOfflineLimit: ({ context, event }) =>
      context.offline && event.type === 'NOTE_ESCROWED' && context.total + event.value > context.offlineLimit,
    offlineLimitReached: ({ context }) => context.offline && context.total >= context.offlineLimit,
    somethingCounted: ({ context }) => context.total > 0,
    endingRequested: ({ context }) => context.ending !== null,
    endedByFault: ({ context }) => context.ending === 'interrupted',
    customerGone: ({ context }) => context.customerGone,
  },
  actions: {
    recordAccountNumber: assign(({ event }) =>
      event.type === 'DEPOSIT_ACCOUNT'
        ? {
            ...FORGOTTEN_ACCOUNT,
            accountNumber: event.accountNumber,
            accountLast4: event.accountNumber.slice(-4),
            offline: false,
            message: null,
          }
        : {},
    ),
    forgetAccount: assign({ ...FORGOTTEN_ACCOUNT }),
    holdNote: assign(({ context, event }) =>
      event.type === 'NOTE_ESCROWED'
        ? { escrowValue: event.value, escrowSeq: context.escrowSeq + 1, routeDecision: null, message: null }
        : {},
    ),
    returnOverLimit: assign({ routeDecision: 'return', message: 'limitReached' }),
    decideStack: assign({ routeDecision: 'stack' }),
    decideReturn: assign({ routeDecision: 'return' }),
    /** A note the device stacked on its own (not through routeNote): it is in the kiosk, so it counts. */
    countStackedNote: assign(({ context, event }) =>
      event.type === 'NOTE_STACKED'
        ? { notes: addOne(context.notes, event.value), total: context.total + event.value, escrowValue: null }
        : {},
    ),
    countRoutedNote: assign(({ context }) => {
      const value = context.escrowValue ?? 0;
      return { notes: addOne(context.notes, value), total: context.total + value, escrowValue: null };
    }),
    countCoin: assign(({ context, event }) =>
      event.type === 'COIN_CREDITED'
        ? { coins: addOne(context.coins, event.value), total: context.total + event.value }
        : {},
    ),
    reportNoteRejected: assign({ message: 'noteRejected' }),
    reportNoteReturned: assign({ escrowValue: null, message: 'noteReturned' }),
    reportLimitReached: assign({ message: 'limitReached' }),
    clearMessage: assign({ message: null }),
    /** The routed note came back: say so, unless a limit or a fault already explains why. */
    noteGivenBack: assign(({ context }) => ({
      escrowValue: null,
      message:
        context.message === 'limitReached' || context.ending === 'interrupted'
          ? context.message
          : 'noteReturned',
    })),
    /** Where the note went is in doubt: it is not counted; the runtime's journal has the intent. */
    routeFailed: assign(({ context }) => ({
      escrowValue: null,
      ending: 'interrupted' as const,
      message: context.ending === 'interrupted' ? context.message : 'deviceDown',
    })),
    /** The first reason to end stands; a fault overrides it, as it is what really ended the deposit. */
    requestEnding: assign(({ context }, params: { ending: DepositEnding }) => ({
      ending: context.ending === null || params.ending === 'interrupted' ? params.ending : context.ending,
    })),
    recordFault: assign(({ event }) =>
      event.type === 'DEVICE_FAULT' ? { ending: 'interrupted' as const, message: event.fault } : {},
    ),
    abandon: assign(({ context }) => ({
      customerGone: true,
      ending: context.ending ?? ('timedOut' as const),
    })),
    markCustomerGone: assign({ customerGone: true }),
    armDisplay: assign(({ context, event }) =>
      event.type === 'RESUMED' ? {} : { displayDeadline: Date.now() + context.displayMs },
    ),
  },
}).createMachine({
  id: 'cashDeposit',
  initial: 'account',
  context: ({ input }) => ({
    depositId: globalThis.crypto.randomUUID(),
    currency: input.currency,
    offlineLimit: input.offlineLimit,
    noteTypes: input.noteTypes,
    coinTypes: input.coinTypes,
    displayMs: input.displayMs ?? FINAL_DISPLAY_MS,
    ...FORGOTTEN_ACCOUNT,
    offline: false,
    notes: {},
    coins: {},
    total: 0,
    escrowValue: null,
    escrowSeq: 0,
    routeDecision: null,
    message: null,
    ending: null,
    customerGone: false,
    receipt: null,
    displayDeadline: null,
  }),
  output: ({ context }) => ({
    ending: context.ending ?? 'cancelled',
    receipt: context.receipt,
    total: context.total,
  }),
  states: {
    account: {
      on: {
        DEPOSIT_ACCOUNT: { guard: 'validAccountNumber', target: 'verifying', actions: 'recordAccountNumber' },
        DEPOSIT_CANCEL: {
          target: 'closing',
          actions: { type: 'requestEnding', params: { ending: 'cancelled' } },
        },
        FLOW_ABORT: { target: 'closing', actions: 'abandon' },
      },
    },
    verifying: {
      invoke: {
        id: 'lookupAccount',
        src: 'lookupAccount',
        input: ({ context }) => ({ accountNumber: context.accountNumber ?? '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.status === 'found',
            target: 'confirmHolder',
            // Online the record carries the backend's reference: the typed number is dropped now.
            actions: assign(({ event }) =>
              event.output.status === 'found'
                ? {
                    accountRef: event.output.accountRef,
                    holderNameMasked: event.output.holderNameMasked,
                    accountNumber: null,
                  }
                : {},
            ),
          },
          {
            guard: ({ event }) => event.output.status === 'notFound',
            target: 'account',
            actions: ['forgetAccount', assign({ message: 'accountNotFound' })],
          },
          { target: 'accepting', actions: assign({ offline: true, message: 'offlineDeposit' }) },
        ],
        // The runtime answers `offline` for a lost link; anything else that stops the lookup is
        // treated the same way: the deposit is captured offline, under the limit, and the backend
        // matches the number when the record syncs.
        onError: { target: 'accepting', actions: assign({ offline: true, message: 'offlineDeposit' }) },
      },
      on: {
        DEPOSIT_CANCEL: {
          target: 'closing',
          actions: { type: 'requestEnding', params: { ending: 'cancelled' } },
        },
        FLOW_ABORT: { target: 'closing', actions: 'abandon' },
      },
    },
    confirmHolder: {
      on: {
        DEPOSIT_CONFIRM_HOLDER: { target: 'accepting', actions: 'clearMessage' },
        DEPOSIT_REJECT_HOLDER: {
          target: 'account',
          actions: ['forgetAccount', assign({ message: 'holderRejected' })],
        },
        DEPOSIT_CANCEL: {
          target: 'closing',
          actions: { type: 'requestEnding', params: { ending: 'cancelled' } },
        },
        FLOW_ABORT: { target: 'closing', actions: 'abandon' },
      },
    },
    /** The devices take cash while the flow is in here; leaving it disables them. */
    accepting: {
      initial: 'inserting',
      invoke: {
        id: 'cashIn',
        src: 'cashIn',
        input: ({ context }) => ({
          noteTypes: fitsLimit(context.noteTypes, context),
          coinTypes: fitsLimit(context.coinTypes, context),
        }),
      },
      on: {
        // A credited coin is in the kiosk whatever step shows: it always counts.
        COIN_CREDITED: { actions: 'countCoin' },
      },
      states: {
        inserting: {
          // Offline, a full deposit stops taking cash. A coin cannot be refused once credited, so
          // the total can pass the limit by less than one coin.
          always: {
            guard: 'offlineLimitReached',
            target: '#cashDeposit.confirming',
            actions: 'reportLimitReached',
          },
          on: {
            NOTE_ESCROWED: [
              { guard: 'noteOverOfflineLimit', target: 'routing', actions: ['holdNote', 'returnOverLimit'] },
              { target: 'escrow', actions: 'holdNote' },
            ],
            NOTE_STACKED: { actions: 'countStackedNote' },
            NOTE_RETURNED: { actions: 'reportNoteReturned' },
            NOTE_REJECTED: { actions: 'reportNoteRejected' },
            DEPOSIT_DONE: {
              guard: 'somethingCounted',
              target: '#cashDeposit.confirming',
              actions: 'clearMessage',
            },
            DEPOSIT_CANCEL: {
              target: '#cashDeposit.closing',
              actions: { type: 'requestEnding', params: { ending: 'cancelled' } },
            },
            FLOW_ABORT: { target: '#cashDeposit.closing', actions: 'abandon' },
            DEVICE_FAULT: { target: '#cashDeposit.closing', actions: 'recordFault' },
          },
        },
        /** A note is held: the customer adds it or has it back. */
        escrow: {
          on: {
            DEPOSIT_ACCEPT_NOTE: { target: 'routing', actions: 'decideStack' },
            DEPOSIT_RETURN_NOTE: { target: 'routing', actions: 'decideReturn' },
            // The device settled the note itself (its escrow timer ran out).
            NOTE_STACKED: { target: 'inserting', actions: 'countStackedNote' },
            NOTE_RETURNED: { target: 'inserting', actions: 'reportNoteReturned' },
            DEPOSIT_CANCEL: {
              target: 'routing',
              actions: ['decideReturn', { type: 'requestEnding', params: { ending: 'cancelled' } }],
            },
            FLOW_ABORT: { target: 'routing', actions: ['decideReturn', 'abandon'] },
            DEVICE_FAULT: { target: 'routing', actions: ['decideReturn', 'recordFault'] },
          },
        },
        /** The note in escrow is being stacked or returned; nothing else happens until it is settled. */
        routing: {
          invoke: {
            id: 'routeNote',
            src: 'routeNote',
            input: ({ context }) => ({
              depositId: context.depositId,
              escrowSeq: context.escrowSeq,
              decision: context.routeDecision ?? 'return',
              value: context.escrowValue ?? 0,
            }),
            onDone: [
              // Counted whatever was asked: a stacked note is in the kiosk.
              {
                guard: ({ event }) => event.output === 'stacked',
                target: 'settled',
                actions: 'countRoutedNote',
              },
              {
                guard: ({ event }) => event.output === 'returned',
                target: 'settled',
                actions: 'noteGivenBack',
              },
              { target: '#cashDeposit.closing', actions: 'routeFailed' },
            ],
            onError: { target: '#cashDeposit.closing', actions: 'routeFailed' },
          },
          on: {
            // Remembered, acted on once the note is settled.
            FLOW_ABORT: { actions: 'abandon' },
            DEVICE_FAULT: { actions: 'recordFault' },
          },
        },
        settled: {
          always: [{ guard: 'endingRequested', target: '#cashDeposit.closing' }, { target: 'inserting' }],
        },
      },
    },
    /** Summary; the devices are off. */
    confirming: {
      on: {
        DEPOSIT_CONFIRM: {
          target: 'completing',
          actions: { type: 'requestEnding', params: { ending: 'completed' } },
        },
        DEPOSIT_CANCEL: {
          target: 'closing',
          actions: { type: 'requestEnding', params: { ending: 'cancelled' } },
        },
        FLOW_ABORT: { target: 'closing', actions: 'abandon' },
      },
    },
    /** Something ended the deposit early: what was counted is recorded and credited. */
    closing: {
      always: [
        { guard: 'somethingCounted', target: 'completing' },
        { guard: 'endedByFault', target: 'interrupted', actions: 'forgetAccount' },
        { target: 'cancelled', actions: 'forgetAccount' },
      ],
    },
    completing: {
      invoke: {
        id: 'completeDeposit',
        src: 'completeDeposit',
        input: ({ context }) => ({
          depositId: context.depositId,
          currency: context.currency,
          accountRef: context.accountRef,
          accountNumber: context.offline ? context.accountNumber : null,
          notes: context.notes,
          coins: context.coins,
          total: context.total,
          capturedOffline: context.offline,
          ending: context.ending ?? 'completed',
        }),
        onDone: [
          {
            guard: 'endedByFault',
            target: 'interrupted',
            actions: assign(({ event }) => ({ receipt: event.output.receipt, accountNumber: null })),
          },
          {
            target: 'done',
            actions: assign(({ event }) => ({ receipt: event.output.receipt, accountNumber: null })),
          },
        ],
        onError: [
          {
            guard: 'endedByFault',
            target: 'interrupted',
            actions: assign({ receipt: 'failed', accountNumber: null }),
          },
          { target: 'done', actions: assign({ receipt: 'failed', accountNumber: null }) },
        ],
      },
      on: { FLOW_ABORT: { actions: 'markCustomerGone' } },
    },
    done: {
      entry: 'armDisplay',
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: { RESUMED: { target: 'done', reenter: true }, FLOW_ABORT: { target: 'closed' } },
    },
    /** Nothing was counted; the customer has everything back. */
    cancelled: {
      entry: 'armDisplay',
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: { RESUMED: { target: 'cancelled', reenter: true }, FLOW_ABORT: { target: 'closed' } },
    },
    interrupted: {
      entry: 'armDisplay',
      always: { guard: 'customerGone', target: 'closed' },
      after: { display: { target: 'closed' } },
      on: { RESUMED: { target: 'interrupted', reenter: true }, FLOW_ABORT: { target: 'closed' } },
    },
    closed: { type: 'final' },
  },
});

export type CashDepositMachine = typeof cashDepositMachine;
