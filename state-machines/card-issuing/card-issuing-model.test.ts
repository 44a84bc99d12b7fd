import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths, type StatePath } from 'xstate/graph';
import { type CardIssuingStep, CardIssuingView } from '../../contracts/index.ts';
import { MESSAGES_OF_STEP, STEP_OF_STATE, serializeCardIssuingState } from './card-issuing-expectations.ts';
import { type CardIssuingMachine, cardIssuingMachine } from './card-issuing-machine.ts';
import type { CardIssuingInput, CardIssuingMachineEvent, ProduceCardEvent } from './card-issuing-types.ts';
import { toCardIssuingView } from './card-issuing-view.ts';
import {
  type CardPromiseActorName,
  createFakeCardIssuingActors,
  type FakeCardIssuingActors,
} from './fake-card-issuing-actors.ts';

/**
 * Model-based test: the machine is the model. `xstate/graph` walks it with an explicit list of
 * events — customer taps, printer reports, actor outcomes, timers — and yields paths to the states
 * it can reach. Each path then drives a real actor with fake actors (actor outcomes are settled
 * through the fakes, printer events come through the producer's `sendBack`), and at every step the
 * test checks what the customer would see against what that state should show.
 */

// The identify step (QR, ID document) is a child machine with its own model; here the customer
// types the order code, and identify-customer.test.ts covers the way through a scanner.
const input: CardIssuingInput = {
  methods: { orderCode: true, qr: false, idScan: false },
  maxAttempts: 2,
  takeTimeoutMs: 30_000,
  maxCodeAttempts: 2,
  displayMs: 5_000,
};

const CODE = 'AB23CD45';
const HOLDER = 'A*** E*****';

type Snapshot = SnapshotFrom<CardIssuingMachine>;
type GraphEvent = { type: string; output?: unknown; error?: unknown; [key: string]: unknown };

/** Events of actors and timers, as XState delivers them, written out for the graph. */
const done = (actor: CardPromiseActorName, output: unknown) => ({
  type: `xstate.done.actor.${actor}`,
  output,
});
const failed = (actor: CardPromiseActorName) => ({
  type: `xstate.error.actor.${actor}`,
  error: new Error('down'),
});
const displayOver = (state: 'done' | 'failed' | 'cancelled' | 'mailRequested') => ({
  type: `xstate.after.display.cardIssuing.${state}`,
});

const found = (orderStatus: string, tellerApproval = false) => ({
  status: 'found',
  orderRef: 'order-ref-0001',
  holderNameMasked: HOLDER,
  product: 'debit',
  orderStatus,
  tellerApproval,
});

const PRODUCER_EVENTS: ProduceCardEvent[] = [
  { type: 'CARD_PHASE', phase: 'encoding' },
  { type: 'CARD_PRODUCED', result: { outcome: 'presented' } },
  { type: 'CARD_PRODUCED', result: { outcome: 'spoiled', reason: 'encodingFailed', retryable: true } },
  { type: 'CARD_PRODUCED', result: { outcome: 'spoiled', reason: 'jam', retryable: false } },
  { type: 'CARD_PRODUCED', result: { outcome: 'notPicked' } },
  { type: 'CARD_PRODUCED', result: { outcome: 'inDoubt' } },
  { type: 'CARD_PRODUCED', result: { outcome: 'cardDataMissing' } },
];

const CUSTOMER_EVENTS = [
  { type: 'CARD_CHOOSE_METHOD', method: 'orderCode' },
  // Offered by the kiosk but without a state yet: refused.
  { type: 'CARD_CHOOSE_METHOD', method: 'idScan' },
  { type: 'CARD_ORDER_CODE', code: CODE },
  { type: 'CARD_CONFIRM' },
  { type: 'CARD_REQUEST_MAIL' },
  { type: 'CARD_BACK' },
  { type: 'CARD_CANCEL' },
];

