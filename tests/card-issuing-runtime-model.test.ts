import { generateKeyPairSync, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CardIssuingView,
  CardIssuingView as CardIssuingViewSchema,
  type CardProductionPhase,
  type KioskView,
  ORDER_CODE_ALPHABET,
  type UiEvent,
} from '../contracts/index.ts';
import { maskHolderName } from '../backend/cash/holder-name-mask.ts';
import { createKioskRuntime, type KioskRuntime } from '../main/runtime/index.ts';
import { createLogger } from '../platform/log.ts';
import { MESSAGES_OF_STEP, STEP_OF_STATE } from '../state-machines/card-issuing/card-issuing-expectations.ts';
import { toCardIssuingView } from '../state-machines/card-issuing/card-issuing-view.ts';
import {
  CardBackendProcess,
  type CardTestKiosk,
  type OpenedCardOrder,
} from './support/card-backend-process.ts';
import {
  type CardSnapshot,
  describePath,
  type GraphEvent,
  isCustomerEvent,
  labelOf,
  planCardModel,
  type ReplayPath,
  runtimeCardInput,
} from './support/card-model-paths.ts';
import { OtherKiosk } from './support/card-other-kiosk.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';
import { type SimulatorProcess, startSimulatorProcess } from './support/simulator-process.ts';

/**
 * Model-based test of card issuing on the real kiosk: paths that `xstate/graph` generates from the
 * card issuing machine are replayed on `createKioskRuntime` driving the card printer simulator
 * process over its PTY and talking to the backend process over socket.io. The customer's taps go
 * through the runtime's bridge (`handleCall`); the machine's other events — the backend's answers,
 * the printer's outcomes, the card taken or not — are arranged on the real parts before the tap
 * that sets them off: a fresh order, an expired one, one another kiosk issued, the backend stopped,
 * a printer fault. At every state the test checks what the customer sees (`view.card`) against the
 * state the path reached in the model, and after every path it checks from the printer's counters
 * and the kiosk's journal that every card taken from the feeder was recorded exactly once, and
 * that no journal entry holds a card number.
 *
 * A real replay costs real time (a card is made in about a second, a card left at the exit waits
 * for its deadline), so the replays go to every screen (shortest paths, `screenKey`) and along
 * every simple path to an ending; a path that is the prefix of another is checked as part of it.
 * A customer walking away is the session's inactivity time-out: those paths are replayed on a
 * second kiosk whose time-out is the shortest the config allows. States only reachable through
 * events the real parts cannot produce are listed as skipped, each with its reason.
 */

const CARD_BIN = '990000';
const TAKE_TIMEOUT_MS = 1_500;
const MAX_ATTEMPTS = 2;
/**
 * The kiosk that replays walk-aways: the shortest inactivity time-out and prompt the config allows,
 * and a card that waits at the exit longer than both.
 */
const WALK_AWAY = { inactivityMs: 1_000, timeoutPromptMs: 1_000, cardTakeTimeoutMs: 4_000 };
/** The backend's limits per kiosk and minute (backend/kiosk/card-events.ts). */
const BACKEND_LIMIT_PER_MINUTE = 10;
/** Replays the run must achieve, at least. */
const MIN_REPLAYS = 40;

function testKiosk(kioskId: string): CardTestKiosk {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { kioskId, publicKey, privateKey };
}

const KIOSK = testKiosk('kiosk-card-model');
/**
 * The kiosk that replays walk-aways: a kiosk of its own, with its own database. The first one
 * restarted with other settings would not do: its session, restored from its database, keeps the
 * settings it was created with.
 */
const WALK_AWAY_KIOSK = testKiosk('kiosk-card-model-walk');
const OTHER_KIOSK = testKiosk('kiosk-card-model-other');
const ACCOUNT = { accountNumber: '20000000001', holderName: 'LUCIA MARTA ENSAYO', currency: 'EUR' as const };
const CARD_NAMES = { surname: 'ENSAYO', givenNames: 'LUCIA MARTA' };
const HOLDER = maskHolderName(`${CARD_NAMES.givenNames} ${CARD_NAMES.surname}`);

const input = runtimeCardInput({ cardMaxAttempts: MAX_ATTEMPTS, cardTakeTimeoutMs: TAKE_TIMEOUT_MS });
const plan = planCardModel(input, HOLDER);

// ---------------------------------------------------------------------------------------------
// What the customer sees.

