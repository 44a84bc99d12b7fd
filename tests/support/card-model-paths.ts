import { getInitialSnapshot, getNextSnapshot, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths, type StatePath } from 'xstate/graph';
import {
  type CardIssuingMachine,
  cardIssuingMachine,
} from '../../state-machines/card-issuing/card-issuing-machine.ts';
import { serializeCardIssuingState } from '../../state-machines/card-issuing/card-issuing-expectations.ts';
import type {
  CardIssuingInput,
  CardIssuingMachineEvent,
  ProduceCardOutput,
} from '../../state-machines/card-issuing/card-issuing-types.ts';

/**
 * The card issuing machine as a model for the kiosk runtime with its real parts: the events the
 * graph walks, which of them the real card printer, backend and session can be made to produce,
 * and the paths to replay. Pure: no process, no I/O.
 */

export type CardSnapshot = SnapshotFrom<CardIssuingMachine>;
export type CardPath = StatePath<CardSnapshot, CardIssuingMachineEvent>;
/** A path whose every step holds the snapshot the machine really reaches along it. */
export interface ReplayPath {
  state: CardSnapshot;
  steps: Array<{ state: CardSnapshot; event: GraphEvent }>;
}
export type GraphEvent = { type: string; output?: unknown; result?: unknown; [key: string]: unknown };

/** The input `createKioskRuntime` gives the flow (kiosk-runtime.ts, `cardSettings`). */
export function runtimeCardInput(config: {
  cardMaxAttempts: number;
  cardTakeTimeoutMs: number;
}): CardIssuingInput {
  return {
    methods: { orderCode: true, qr: false, idScan: false },
    maxAttempts: config.cardMaxAttempts,
    takeTimeoutMs: config.cardTakeTimeoutMs,
    maxCodeAttempts: 3,
  };
}

/** A well-formed code in the graph's events; the replay types the code its arrangement chose. */
const GRAPH_CODE = 'AB23CD45';

type ActorName =
  | 'lookupOrder'
  | 'checkPrinter'
  | 'approveCard'
  | 'awaitCardTaken'
  | 'requestMail'
  | 'completeIssuing';

const done = (actor: ActorName, output: unknown): GraphEvent => ({
  type: `xstate.done.actor.${actor}`,
  output,
});
const failed = (actor: ActorName): GraphEvent => ({
  type: `xstate.error.actor.${actor}`,
  error: new Error('down'),
});
const produced = (result: ProduceCardOutput): GraphEvent => ({ type: 'CARD_PRODUCED', result });
const displayOver = (state: 'done' | 'failed' | 'cancelled' | 'mailRequested'): GraphEvent => ({
  type: `xstate.after.display.cardIssuing.${state}`,
});

/** The graph's events, given the holder's masked name the backend will show for every test order. */
export function cardModelEvents(holderNameMasked: string) {
  const found = (orderStatus: string) =>
    done('lookupOrder', {
      status: 'found',
      orderRef: 'order-ref',
      holderNameMasked,
      product: 'debit',
      orderStatus,
    });
  const customer: GraphEvent[] = [
    { type: 'CARD_CHOOSE_METHOD', method: 'orderCode' },
    // Offered by no kiosk yet: refused.
    { type: 'CARD_CHOOSE_METHOD', method: 'idScan' },
    { type: 'CARD_ORDER_CODE', code: GRAPH_CODE },
    { type: 'CARD_CONFIRM' },
    { type: 'CARD_REQUEST_MAIL' },
    { type: 'CARD_BACK' },
    { type: 'CARD_CANCEL' },
  ];
  const session: GraphEvent[] = [
    { type: 'FLOW_ABORT' },
    { type: 'RESUMED' },
    displayOver('done'),
    displayOver('failed'),
    displayOver('cancelled'),
    displayOver('mailRequested'),
  ];
  const outcomes: GraphEvent[] = [
    found('open'),
    found('expired'),
    found('issued'),
    found('issuing'),
    done('lookupOrder', { status: 'notFound' }),
    done('lookupOrder', { status: 'offline' }),
    failed('lookupOrder'),
    done('checkPrinter', { ready: true }),
    done('checkPrinter', { ready: false }),
    failed('checkPrinter'),
    done('approveCard', { status: 'approved', cardId: 'card-id', panLast4: '4242', expiry: '09/29' }),
    done('approveCard', { status: 'declined', reason: 'orderNotOpen' }),
    done('approveCard', { status: 'declined', reason: 'orderExpired' }),
    done('approveCard', { status: 'declined', reason: 'tooManyAttempts' }),
    done('approveCard', { status: 'offline' }),
    failed('approveCard'),
    { type: 'CARD_PHASE', phase: 'encoding' },
    produced({ outcome: 'presented' }),
    produced({ outcome: 'spoiled', reason: 'encodingFailed', retryable: true }),
    produced({ outcome: 'spoiled', reason: 'jam', retryable: false }),
    produced({ outcome: 'notPicked' }),
    produced({ outcome: 'inDoubt' }),
    produced({ outcome: 'cardDataMissing' }),
    done('awaitCardTaken', { outcome: 'taken' }),
    done('awaitCardTaken', { outcome: 'retained' }),
    done('awaitCardTaken', { outcome: 'inDoubt' }),
    failed('awaitCardTaken'),
    done('requestMail', undefined),
    failed('requestMail'),
    done('completeIssuing', { receipt: 'unavailable' }),
    done('completeIssuing', { receipt: 'printed' }),
    failed('completeIssuing'),
  ];
  return { customer, session, outcomes, all: [...customer, ...session, ...outcomes] };
}