const ACTOR_EVENTS = [
  done('lookupOrder', found('open')),
  // The bank wants a teller to approve this one.
  done('lookupOrder', found('open', true)),
  done('tellerApproval', { decision: 'approved' }),
  done('tellerApproval', { decision: 'rejected' }),
  done('tellerApproval', { decision: 'unavailable' }),
  failed('tellerApproval'),
  done('lookupOrder', found('expired')),
  done('lookupOrder', found('issued')),
  done('lookupOrder', { status: 'notFound' }),
  done('lookupOrder', { status: 'offline' }),
  failed('lookupOrder'),
  done('checkPrinter', { ready: true }),
  done('checkPrinter', { ready: false }),
  failed('checkPrinter'),
  done('approveCard', {
    status: 'approved',
    cardId: 'c0ffee00-0000-4000-8000-000000000001',
    panLast4: '4242',
    expiry: '09/29',
  }),
  done('approveCard', { status: 'declined', reason: 'tooManyAttempts' }),
  done('approveCard', { status: 'declined', reason: 'orderExpired' }),
  done('approveCard', { status: 'offline' }),
  failed('approveCard'),
  done('awaitCardTaken', { outcome: 'taken' }),
  done('awaitCardTaken', { outcome: 'retained' }),
  done('awaitCardTaken', { outcome: 'inDoubt' }),
  failed('awaitCardTaken'),
  done('requestMail', undefined),
  failed('requestMail'),
  done('completeIssuing', { receipt: 'printed' }),
  failed('completeIssuing'),
];

const OTHER_EVENTS = [
  ...CUSTOMER_EVENTS,
  { type: 'FLOW_ABORT' },
  { type: 'RESUMED' },
  displayOver('done'),
  displayOver('failed'),
  displayOver('cancelled'),
  displayOver('mailRequested'),
];

/** Which invoked actor an event comes from; null for the customer's, the session's and timers. */
function sourceOf(event: { type: string }): string | null {
  if (PRODUCER_EVENTS.some((producer) => producer.type === event.type)) return 'produceCard';
  const match = /^xstate\.(?:done|error)\.actor\.(\w+)$/.exec(event.type);
  return match?.[1] ?? null;
}

/**
 * The events that can happen in a snapshot: an actor answers only while it runs (an answer from
 * nowhere would be an unhandled error for XState, which no kiosk can produce).
 */
function eventsIn(snapshot: Snapshot, events: GraphEvent[]): CardIssuingMachineEvent[] {
  return events.filter((event) => {
    const source = sourceOf(event);
    return source === null || snapshot.children[source] !== undefined;
  }) as unknown as CardIssuingMachineEvent[];
}

const EVENTS: GraphEvent[] = [...OTHER_EVENTS, ...PRODUCER_EVENTS, ...ACTOR_EVENTS];

/** The part of a view the serialised state decides: everything but the take deadline's time. */
function shapeOf(view: CardIssuingView) {
  const { takeDeadline, ...rest } = view;
  return { ...rest, waitingAtExit: takeDeadline !== null };
}

/** What the customer sees on each step, beyond its message. */
const SEES: Partial<Record<CardIssuingStep, (view: CardIssuingView) => void>> = {
  chooseMethod: (view) => expect(view.holderNameMasked).toBeNull(),
  enterCode: (view) => expect(view.holderNameMasked).toBeNull(),
  confirmOrder: (view) => {
    expect(view).toMatchObject({ holderNameMasked: HOLDER, product: 'debit', panLast4: null });
  },
  awaitingTeller: (view) => {
    expect(view).toMatchObject({ holderNameMasked: HOLDER, product: 'debit', panLast4: null });
  },
  approving: (view) => {
    expect(view.holderNameMasked).toBe(HOLDER);
    expect(view.panLast4).toBeNull();
  },
  producing: (view) => {
    expect(view).toMatchObject({ panLast4: '4242', expiry: '09/29' });
    expect(view.attempt).toBeGreaterThanOrEqual(1);
  },
  presenting: (view) => {
    expect(view.panLast4).toBe('4242');
    expect(view.takeDeadline).not.toBeNull();
  },
  completing: (view) => expect(view.receipt).toBe('printing'),
  done: (view) => {
    expect(['printed', 'failed']).toContain(view.receipt);
    expect(view.panLast4).toBe('4242');
  },
};