/** The part of a card view a model state decides: the digits and deadlines are the bank's and the clock's. */
function shapeOf(view: CardIssuingView | null): string {
  if (view === null) return 'no card flow on screen';
  const { panLast4, expiry, takeDeadline, phase: _phase, ...rest } = view;
  return JSON.stringify({
    ...rest,
    card: panLast4 !== null,
    expiry: expiry !== null,
    waitingAtExit: takeDeadline !== null,
  });
}

function expectedShape(state: CardSnapshot): string {
  return state.status === 'done' ? shapeOf(null) : shapeOf(toCardIssuingView(state));
}

const PHASE_ORDER: readonly CardProductionPhase[] = [
  'picking',
  'encoding',
  'printing',
  'ejecting',
  'rejecting',
];

/** Checks one card view against the table of what each state shows. */
function expectCustomerSees(state: CardSnapshot, view: CardIssuingView): void {
  CardIssuingViewSchema.parse(view);
  expect(view.step).toBe(STEP_OF_STATE[state.value as string]);
  expect(MESSAGES_OF_STEP[view.step]).toContain(view.message);
  expect(view.methods).toEqual([
    { method: 'orderCode', available: true },
    { method: 'qr', available: false },
    { method: 'idScan', available: false },
  ]);
  expect(view.attempt).toBeLessThanOrEqual(MAX_ATTEMPTS);
  expect(view.phase === null || view.step === 'producing').toBe(true);
  if (view.holderNameMasked !== null) expect(view.holderNameMasked).toBe(HOLDER);
  if (view.panLast4 !== null) {
    expect(view.panLast4).toMatch(/^\d{4}$/);
    expect(view.expiry).toMatch(/^(0[1-9]|1[0-2])\/\d{2}$/);
  }
  switch (view.step) {
    case 'chooseMethod':
    case 'enterCode':
      expect(view.holderNameMasked).toBeNull();
      break;
    case 'confirmOrder':
      expect(view).toMatchObject({ holderNameMasked: HOLDER, product: 'debit', panLast4: null });
      break;
    case 'approving':
      expect(view.holderNameMasked).toBe(HOLDER);
      expect(view.panLast4).toBeNull();
      break;
    case 'producing':
      expect(view.panLast4).not.toBeNull();
      expect(view.attempt).toBeGreaterThanOrEqual(1);
      break;
    case 'presenting':
      expect(view.panLast4).not.toBeNull();
      expect(view.takeDeadline).toBeGreaterThan(Date.now() - 1_000);
      expect(view.takeDeadline).toBeLessThanOrEqual(Date.now() + runtime.config.cardTakeTimeoutMs);
      break;
    case 'completing':
      expect(view.receipt).toBe('printing');
      break;
    case 'done':
      // This kiosk has no receipt printer: the card's receipt is unavailable, the card issued.
      expect(view.receipt).toBe('unavailable');
      expect(view.panLast4).not.toBeNull();
      break;
    case 'offerMail':
      expect(view.canRequestMail).toBe(true);
      break;
  }
}

/**
 * Every view the runtime publishes while a path is replayed, read in order: each step of the path
 * must come next, with nothing between but views of the step before (a production phase changes
 * the view, not the state).
 */