/** Which invoked actor an event comes from; null for the customer's, the session's and timers. */
export function sourceOf(event: { type: string }): string | null {
  if (event.type === 'CARD_PRODUCED' || event.type === 'CARD_PHASE') return 'produceCard';
  const match = /^xstate\.(?:done|error)\.actor\.(\w+)$/.exec(event.type);
  return match?.[1] ?? null;
}

export const isCustomerEvent = (event: { type: string }) =>
  event.type.startsWith('CARD_') && sourceOf(event) === null;

/** An actor answers only while it runs. */
function happensIn(snapshot: CardSnapshot, event: GraphEvent): boolean {
  const source = sourceOf(event);
  return source === null || snapshot.children[source] !== undefined;
}

const detailOf = (event: GraphEvent) => (event.result ?? event.output) as Record<string, unknown> | undefined;

/**
 * States the session's inactivity time-out can end: the flow waits for the customer, or for the
 * card at the exit (the kiosk that replays walk-aways gives the card longer than the time-out).
 */
const WALK_AWAY_STATES = [
  'chooseMethod',
  'enterCode',
  'confirmOrder',
  'offerMail',
  'presenting',
  'done',
  'failed',
  'cancelled',
  'mailRequested',
] as const;

/**
 * Why the kiosk with its real parts cannot be made to produce `event` in `snapshot`; null when it
 * can (the test arranges it: an order in the right state, a printer fault, the backend stopped…).
 */
export function whyNotOnRealParts(snapshot: CardSnapshot, event: GraphEvent): string | null {
  if (event.type.startsWith('xstate.error.actor.')) {
    const actor = sourceOf(event);
    switch (actor) {
      case 'lookupOrder':
        return 'the runtime answers any trouble reaching the bank with `offline`; its lookup never fails';
      case 'checkPrinter':
        return "the printer check reads the driver's last status, which cannot fail";
      case 'approveCard':
        return 'the runtime answers any trouble reaching the bank with `offline`; its approval never fails';
      case 'awaitCardTaken':
        return 'the runtime turns any failure while the card waits at the exit into `inDoubt`';
      case 'requestMail':
        return "recording a mail request fails only when the kiosk's own database does";
      default:
        return "completing an issued card fails only when the kiosk's own database does";
    }
  }
  if (event.type === 'CARD_PHASE') {
    return 'the phases of one card follow one another inside one job: the printer cannot be held between two (the replay checks them as they pass)';
  }
  if (event.type === 'FLOW_ABORT' && !WALK_AWAY_STATES.some((state) => snapshot.matches(state))) {
    return "the customer walks away when the session's inactivity time-out (2 s at the least) runs out; here the kiosk is busy for less than that";
  }
  if (event.type.startsWith('xstate.after.display.')) {
    return 'the last screen closes by itself after 8 s; the replay closes it as the customer does, with "finish" (CARD_CANCEL), to the same state';
  }
  if (event.type === 'CARD_CANCEL' && snapshot.matches('checkingPrinter')) {
    return 'the printer check answers from the driver\'s last status at once: no tap comes between "print my card" and its answer';
  }
  const detail = detailOf(event);
  if (event.type === 'CARD_PRODUCED' && detail?.outcome === 'cardDataMissing') {
    return 'card data goes missing only when the kiosk restarts between the approval and the pick, a few milliseconds here';
  }
  if (event.type === 'xstate.done.actor.completeIssuing' && detail?.receipt === 'printed') {
    return 'this kiosk has no receipt printer';
  }
  if (
    event.type === 'xstate.done.actor.approveCard' &&
    detail?.status !== 'approved' &&
    snapshot.context.attempt > 1
  ) {
    return "the bank's answer for the second card alone cannot be arranged: stopping the backend or changing the order would race the first card's rejection";
  }
  return null;
}