function expectCustomerSees(snapshot: Snapshot, view: CardIssuingView) {
  CardIssuingView.parse(view);
  if (snapshot.status === 'active') expect(view.step).toBe(STEP_OF_STATE[snapshot.value as string]);
  expect(MESSAGES_OF_STEP[view.step]).toContain(view.message);
  expect(view.methods).toEqual([
    { method: 'orderCode', available: true },
    { method: 'qr', available: false },
    { method: 'idScan', available: false },
  ]);
  expect(view.attempt).toBeLessThanOrEqual(input.maxAttempts);
  expect(view.phase === null || view.step === 'producing').toBe(true);
  SEES[view.step]?.(view);
}

const PRODUCER_TYPES = new Set<string>(PRODUCER_EVENTS.map((event) => event.type));

/** Makes one graph event happen to the real actor, the way it would happen in the kiosk. */
async function perform(event: GraphEvent, fakes: FakeCardIssuingActors, actor: Actor<CardIssuingMachine>) {
  const [, kind, , name] = event.type.split('.');
  if (event.type.startsWith('xstate.done.actor.')) {
    fakes.resolve(name as CardPromiseActorName, event.output as never);
  } else if (event.type.startsWith('xstate.error.actor.')) {
    fakes.reject(name as CardPromiseActorName, event.error);
  } else if (kind === 'after') {
    await vi.advanceTimersByTimeAsync(input.displayMs ?? 0);
  } else if (PRODUCER_TYPES.has(event.type)) {
    fakes.produce(event as ProduceCardEvent);
  } else {
    actor.send(event as CardIssuingMachineEvent);
  }
  await vi.advanceTimersByTimeAsync(0);
}

/** A short name for an event in a test title: `done:lookupOrder(offline)`, `CARD_PRODUCED(spoiled)`. */
function labelOf(event: GraphEvent): string {
  const label = event.type
    .replace(/^xstate\.(done|error)\.actor\./, '$1:')
    .replace(/^xstate\.after\.display\.cardIssuing\./, 'after:');
  const detail = (event.result ?? event.output) as Record<string, unknown> | undefined;
  if (!detail) return label;
  const approval = detail.tellerApproval ? ' approval' : '';
  const word =
    detail.orderStatus ??
    detail.decision ??
    detail.status ??
    detail.outcome ??
    detail.receipt ??
    detail.ready;
  const reason = detail.reason ? ` ${String(detail.reason)}` : '';
  return word === undefined ? label : `${label}(${String(word)}${reason}${approval})`;
}

function describePath(path: StatePath<Snapshot, CardIssuingMachineEvent>): string {
  const events = path.steps.slice(1).map((step) => labelOf(step.event as GraphEvent));
  const { value, status } = path.state;
  const where = status === 'done' ? `closed:${path.state.output?.ending}` : String(value);
  return `${where} via ${events.join(' → ') || '(start)'}`;
}

/** Drives a real actor along a path and checks every state it reaches. */
async function replay(path: StatePath<Snapshot, CardIssuingMachineEvent>) {
  const fakes = createFakeCardIssuingActors();
  const actor = createActor(cardIssuingMachine.provide({ actors: fakes.actors }), { input }).start();
  for (const step of path.steps) {
    // The graph's events include XState's own (init, actor done/error, timers), not in the union.
    const event = step.event as GraphEvent;
    if (event.type !== 'xstate.init') await perform(event, fakes, actor);
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toEqual(step.state.value);
    const view = toCardIssuingView(snapshot);
    expect(shapeOf(view)).toEqual(shapeOf(toCardIssuingView(step.state)));
    expectCustomerSees(snapshot, view);
    // The printer works on a card exactly while the flow is producing.
    expect(fakes.isRunning('produceCard')).toBe(
      snapshot.status === 'active' && snapshot.matches('producing'),
    );
  }
  expect(actor.getSnapshot().status).toBe(path.state.status);
  if (path.state.status === 'done') expect(actor.getSnapshot().output).toEqual(path.state.output);
  actor.stop();
}

/** Path counts: a change to the chart or the events shows here first. */
const SHORTEST_PATHS = 892;
const ENDING_PATHS = 113;