class ViewTrail {
  private readonly views: KioskView[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;
  private readonly off: () => void;
  /** Time-out prompts that ended (the session timed out, or the customer asked for more time). */
  promptsEnded = 0;
  private prompting = false;
  /** Phases seen for the attempt being made, in order. */
  private phases: { attempt: number; seen: CardProductionPhase[] } = { attempt: 0, seen: [] };

  constructor(runtime: KioskRuntime) {
    this.off = runtime.onView((view) => {
      this.views.push(view);
      if (this.prompting && view.timeoutPrompt === null) this.promptsEnded += 1;
      this.prompting = view.timeoutPrompt !== null;
      this.wake?.();
    });
  }

  stop(): void {
    this.off();
  }

  /** Resolves with the first view of shape `expected`; fails on a view of any shape but `meanwhile`. */
  async reach(expected: string, meanwhile: string[], label: string, timeoutMs: number): Promise<KioskView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.views.length) {
        const view = this.views[this.cursor++]!;
        this.checkPhase(view.card);
        const shape = shapeOf(view.card);
        if (shape === expected) return view;
        if (!meanwhile.includes(shape)) {
          throw new Error(
            `${label}: the kiosk showed a state the path does not reach\n  shown:    ${shape}\n  expected: ${expected}\n  or else:  ${meanwhile.join('\n            ')}`,
          );
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `${label}: not reached within ${timeoutMs} ms\n  expected: ${expected}\n  last:     ${shapeOf(this.views.at(-1)?.card ?? null)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  /** Phases of one card go forward only: picking → encoding → printing → ejecting, or to rejecting. */
  private checkPhase(card: CardIssuingView | null): void {
    if (card?.step !== 'producing' || card.phase === null) return;
    if (card.attempt !== this.phases.attempt) this.phases = { attempt: card.attempt, seen: [] };
    const last = this.phases.seen.at(-1);
    if (last === card.phase) return;
    if (last !== undefined && PHASE_ORDER.indexOf(card.phase) < PHASE_ORDER.indexOf(last)) {
      throw new Error(`card ${card.attempt}: phase ${card.phase} after ${last}`);
    }
    this.phases.seen.push(card.phase);
  }
}

// ---------------------------------------------------------------------------------------------
// The real parts.

let backend: CardBackendProcess;
let simulator: SimulatorProcess;
let runtime: KioskRuntime;
let otherKiosk: OtherKiosk;
const runtimeLog: string[] = [];
let databasePath = '';
/** Every kiosk database of the run. */
const databasePaths: string[] = [];

interface SimulatorCounters {
  picked: number;
  ejected: number;
  rejected: number;
  position: string;
}

async function simulatorCounters(): Promise<SimulatorCounters> {
  const state = await simulator.control<{ supplies: Record<string, number | string> }>('GET', '/state');
  const { picked, ejected, rejected, position } = state.supplies;
  return {
    picked: Number(picked),
    ejected: Number(ejected),
    rejected: Number(rejected),
    position: String(position),
  };
}

function waitForView(
  predicate: (view: KioskView) => boolean,
  label: string,
  timeoutMs = 10_000,
): Promise<KioskView> {
  return new Promise((resolve, reject) => {
    if (predicate(runtime.getView())) return resolve(runtime.getView());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${label}; view: ${JSON.stringify(runtime.getView())}`));
    }, timeoutMs);
    const off = runtime.onView((view) => {
      if (!predicate(view)) return;
      clearTimeout(timer);
      off();
      resolve(view);
    });
  });
}

const cardIssuingOffered = (view: KioskView) =>
  view.menu.find((item) => item.flow === 'cardIssuing')?.available === true;

/**
 * A kiosk runtime on a fresh database, driving the simulator's printer and talking to the backend.
 * A kiosk running already hands over the printer: it syncs what it recorded, then stops.
 */
async function startKiosk(
  kiosk: CardTestKiosk,
  timing: { inactivityMs: number; timeoutPromptMs?: number; cardTakeTimeoutMs: number },
) {
  if (runtime) {
    await until(() => runtime.syncBacklog()?.pending === 0, 'the kiosk to sync its records', 20_000);
    await runtime.stop();
  }
  const config = testRuntimeConfig({
    kioskId: kiosk.kioskId,
    kioskPrivateKey: kiosk.privateKey,
    backendUrl: backend.url,
    cardPrinterPath: simulator.hostLink,
    cardMaxAttempts: MAX_ATTEMPTS,
    ...timing,
    goodbyeMs: 200,
    devicePollMs: 100,
  });
  databasePath = config.databasePath;
  databasePaths.push(databasePath);
  runtime = createKioskRuntime(config, {
    logger: createLogger('runtime', { level: 'warn', write: (line) => runtimeLog.push(line) }),
    deviceSettleMs: 2_000,
  });
  await runtime.start();
  await waitForView(
    (view) => view.screen === 'attract' && view.backendOnline && cardIssuingOffered(view),
    'the kiosk ready',
    20_000,
  );
}

async function send(event: UiEvent): Promise<{ accepted: boolean }> {
  return (await runtime.handleCall({ method: 'send', params: event })) as { accepted: boolean };
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(
  check: () => boolean | Promise<boolean>,
  label: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await sleep(25);
  }
}

interface JournalRow {
  seq: number;
  type: string;
  data_json: string;
}