/**
 * A coarser state: the screen and what it says (message, attempt, mail offer, ending, receipt),
 * with the codes left only where they decide what comes next (typing a code, or how it ended).
 * A real replay costs real seconds; the replays go to each of these, not to every count of codes.
 */
export function screenKey(snapshot: CardSnapshot): string {
  const c = snapshot.context;
  const value = snapshot.value as string;
  const codesMatter =
    value === 'enterCode' || value === 'lookingUp' || value === 'failed' || snapshot.status === 'done';
  return JSON.stringify({
    value,
    status: snapshot.status,
    message: c.message,
    attempt: c.attempt,
    mail: c.mailReason,
    ending: c.ending,
    receipt: c.receipt,
    codes: codesMatter ? c.codeAttemptsLeft : null,
  });
}

/**
 * For paths where the customer walks away: the screen and whether the customer is gone, without
 * the codes left or the card's attempt (each walk-away costs the time-out, seconds of real time).
 */
export function walkAwayKey(snapshot: CardSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify({
    value: snapshot.value,
    status: snapshot.status,
    message: c.message,
    mail: c.mailReason,
    ending: c.ending,
    receipt: c.receipt,
    gone: c.customerGone,
  });
}

/** A short name for an event in a test title: `done:lookupOrder(offline)`, `CARD_PRODUCED(spoiled jam)`. */
export function labelOf(event: GraphEvent): string {
  const label = event.type
    .replace(/^xstate\.(done|error)\.actor\./, '$1:')
    .replace(/^xstate\.after\.display\.cardIssuing\./, 'after:');
  const detail = detailOf(event);
  if (event.type === 'CARD_CHOOSE_METHOD') return `${label}(${String(event.method)})`;
  if (event.type === 'CARD_PHASE') return `${label}(${String(event.phase)})`;
  if (!detail) return label;
  const word = detail.orderStatus ?? detail.status ?? detail.outcome ?? detail.receipt ?? detail.ready;
  const reason = detail.reason ? ` ${String(detail.reason)}` : '';
  return word === undefined ? label : `${label}(${String(word)}${reason})`;
}

export function describePath(path: CardPath | ReplayPath): string {
  const events = path.steps.slice(1).map((step) => labelOf(step.event as GraphEvent));
  const { value, status } = path.state;
  const where = status === 'done' ? `closed:${path.state.output?.ending}` : String(value);
  return `${where} via ${events.join(' → ') || '(start)'}`;
}

/** Walks the machine along `events` from its initial state. */
export function alongEvents(input: CardIssuingInput, events: GraphEvent[]): ReplayPath {
  let state = getInitialSnapshot(cardIssuingMachine, input);
  const steps: ReplayPath['steps'] = [{ state, event: { type: 'xstate.init' } }];
  for (const event of events) {
    state = getNextSnapshot(cardIssuingMachine, state, event as unknown as CardIssuingMachineEvent);
    steps.push({ state, event });
  }
  return { state, steps };
}

const eventKey = (path: CardPath) => path.steps.map((step) => JSON.stringify(step.event)).join('|');

/** Paths whose events are a strict prefix of another path's: replaying the longer checks theirs. */
function coveredBy(paths: CardPath[]): Map<CardPath, CardPath> {
  const keys = paths.map(eventKey);
  const covered = new Map<CardPath, CardPath>();
  paths.forEach((path, i) => {
    const longer = paths.findIndex((_, j) => j !== i && keys[j]!.startsWith(`${keys[i]}|`));
    if (longer >= 0) covered.set(path, paths[longer]!);
  });
  return covered;
}

export interface CardModelPlan {
  /** Shortest paths over every event the machine knows, to every state (fully serialised). */
  full: CardPath[];
  /** Shortest paths over the events the real parts can produce (walking away included), to every state. */
  real: CardPath[];
  /** Shortest real paths to every screen (`screenKey`). */
  toScreens: CardPath[];
  /** Simple real paths to every ending over the events that decide one. */
  toEndings: CardPath[];
  /** The paths the replay runs: `toScreens` and `toEndings`, without repeats or prefixes of others. */
  replays: ReplayPath[];
  /** Paths of `toScreens` and `toEndings` checked as the prefix of a replay. */
  covered: CardPath[];
  /** Shortest real paths where the customer walks away, to every `walkAwayKey` they reach. */
  toWalkAways: CardPath[];
  /** The walk-away paths the replay runs (on a kiosk with a short inactivity time-out). */
  walkAways: ReplayPath[];
  /** States of `full` the real parts cannot reach, with the first event on their path that they cannot produce. */
  unreachable: Array<{ path: CardPath; event: string; reason: string }>;
}