const shortest = getShortestPaths(cardIssuingMachine, {
  input,
  events: (snapshot) => eventsIn(snapshot, EVENTS),
  serializeState: serializeCardIssuingState,
});

/**
 * Every way the flow can end, as simple paths (no state visited twice) to the final state over
 * the events that decide an ending: one outcome per actor and customer choice that matters.
 * Restores, phases and the second code or card are left to the shortest paths above.
 */
const ENDING_EVENTS: GraphEvent[] = [
  { type: 'CARD_CHOOSE_METHOD', method: 'orderCode' },
  { type: 'CARD_ORDER_CODE', code: CODE },
  { type: 'CARD_CONFIRM' },
  { type: 'CARD_REQUEST_MAIL' },
  { type: 'CARD_CANCEL' },
  { type: 'FLOW_ABORT' },
  done('lookupOrder', found('open')),
  done('lookupOrder', found('open', true)),
  done('lookupOrder', { status: 'offline' }),
  done('tellerApproval', { decision: 'approved' }),
  done('tellerApproval', { decision: 'rejected' }),
  done('checkPrinter', { ready: true }),
  done('checkPrinter', { ready: false }),
  done('approveCard', {
    status: 'approved',
    cardId: 'c0ffee00-0000-4000-8000-000000000001',
    panLast4: '4242',
    expiry: '09/29',
  }),
  done('approveCard', { status: 'declined', reason: 'tooManyAttempts' }),
  { type: 'CARD_PRODUCED', result: { outcome: 'presented' } },
  { type: 'CARD_PRODUCED', result: { outcome: 'spoiled', reason: 'jam', retryable: false } },
  done('awaitCardTaken', { outcome: 'taken' }),
  done('awaitCardTaken', { outcome: 'retained' }),
  done('requestMail', undefined),
  done('completeIssuing', { receipt: 'printed' }),
  displayOver('done'),
  displayOver('failed'),
  displayOver('cancelled'),
  displayOver('mailRequested'),
];

const endings = getSimplePaths(cardIssuingMachine, {
  input,
  events: (snapshot) => eventsIn(snapshot, ENDING_EVENTS),
  serializeState: serializeCardIssuingState,
  toState: (snapshot) => snapshot.status === 'done',
});

describe('card issuing model', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reaches every step and every ending', () => {
    console.log(
      `card issuing model: ${shortest.length} shortest paths, ${endings.length} paths to an ending`,
    );
    expect(shortest.length).toBe(SHORTEST_PATHS);
    expect(endings.length).toBe(ENDING_PATHS);
    const steps = new Set(shortest.map((path) => toCardIssuingView(path.state).step));
    // `identifying` is the identify step's, reached only through a scanner (not in this model).
    const modelled = Object.keys(MESSAGES_OF_STEP).filter((step) => step !== 'identifying');
    expect([...steps].sort()).toEqual(modelled.sort());
    const reachedEndings = new Set(
      shortest.filter((p) => p.state.status === 'done').map((p) => p.state.output?.ending),
    );
    expect([...reachedEndings].sort()).toEqual([
      'cancelled',
      'failed',
      'issued',
      'mailRequested',
      'timedOut',
    ]);
    const viaSimplePaths = new Set(endings.map((p) => p.state.output?.ending));
    expect([...viaSimplePaths].sort()).toEqual([
      'cancelled',
      'failed',
      'issued',
      'mailRequested',
      'timedOut',
    ]);
    // The retry limit and the code limit are both reached.
    expect(
      shortest.some(
        (p) => p.state.context.attempt === input.maxAttempts && p.state.context.message === 'cardSpoiled',
      ),
    ).toBe(true);
    expect(shortest.some((p) => p.state.context.codeAttemptsLeft === 0)).toBe(true);
  });

  describe('shortest paths to every state', () => {
    it.each(shortest.map((path) => [describePath(path), path] as const))('%s', async (_name, path) => {
      await replay(path);
    });
  });

  describe('simple paths to every ending', () => {
    it.each(endings.map((path) => [describePath(path), path] as const))('%s', async (_name, path) => {
      await replay(path);
    });
  });
});