function readKiosk<T>(query: (db: Database.Database) => T): T {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const lastJournalSeq = () =>
  readKiosk(
    (db) => (db.prepare('SELECT max(seq) AS seq FROM journal').get() as { seq: number | null }).seq ?? 0,
  );

const journalSince = (seq: number) =>
  readKiosk(
    (db) =>
      db
        .prepare('SELECT seq, type, data_json FROM journal WHERE seq > ? ORDER BY seq')
        .all(seq) as JournalRow[],
  );

/** Produce-card intents without an outcome, however old. */
const openCardIntents = () =>
  readKiosk(
    (db) =>
      (
        db
          .prepare(
            "SELECT j.data_json FROM journal_open_intents o JOIN journal j ON j.seq = o.intent_seq WHERE j.type = 'device.intent'",
          )
          .all() as Array<{ data_json: string }>
      ).filter((row) => (JSON.parse(row.data_json) as { device?: string }).device === 'cardPrinter').length,
  );

/** Backend requests of each kind in the current minute, by the time they were made. */
const budget = { lookups: [] as number[], issues: [] as number[], otherIssues: [] as number[] };
let backendRestarts = 0;

async function restartBackend(): Promise<void> {
  await backend.restart();
  backendRestarts += 1;
  budget.lookups = [];
  budget.issues = [];
  budget.otherIssues = [];
  await waitForView((view) => view.backendOnline, 'the kiosk back online', 20_000);
}

async function stopBackend(): Promise<void> {
  await backend.stop();
  await waitForView((view) => !view.backendOnline, 'the kiosk offline');
}

async function unusedOrderCode(): Promise<string> {
  for (;;) {
    const code = Array.from(
      { length: 8 },
      () => ORDER_CODE_ALPHABET[randomInt(ORDER_CODE_ALPHABET.length)],
    ).join('');
    if (!backend.orderCodeExists(code)) return code;
  }
}

// ---------------------------------------------------------------------------------------------
// Arrangements: the machine's non-UI events, made to happen on the real parts.

interface Replay {
  /** The order the last lookup was arranged to find. */
  order: OpenedCardOrder | null;
  /** The code the customer types next. */
  code: string | null;
  backendStopped: boolean;
}

type Hook = (replay: Replay) => Promise<void>;

interface Arrangements {
  /** Run before the step's customer event is sent (the outcomes it sets off are arranged here). */
  beforeSend: Map<number, Hook[]>;
  /** Run as soon as the step's state is shown (for outcomes of an actor already running). */
  onReach: Map<number, Hook[]>;
  needs: { lookups: number; issues: number; otherIssues: number };
  /** Cards the path takes from the feeder, and hands to the customer. */
  picks: number;
  taken: number;
}

let jamFaults = 0;
let unreadyFaults = 0;

async function openOrder(replay: Replay): Promise<OpenedCardOrder> {
  const order = await backend.openOrder({ accountNumber: ACCOUNT.accountNumber, ...CARD_NAMES });
  replay.order = order;
  replay.code = order.orderCode;
  return order;
}

const inject = (fault: string) => async () => {
  await simulator.control('POST', '/faults', { fault });
};

function requireOrder(replay: Replay): OpenedCardOrder {
  if (!replay.order) throw new Error('no order was arranged before this step');
  return replay.order;
}

/** What to do on the real parts for one outcome; null for outcomes that need nothing. */
function arrangementOf(event: GraphEvent, needs: Arrangements['needs']): Hook | null {
  const label = labelOf(event);
  switch (label) {
    case 'done:lookupOrder(open)':
      needs.lookups += 1;
      return async (replay) => {
        await openOrder(replay);
      };
    case 'done:lookupOrder(expired)':
      needs.lookups += 1;
      return async (replay) => {
        backend.expireOrder((await openOrder(replay)).orderRef);
      };
    case 'done:lookupOrder(issued)':
      needs.lookups += 1;
      needs.otherIssues += 1;
      // Another kiosk of the branch issued its card.
      return async (replay) => {
        await otherKiosk.takeCards((await openOrder(replay)).orderRef, ['issued']);
      };
    case 'done:lookupOrder(issuing)':
      needs.lookups += 1;
      needs.otherIssues += 1;
      // Another kiosk is making its card: the bank has not heard what became of it yet.
      return async (replay) => {
        await otherKiosk.takeCards((await openOrder(replay)).orderRef, ['pending']);
      };
    case 'done:lookupOrder(notFound)':
      needs.lookups += 1;
      return async (replay) => {
        replay.order = null;
        replay.code = await unusedOrderCode();
      };
    case 'done:lookupOrder(offline)':
      // A real order, so the mail request made offline finds it at sync.
      return async (replay) => {
        await openOrder(replay);
        await stopBackend();
        replay.backendStopped = true;
      };
    case 'done:checkPrinter(true)':
      return null;
    case 'done:checkPrinter(false)':
      return async () => {
        await inject(unreadyFaults++ % 2 === 0 ? 'feederEmpty' : 'coverOpen')();
        await waitForView((view) => !cardIssuingOffered(view), 'the printer not ready');
      };
    case 'done:approveCard(approved)':
      needs.issues += 1;
      return null;
    case 'done:approveCard(declined orderNotOpen)':
      needs.issues += 1;
      needs.otherIssues += 1;
      // Issued at another kiosk while this customer looked at the order.
      return async (replay) => {
        await otherKiosk.takeCards(requireOrder(replay).orderRef, ['issued']);
      };
    case 'done:approveCard(declined orderExpired)':
      needs.issues += 1;
      return async (replay) => {
        backend.expireOrder(requireOrder(replay).orderRef);
      };
    case 'done:approveCard(declined tooManyAttempts)':
      needs.issues += 1;
      needs.otherIssues += 3;
      // Three cards of this order were spoiled at another kiosk: no attempt is left.
      return async (replay) => {
        await otherKiosk.takeCards(requireOrder(replay).orderRef, ['spoiled', 'spoiled', 'spoiled']);
      };
    case 'done:approveCard(offline)':
      return async (replay) => {
        await stopBackend();
        replay.backendStopped = true;
      };
    case 'CARD_PRODUCED(presented)':
      return null;
    case 'CARD_PRODUCED(spoiled encodingFailed)':
      return inject('encodingFailure');
    case 'CARD_PRODUCED(spoiled jam)':
      // A card the printer cannot finish and staff must deal with: jammed inside, or printed half.
      return inject(jamFaults++ % 2 === 0 ? 'cardJam' : 'ribbonEndsMidJob');
    case 'CARD_PRODUCED(notPicked)':
      // The printer goes silent after its last status said ready: the pick is never made.
      return inject('noReply');
    case 'CARD_PRODUCED(inDoubt)':
      return inject('powerLossBeforeEject');
    case 'done:awaitCardTaken(taken)':
      return async () => {
        await simulator.control('POST', '/take');
      };
    case 'done:awaitCardTaken(retained)':
      // Nobody takes it: the deadline passes.
      return null;
    case 'done:awaitCardTaken(inDoubt)':
      return inject('noReply');
    case 'done:requestMail':
    case 'done:completeIssuing(unavailable)':
      return null;
  }
  throw new Error(`no arrangement for ${label}`);
}

/** Plans, for one path, what to arrange on the real parts and when. */
function arrangementsFor(path: ReplayPath): Arrangements {
  const result: Arrangements = {
    beforeSend: new Map(),
    onReach: new Map(),
    needs: { lookups: 0, issues: 0, otherIssues: 0 },
    picks: 0,
    taken: 0,
  };
  const add = (map: Map<number, Hook[]>, index: number, hook: Hook) =>
    map.set(index, [...(map.get(index) ?? []), hook]);
  const steps = path.steps;
  for (let i = 1; i < steps.length; i++) {
    const event = steps[i]!.event;
    if (event.type === 'FLOW_ABORT') continue;
    if (isCustomerEvent(event)) {
      // A code typed and cancelled before the answer still asks the backend.
      const next = steps[i + 1]?.event;
      if (event.type === 'CARD_ORDER_CODE' && next?.type !== 'xstate.done.actor.lookupOrder')
        result.needs.lookups += 1;
      continue;
    }
    const hook = arrangementOf(event, result.needs);
    const label = labelOf(event);
    if (event.type === 'CARD_PRODUCED') {
      if (!label.includes('notPicked')) result.picks += 1;
    }
    if (label === 'done:awaitCardTaken(taken)') result.taken += 1;
    if (!hook) continue;
    const before = steps[i - 1]!.state;
    if (event.type === 'CARD_PRODUCED' && before.context.attempt > 1) {
      // A second card: arranged once the first one is out of the way and the new one is asked for.
      const retry = steps.findLastIndex((step, j) => j < i && step.state.value === 'approving');
      add(result.onReach, retry, hook);
    } else if (event.type.startsWith('xstate.done.actor.awaitCardTaken')) {
      add(result.onReach, i - 1, hook);
    } else {
      let trigger = i - 1;
      while (trigger > 0 && !isCustomerEvent(steps[trigger]!.event)) trigger -= 1;
      add(result.beforeSend, trigger, hook);
    }
  }
  return result;
}

/** Restarts the backend when the path would take it over a limit within the minute. */
async function withinBackendLimits(needs: Arrangements['needs']): Promise<void> {
  const minuteAgo = Date.now() - 61_000;
  for (const key of ['lookups', 'issues', 'otherIssues'] as const) {
    budget[key] = budget[key].filter((at) => at > minuteAgo);
  }
  const over =
    budget.lookups.length + needs.lookups > BACKEND_LIMIT_PER_MINUTE ||
    budget.issues.length + needs.issues > BACKEND_LIMIT_PER_MINUTE ||
    budget.otherIssues.length + needs.otherIssues > BACKEND_LIMIT_PER_MINUTE;
  if (over) await restartBackend();
}

function spend(needs: Arrangements['needs']): void {
  const now = Date.now();
  for (const key of ['lookups', 'issues', 'otherIssues'] as const) {
    for (let n = 0; n < needs[key]; n++) budget[key].push(now);
  }
}

// ---------------------------------------------------------------------------------------------
// One replay.

/** Closes whatever the flow left open and waits for the attract screen. */
async function backToAttract(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const view = runtime.getView();
    if (view.screen === 'attract') return;
    if (view.screen === 'language' || view.screen === 'menu') await send({ type: 'BACK' });
    else if (
      view.card &&
      [
        'chooseMethod',
        'enterCode',
        'confirmOrder',
        'offerMail',
        'done',
        'failed',
        'cancelled',
        'mailRequested',
      ].includes(view.card.step)
    )
      await send({ type: 'CARD_CANCEL' });
    else if (view.card?.step === 'presenting')
      await simulator.control('POST', '/take').catch(() => undefined);
    await sleep(50);
  }
  throw new Error(`the kiosk did not return to attract: ${JSON.stringify(runtime.getView())}`);
}

