import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, type StatePath } from 'xstate/graph';
import type { DepositStep, DepositView } from '../../contracts/index.ts';
import { type CashDepositMachine, cashDepositMachine } from './cash-deposit-machine.ts';
import type { CashDepositEvent, CashDepositInput, CashInEvent } from './cash-deposit-types.ts';
import { toDepositView } from './deposit-view.ts';
import {
  createFakeDepositActors,
  type FakeDepositActors,
  type PromiseActorName,
} from './fake-deposit-actors.ts';

/**
 * Model-based test: the machine is the model. `xstate/graph` walks it with an explicit list of
 * events — customer taps, device reports, actor outcomes, timers — and yields a shortest path to
 * every state it can reach. Each path then drives a real actor with fake actors (actor outcomes
 * are settled through the fakes, device events come through the cash-in actor's `sendBack`), and
 * at every step the test checks what the customer would see.
 */

const input: CashDepositInput = {
  currency: 'EUR',
  offlineLimit: 5_000,
  noteTypes: [
    { type: 3, value: 2_000 },
    { type: 4, value: 5_000 },
  ],
  coinTypes: [{ type: 3, value: 200 }],
  displayMs: 5_000,
};

const ACCOUNT = '12345678';

type Snapshot = SnapshotFrom<CashDepositMachine>;

/** Events of actors and timers, as XState delivers them, written out for the graph. */
const done = (actor: PromiseActorName, output: unknown) => ({ type: `xstate.done.actor.${actor}`, output });
const failed = (actor: PromiseActorName) => ({
  type: `xstate.error.actor.${actor}`,
  error: new Error('down'),
});
const displayOver = (state: 'done' | 'cancelled' | 'interrupted') => ({
  type: `xstate.after.display.cashDeposit.${state}`,
});

const DEVICE_EVENTS: CashInEvent[] = [
  { type: 'NOTE_ESCROWED', value: 2_000 },
  { type: 'NOTE_ESCROWED', value: 5_000 },
  { type: 'NOTE_STACKED', value: 2_000 },
  { type: 'NOTE_RETURNED', value: 2_000 },
  { type: 'NOTE_REJECTED', reason: 'unrecognised' },
  { type: 'COIN_CREDITED', value: 200 },
  { type: 'DEVICE_FAULT', fault: 'jam' },
];

const EVENTS = [
  { type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT },
  { type: 'DEPOSIT_CONFIRM_HOLDER' },
  { type: 'DEPOSIT_REJECT_HOLDER' },
  { type: 'DEPOSIT_ACCEPT_NOTE' },
  { type: 'DEPOSIT_RETURN_NOTE' },
  { type: 'DEPOSIT_DONE' },
  { type: 'DEPOSIT_CONFIRM' },
  { type: 'DEPOSIT_CANCEL' },
  { type: 'FLOW_ABORT' },
  { type: 'RESUMED' },
  ...DEVICE_EVENTS,
  done('lookupAccount', { status: 'found', accountRef: 'acc-ref-0001', holderNameMasked: 'A*** E*****' }),
  done('lookupAccount', { status: 'notFound' }),
  done('lookupAccount', { status: 'offline' }),
  failed('lookupAccount'),
  done('routeNote', 'stacked'),
  done('routeNote', 'returned'),
  done('routeNote', 'failed'),
  failed('routeNote'),
  done('completeDeposit', { receipt: 'printed' }),
  failed('completeDeposit'),
  displayOver('done'),
  displayOver('cancelled'),
  displayOver('interrupted'),
] as unknown as CashDepositEvent[];

/**
 * States by value, plus the few facts of context that change what the customer may do and see:
 * online or offline, whether anything was counted, how the deposit is ending, and the message on
 * screen. The rest of context (exact counts, ids, deadlines) would make the graph infinite.
 *
 * The graph keeps one snapshot per key, not necessarily the one a path reached, so a path's
 * snapshots are compared with the real actor's only through `shapeOf` (what the key decides).
 */
function serializeState(snapshot: Snapshot): string {
  const { offline, total, ending, message } = snapshot.context;
  return JSON.stringify({ value: snapshot.value, offline, counted: total > 0, ending, message });
}

/** The part of a view the serialised state decides: everything but the exact amounts. */
function shapeOf(view: DepositView) {
  const { notes: _notes, coins: _coins, total, escrowValue, ...rest } = view;
  return { ...rest, counted: total > 0, inEscrow: escrowValue !== null };
}

const paths = getShortestPaths(cashDepositMachine, { input, events: EVENTS, serializeState });

const sum = (counts: Record<string, number>) =>
  Object.entries(counts).reduce((total, [value, count]) => total + Number(value) * count, 0);

/** What the customer sees on each step, beyond matching the model. */
const SEES: Record<DepositStep, (view: DepositView) => void> = {
  account: (view) => {
    expect(view.total).toBe(0);
    expect(view.accountMasked).toBeNull();
  },
  verifying: (view) => expect(view.accountMasked).toBe('•••• 5678'),
  confirmHolder: (view) => {
    expect(view.holderNameMasked).toBe('A*** E*****');
    expect(view.offline).toBe(false);
  },
  inserting: (view) => {
    expect(view.accountMasked).toBe('•••• 5678');
    expect(view.escrowValue).toBeNull();
  },
  escrow: (view) => expect(view.escrowValue).not.toBeNull(),
  routing: (view) => expect(view.escrowValue).not.toBeNull(),
  confirming: (view) => expect(view.total).toBeGreaterThan(0),
  completing: (view) => {
    expect(view.receipt).toBe('printing');
    expect(view.total).toBeGreaterThan(0);
  },
  done: (view) => {
    expect(['printed', 'failed']).toContain(view.receipt);
    expect(view.total).toBeGreaterThan(0);
  },
  cancelled: (view) => {
    expect(view.total).toBe(0);
    expect(view.accountMasked).toBeNull();
  },
  // The fault reported, or `deviceDown` when the validator could not settle a note.
  interrupted: (view) => expect(['jam', 'deviceDown']).toContain(view.message),
};