/** Builds the paths: the graph walks take a few seconds. */
export function planCardModel(input: CardIssuingInput, holderNameMasked: string): CardModelPlan {
  const events = cardModelEvents(holderNameMasked);
  const all = events.all;
  const realWithWalkAways = (snapshot: CardSnapshot) =>
    all.filter(
      (event) => happensIn(snapshot, event) && whyNotOnRealParts(snapshot, event) === null,
    ) as unknown as CardIssuingMachineEvent[];
  // The kiosk that replays most paths never times out: the customer stays.
  const realIn = (snapshot: CardSnapshot) =>
    realWithWalkAways(snapshot).filter((event) => event.type !== 'FLOW_ABORT');
  const full = getShortestPaths(cardIssuingMachine, {
    input,
    events: (snapshot) =>
      all.filter((event) => happensIn(snapshot, event)) as unknown as CardIssuingMachineEvent[],
    serializeState: serializeCardIssuingState,
  });
  const real = getShortestPaths(cardIssuingMachine, {
    input,
    events: realWithWalkAways,
    serializeState: serializeCardIssuingState,
  });
  const toScreens = getShortestPaths(cardIssuingMachine, {
    input,
    events: realIn,
    serializeState: screenKey,
  });

  // One outcome per actor and customer choice that decides how the flow ends.
  const byLabel = new Map(all.map((event) => [labelOf(event), event]));
  const endingEvents = [
    'CARD_CHOOSE_METHOD(orderCode)',
    'CARD_ORDER_CODE',
    'CARD_CONFIRM',
    'CARD_REQUEST_MAIL',
    'CARD_CANCEL',
    'done:lookupOrder(open)',
    'done:lookupOrder(offline)',
    'done:checkPrinter(true)',
    'done:checkPrinter(false)',
    'done:approveCard(approved)',
    'CARD_PRODUCED(presented)',
    'CARD_PRODUCED(spoiled jam)',
    'done:awaitCardTaken(taken)',
    'done:awaitCardTaken(retained)',
    'done:requestMail',
    'done:completeIssuing(unavailable)',
  ].map((label) => {
    const event = byLabel.get(label);
    if (!event) throw new Error(`no event labelled ${label}`);
    return event;
  });
  const toEndings = getSimplePaths(cardIssuingMachine, {
    input,
    events: (snapshot) =>
      endingEvents.filter(
        (event) => happensIn(snapshot, event) && whyNotOnRealParts(snapshot, event) === null,
      ) as unknown as CardIssuingMachineEvent[],
    serializeState: serializeCardIssuingState,
    toState: (snapshot) => snapshot.status === 'done',
  });

  const distinct = new Map<string, CardPath>();
  for (const path of [...toScreens, ...toEndings]) distinct.set(eventKey(path), path);
  const candidates = [...distinct.values()];
  const coverage = coveredBy(candidates);
  const longest = candidates.filter((path) => !coverage.has(path));
  const covered = [...toScreens, ...toEndings].filter((path) => !longest.includes(path));
  // A graph keeps one snapshot per serialised state: with the coarse key, a step's snapshot may be
  // another one of the same screen (other codes left). The replays walk their events again.
  const replays = longest.map((path) =>
    alongEvents(
      input,
      path.steps.slice(1).map((step) => step.event as unknown as GraphEvent),
    ),
  );

  const toWalkAways = getShortestPaths(cardIssuingMachine, {
    input,
    events: realWithWalkAways,
    serializeState: walkAwayKey,
  }).filter((path) => path.steps.some((step) => step.event.type === 'FLOW_ABORT'));
  const walkAwayCoverage = coveredBy(toWalkAways);
  const walkAways = toWalkAways
    .filter((path) => !walkAwayCoverage.has(path))
    .map((path) =>
      alongEvents(
        input,
        path.steps.slice(1).map((step) => step.event as unknown as GraphEvent),
      ),
    );

  const reached = new Set(real.map((path) => serializeCardIssuingState(path.state)));
  const unreachable = full
    .filter((path) => !reached.has(serializeCardIssuingState(path.state)))
    .map((path) => {
      for (let i = 1; i < path.steps.length; i++) {
        const before = path.steps[i - 1]!.state;
        const event = path.steps[i]!.event as unknown as GraphEvent;
        const reason = whyNotOnRealParts(before, event);
        if (reason) return { path, event: labelOf(event), reason };
      }
      throw new Error(
        `${describePath(path)}: unreached by the real events, yet each of its events is possible`,
      );
    });
  return { full, real, toScreens, toEndings, replays, covered, toWalkAways, walkAways, unreachable };
}