/** Staff's round: faults cleared, recovery done, the exit empty, feeder and ribbon full, bin empty. */
async function resetPrinter(): Promise<void> {
  await simulator.control('DELETE', '/faults');
  await until(() => openCardIntents() === 0, 'card recovery to settle every open card', 20_000);
  const state = await simulatorCounters();
  if (state.position === 'atExit') await simulator.control('POST', '/take');
  await simulator.control('POST', '/replenish');
  await waitForView(cardIssuingOffered, 'the card issuing flow offered again');
}

/** A full card number in a journal entry: the BIN and ten more digits. */
const FULL_NUMBER = new RegExp(`${CARD_BIN}\\d{10}`);

/** Every card taken from the feeder during the path is recorded once, as issued or spoiled. */
function checkAccounting(
  rows: JournalRow[],
  counters: { before: SimulatorCounters; after: SimulatorCounters },
  arranged: Arrangements,
): void {
  const data = (row: JournalRow) => JSON.parse(row.data_json) as Record<string, unknown>;
  const intents = rows.filter((row) => {
    const d = data(row);
    return row.type === 'device.intent' && d.device === 'cardPrinter' && d.action === 'produceCard';
  });
  const outcomes = rows.filter((row) => row.type === 'device.outcome');
  const cardRecords = rows.filter((row) => row.type === 'card.issued' || row.type === 'card.spoiled');
  const picked = counters.after.picked - counters.before.picked;

  expect(picked, 'cards the printer took from its feeder').toBe(arranged.picks);
  expect(cardRecords.length, 'card.issued and card.spoiled records, one per card picked').toBe(picked);
  expect(rows.filter((row) => row.type === 'card.issued').length, 'cards issued').toBe(arranged.taken);
  const perAttempt = new Map<string, number>();
  for (const row of cardRecords) {
    const attemptId = String(data(row).attemptId);
    perAttempt.set(attemptId, (perAttempt.get(attemptId) ?? 0) + 1);
  }
  expect(
    [...perAttempt.values()].every((count) => count === 1),
    'one card per attempt',
  ).toBe(true);
  const intentAttempts = intents.map((row) => String((data(row).context as { attemptId: string }).attemptId));
  expect(new Set(intentAttempts).size, 'one card intent per attempt').toBe(intentAttempts.length);
  for (const intent of intents) {
    const closing = outcomes.filter((row) => data(row).intentSeq === intent.seq);
    expect(closing.length, `outcomes of card intent ${intent.seq}`).toBe(1);
  }
  for (const row of rows) {
    expect(
      FULL_NUMBER.test(row.data_json),
      `journal entry ${row.seq} (${row.type}) holds a card number`,
    ).toBe(false);
  }
}