function expectCustomerSees(view: DepositView) {
  expect(view.total).toBe(sum(view.notes) + sum(view.coins));
  expect(view.offlineLimit).toBe(view.offline ? input.offlineLimit : null);
  expect(JSON.stringify(view)).not.toContain(ACCOUNT);
  if (view.offline && view.step !== 'routing')
    expect(view.escrowValue ?? 0).toBeLessThanOrEqual(input.offlineLimit);
  SEES[view.step](view);
}

/** What the customer sees change after an event, against the view before it. */
function expectChange(event: { type: string; output?: unknown }, before: DepositView, after: DepositView) {
  const counted = after.total - before.total;
  switch (event.type) {
    case 'COIN_CREDITED':
      expect(counted).toBe(200);
      break;
    case 'NOTE_STACKED':
      expect(counted).toBe(2_000);
      break;
    case 'xstate.done.actor.routeNote':
      expect(counted).toBe(event.output === 'stacked' ? (before.escrowValue ?? 0) : 0);
      expect(after.escrowValue).toBeNull();
      if (event.output === 'returned' && before.message === null) expect(after.message).toBe('noteReturned');
      break;
    case 'NOTE_ESCROWED':
      expect(counted).toBe(0);
      expect(after.escrowValue).not.toBeNull();
      if (after.step === 'routing') expect(after.message).toBe('limitReached');
      break;
    case 'NOTE_RETURNED':
      expect(after.message).toBe('noteReturned');
      break;
    case 'NOTE_REJECTED':
      expect(after.message).toBe('noteRejected');
      break;
    case 'DEVICE_FAULT':
      expect(after.message).toBe('jam');
      break;
    case 'DEPOSIT_REJECT_HOLDER':
      expect(after.message).toBe('holderRejected');
      break;
    case 'xstate.done.actor.lookupAccount':
    case 'xstate.error.actor.lookupAccount':
      if (after.step === 'account') expect(after.message).toBe('accountNotFound');
      if (after.offline) expect(after.message).toBe('offlineDeposit');
      break;
    default:
      // Customer taps and timers never change what was counted.
      expect(counted).toBe(0);
  }
}

const CASH_IN_EVENTS = new Set(DEVICE_EVENTS.map((event) => event.type));

/** Makes one graph event happen to the real actor, the way it would happen in the kiosk. */
async function perform(
  event: { type: string; output?: unknown; error?: unknown },
  fakes: FakeDepositActors,
  actor: Actor<CashDepositMachine>,
) {
  const [, kind, , name] = event.type.split('.');
  if (event.type.startsWith('xstate.done.actor.')) {
    fakes.resolve(name as PromiseActorName, event.output as never);
  } else if (event.type.startsWith('xstate.error.actor.')) {
    fakes.reject(name as PromiseActorName, event.error);
  } else if (kind === 'after') {
    await vi.advanceTimersByTimeAsync(input.displayMs ?? 0);
  } else if (CASH_IN_EVENTS.has(event.type as CashInEvent['type'])) {
    fakes.device(event as CashInEvent);
  } else {
    actor.send(event as CashDepositEvent);
  }
  await vi.advanceTimersByTimeAsync(0);
}

function describePath(path: StatePath<Snapshot, CashDepositEvent>): string {
  const events = path.steps.map((step) => step.event.type.replace(/^xstate\.(done|error)\.actor\./, '$1:'));
  return `${serializeState(path.state)} via ${events.slice(1).join(' → ') || '(start)'}`;
}

describe('cash deposit model', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reaches every step of the deposit, online and offline', () => {
    const steps = new Set(paths.map((path) => toDepositView(path.state).step));
    expect([...steps].sort()).toEqual(
      [
        'account',
        'verifying',
        'confirmHolder',
        'inserting',
        'escrow',
        'routing',
        'confirming',
        'completing',
        'done',
        'cancelled',
        'interrupted',
      ].sort(),
    );
    const endings = new Set(
      paths.filter((p) => p.state.status === 'done').map((p) => p.state.output?.ending),
    );
    expect([...endings].sort()).toEqual(['cancelled', 'completed', 'interrupted', 'timedOut']);
    expect(paths.some((p) => p.state.context.offline && p.state.context.message === 'limitReached')).toBe(
      true,
    );
  });

  it.each(paths.map((path) => [describePath(path), path] as const))('%s', async (_name, path) => {
    const fakes = createFakeDepositActors();
    const actor = createActor(cashDepositMachine.provide({ actors: fakes.actors }), { input }).start();
    let before: DepositView | null = null;
    for (const step of path.steps) {
      // The graph's events include XState's own (init, actor done/error, timers), not in the union.
      const event = step.event as { type: string; output?: unknown; error?: unknown };
      if (event.type !== 'xstate.init') await perform(event, fakes, actor);
      const snapshot = actor.getSnapshot();
      expect(snapshot.value).toEqual(step.state.value);
      const view = toDepositView(snapshot);
      expect(shapeOf(view)).toEqual(shapeOf(toDepositView(step.state)));
      expectCustomerSees(view);
      if (before) expectChange(event, before, view);
      before = view;
      // The devices take cash exactly while the customer is inserting (or a note is being settled).
      expect(fakes.isRunning('cashIn')).toBe(snapshot.matches('accepting'));
    }
    expect(actor.getSnapshot().status).toBe(path.state.status);
    if (path.state.status === 'done') expect(actor.getSnapshot().output).toEqual(path.state.output);
    actor.stop();
  });
});