async function replay(path: ReplayPath): Promise<void> {
  const arranged = arrangementsFor(path);
  await withinBackendLimits(arranged.needs);
  await waitForView(
    (view) => view.screen === 'attract' && view.backendOnline && cardIssuingOffered(view),
    'attract, online, card issuing offered',
  );
  const startSeq = lastJournalSeq();
  const before = await simulatorCounters();
  const state: Replay = { order: null, code: null, backendStopped: false };
  const walksAway = path.steps.some((step) => step.event.type === 'FLOW_ABORT');
  spend(arranged.needs);

  expect(await send({ type: 'START' })).toEqual({ accepted: true });
  expect(await send({ type: 'CHOOSE_LANGUAGE', language: 'es' })).toEqual({ accepted: true });
  await waitForView(
    (view) => view.screen === 'menu' && cardIssuingOffered(view),
    'the menu offering card issuing',
  );
  const trail = new ViewTrail(runtime);
  try {
    expect(await send({ type: 'SELECT_FLOW', flow: 'cardIssuing' })).toEqual({ accepted: true });
    let previous = shapeOf(null);
    let promptsEnded = 0;
    for (const [index, step] of path.steps.entries()) {
      const event = step.event;
      const label = `step ${index} (${labelOf(event)})`;
      for (const hook of arranged.beforeSend.get(index) ?? []) await hook(state);
      if (event.type === 'FLOW_ABORT') {
        // The customer walks away: nothing is touched until the session's prompt times out.
        await until(() => trail.promptsEnded > promptsEnded, 'the session to time out', 10_000);
      }
      if (index > 0 && isCustomerEvent(event)) {
        // A customer slow to tap (an arrangement took long) answers the time-out prompt first.
        if (runtime.getView().timeoutPrompt)
          expect(await send({ type: 'MORE_TIME' })).toEqual({ accepted: true });
        const uiEvent =
          event.type === 'CARD_ORDER_CODE'
            ? { type: event.type, code: state.code ?? (await unusedOrderCode()) }
            : event;
        state.code = null;
        expect(await send(uiEvent as UiEvent), `${label} accepted`).toEqual({ accepted: true });
      }
      const expected = expectedShape(step.state);
      // A flow that closed shows its last screen for as long as the session takes to move on.
      const meanwhile =
        step.state.status === 'done' ? [previous, shapeOf(toCardIssuingView(step.state))] : [previous];
      const view = await trail.reach(expected, meanwhile, label, 20_000);
      // A session that timed out wipes the screen; one the customer finished says goodbye.
      if (step.state.status === 'done') expect(view.screen).toBe(walksAway ? 'attract' : 'goodbye');
      else expectCustomerSees(step.state, view.card!);
      if (view.card?.step === 'producing') {
        // The last four digits shown are those of the number the bank issued for this card.
        const issued = backend
          .cardsOf(runtime.config.kioskId)
          .filter((c) => c.orderRef === state.order?.orderRef);
        expect(view.card.panLast4).toBe(issued.at(-1)?.last4);
      }
      previous = expected;
      promptsEnded = trail.promptsEnded;
      for (const hook of arranged.onReach.get(index) ?? []) await hook(state);
    }
  } finally {
    trail.stop();
  }

  await backToAttract();
  if (state.backendStopped || !backend.running) await restartBackend();
  await resetPrinter();
  const after = await simulatorCounters();
  checkAccounting(journalSince(startSeq), { before, after }, arranged);
}

// ---------------------------------------------------------------------------------------------

const replayed: string[] = [];
const startedAt = Date.now();

describe('card issuing model on the kiosk runtime, the card printer simulator and the backend', () => {
  beforeAll(async () => {
    backend = new CardBackendProcess({
      kiosks: [KIOSK, WALK_AWAY_KIOSK, OTHER_KIOSK],
      accounts: [ACCOUNT],
      cardBin: CARD_BIN,
      operatorPassword: 'card model operator password',
    });
    const [sim] = await Promise.all([
      startSimulatorProcess('simulators/card-printer/main.ts', {
        name: 'card-printer-model',
        extraArgs: ['--timing', 'fast', '--byte-delay-ms', '0', '--auto-take-ms', '0'],
      }),
      backend.start(),
    ]);
    simulator = sim;
    otherKiosk = new OtherKiosk(OTHER_KIOSK, () => backend.url);
    await startKiosk(KIOSK, { inactivityMs: 600_000, cardTakeTimeoutMs: TAKE_TIMEOUT_MS });
  }, 60_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') {
      console.log(`runtime log (last lines):\n${runtimeLog.slice(-40).join('\n')}`);
      console.log(`backend log (tail):\n${backend.logTail(3_000)}`);
    }
  });

  afterAll(async () => {
    await runtime?.stop();
    await simulator?.stopAndVerify();
    await backend?.dispose();
    for (const path of databasePaths) rmSync(dirname(path), { recursive: true, force: true });
  }, 60_000);

  it('plans replays to every screen and ending the real parts can reach', () => {
    console.log(
      [
        `card issuing model on real parts: ${plan.full.length} states over every event, ${plan.real.length} over the events the real parts produce`,
        `  generated: ${plan.toScreens.length} shortest paths to screens + ${plan.toEndings.length} simple paths to endings`,
        `  replayed: ${plan.replays.length} runs, covering ${plan.covered.length} more paths as their prefixes`,
        `  walk-aways: ${plan.toWalkAways.length} shortest paths where the customer walks away, replayed in ${plan.walkAways.length} runs`,
        `  skipped: ${plan.unreachable.length} states the real parts cannot reach (listed below as skipped)`,
      ].join('\n'),
    );
    const endings = new Set(
      plan.replays.filter((p) => p.state.status === 'done').map((p) => p.state.output?.ending),
    );
    expect([...endings].sort()).toEqual(['cancelled', 'failed', 'issued', 'mailRequested']);
    expect(plan.replays.length + plan.walkAways.length).toBeGreaterThanOrEqual(MIN_REPLAYS);
    expect(plan.walkAways.length).toBeGreaterThan(0);
  });

  const runReplay = async (name: string, path: ReplayPath) => {
    try {
      await replay(path);
      replayed.push(name);
    } catch (error) {
      // The next replay starts from a clean kiosk whatever this one left.
      await backToAttract().catch(() => undefined);
      if (!backend.running) await restartBackend().catch(() => undefined);
      await resetPrinter().catch(() => undefined);
      throw error;
    }
  };

  describe('replays', () => {
    it.each(plan.replays.map((path) => [describePath(path), path] as const))('%s', runReplay, 60_000);
  });

  describe('replays where the customer walks away (a kiosk with a 1 s inactivity time-out)', () => {
    beforeAll(async () => {
      await startKiosk(WALK_AWAY_KIOSK, WALK_AWAY);
    }, 60_000);

    it.each(plan.walkAways.map((path) => [describePath(path), path] as const))('%s', runReplay, 60_000);
  });

  it('replayed every planned path, and the bank closed every card number it issued to the kiosk', async () => {
    console.log(
      `card issuing model on real parts: ${replayed.length} paths replayed (+${plan.covered.length} as prefixes) in ${Math.round(
        (Date.now() - startedAt) / 1000,
      )} s, backend restarted ${backendRestarts} times`,
    );
    expect(replayed.length).toBe(plan.replays.length + plan.walkAways.length);
    expect(replayed.length).toBeGreaterThanOrEqual(MIN_REPLAYS);
    await until(() => runtime.syncBacklog()?.pending === 0, 'the kiosk to sync its records', 20_000);
    for (const kiosk of [KIOSK, WALK_AWAY_KIOSK]) {
      expect(backend.rejectedRecordsOf(kiosk.kioskId)).toEqual([]);
      expect(backend.unmatchedMailRequestsOf(kiosk.kioskId)).toEqual([]);
      const cards = backend.cardsOf(kiosk.kioskId);
      expect(cards.length).toBeGreaterThan(0);
      expect(cards.filter((card) => card.status === 'pending')).toEqual([]);
    }
    // No card number anywhere in the kiosks' databases: journal, outbox, persisted session.
    for (const path of databasePaths) {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        const texts = [
          ...(db.prepare('SELECT data_json AS text FROM journal').all() as Array<{ text: string }>),
          ...(db.prepare('SELECT data_json AS text FROM outbox').all() as Array<{ text: string }>),
          ...(db.prepare('SELECT snapshot_json AS text FROM flow_snapshots').all() as Array<{
            text: string;
          }>),
        ];
        expect(texts.length).toBeGreaterThan(0);
        expect(texts.filter((row) => FULL_NUMBER.test(row.text))).toEqual([]);
      } finally {
        db.close();
      }
    }
  }, 60_000);

  describe('paths the real parts cannot take', () => {
    it.skip.each(
      plan.unreachable.map(({ path, event, reason }) => [`${describePath(path)} — ${event}: ${reason}`]),
    )('%s', () => undefined);
  });
});
