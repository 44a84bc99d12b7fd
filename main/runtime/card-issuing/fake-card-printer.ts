import {
  type CardPosition,
  type CardPrinter,
  type CardPrinterCounters,
  type CardPrinterState,
  type DeviceState,
  type DeviceStatus,
  failed,
  type MagstripeTracks,
  type MonoBitmap,
  type OperationResult,
  succeeded,
} from '../../../contracts/index.ts';

export type CardPrinterOperation =
  | 'readState'
  | 'pickCard'
  | 'encodeMagstripe'
  | 'printFront'
  | 'ejectCard'
  | 'rejectCard'
  | 'waitCardTaken';

type Failure = Exclude<OperationResult<never>, { code: 'success' }>;

/**
 * A card printer double for tests: it keeps the card's position and the lifetime counters as the
 * real printer does, records every call, and fails an operation when told to. `silent()` makes
 * every operation time out, as a printer that stopped answering.
 */
export function createFakeCardPrinter(options: { feederCards?: number } = {}) {
  let position: CardPosition = 'none';
  const counters: CardPrinterCounters = { picked: 100, ejected: 80, rejected: 20 };
  let feederCards = options.feederCards ?? 50;
  let silent = false;
  let customerTakes = true;
  const faults = new Map<CardPrinterOperation, { result: Failure; times: number }>();
  const calls: CardPrinterOperation[] = [];
  const encoded: MagstripeTracks[] = [];
  const printed: MonoBitmap[] = [];
  const listeners = new Set<(status: DeviceStatus) => void>();
  const hooks: Partial<Record<CardPrinterOperation, () => void>> = {};
  let current: DeviceStatus = status('online', true);

  function status(state: DeviceState, ready: boolean): DeviceStatus {
    return {
      device: 'cardPrinter',
      state,
      ready,
      detail: {
        feederCards,
        feederNearEmpty: feederCards < 5,
        ribbonPanels: 200,
        ribbonLow: false,
        rejectBinCards: 0,
        rejectBinCapacity: 50,
        position,
        minorStates: 'PRINTER_READY',
      },
      action: 'none',
      message: null,
      since: new Date().toISOString(),
    };
  }

  const state = (): CardPrinterState => ({
    position,
    counters: { ...counters },
    supplies: {
      feederCards,
      feederNearEmpty: feederCards < 5,
      ribbonPanels: 200,
      ribbonLow: false,
      rejectBinCards: 0,
      rejectBinCapacity: 50,
    },
  });

  /** Records the call; returns the failure to answer with, if any. */
  const enter = (operation: CardPrinterOperation): Failure | null => {
    calls.push(operation);
    hooks[operation]?.();
    if (silent) return { code: 'timeout', message: 'no reply' };
    const fault = faults.get(operation);
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) faults.delete(operation);
    return fault.result;
  };

  const printer: CardPrinter = {
    device: 'cardPrinter',
    start: async () => undefined,
    stop: async () => undefined,
    status: () => current,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refreshStatus: async () => succeeded(current),
    readState: async () => enter('readState') ?? succeeded(state()),
    pickCard: async () => {
      const fault = enter('pickCard');
      if (fault) return fault;
      if (position !== 'none') return failed('sequenceError', 'a card is inside', 'SEQ');
      if (feederCards === 0) return failed('userError', 'feeder empty', 'FEEDER_EMPTY');
      feederCards -= 1;
      counters.picked += 1;
      position = 'inPrinter';
      return succeeded(state());
    },
    encodeMagstripe: async (tracks) => {
      const fault = enter('encodeMagstripe');
      if (fault) return fault;
      if (position !== 'inPrinter') return failed('sequenceError', 'no card', 'SEQ');
      encoded.push(tracks);
      return succeeded(undefined);
    },
    printFront: async (panel) => {
      const fault = enter('printFront');
      if (fault) return fault;
      if (position !== 'inPrinter') return failed('sequenceError', 'no card', 'SEQ');
      printed.push(panel);
      return succeeded(undefined);
    },
    ejectCard: async () => {
      const fault = enter('ejectCard');
      if (fault) return fault;
      if (position !== 'inPrinter') return failed('sequenceError', 'no card', 'SEQ');
      counters.ejected += 1;
      position = 'atExit';
      return succeeded(undefined);
    },
    rejectCard: async () => {
      const fault = enter('rejectCard');
      if (fault) return fault;
      if (position === 'none') return failed('sequenceError', 'no card', 'SEQ');
      counters.rejected += 1;
      position = 'none';
      return succeeded(undefined);
    },
    waitCardTaken: async () => {
      const fault = enter('waitCardTaken');
      if (fault) return fault;
      if (position !== 'atExit') return failed('sequenceError', 'no card at the exit', 'SEQ');
      if (!customerTakes) return failed('timeout', 'not taken');
      position = 'none';
      return succeeded(undefined);
    },
  };

  return {
    printer,
    calls,
    encoded,
    printed,
    counters: () => ({ ...counters }),
    position: () => position,
    /** Puts the printer in a state, as a crash would have left it. */
    place(at: CardPosition, change: Partial<CardPrinterCounters> = {}) {
      position = at;
      Object.assign(counters, change);
    },
    fail(operation: CardPrinterOperation, result: Failure, times = 1) {
      faults.set(operation, { result, times });
    },
    /** Runs `hook` at the start of every call of `operation` (to look at the world mid-job). */
    on(operation: CardPrinterOperation, hook: () => void) {
      hooks[operation] = hook;
    },
    silent(on: boolean) {
      silent = on;
    },
    customerTakes(on: boolean) {
      customerTakes = on;
    },
    setStatus(state: DeviceState, ready = state === 'online') {
      current = status(state, ready);
      for (const listener of listeners) listener(current);
    },
    emptyFeeder() {
      feederCards = 0;
      current = status(current.state, current.ready);
    },
    /** Forgets the calls so far. */
    resetCalls() {
      calls.length = 0;
    },
  };
}

export type FakeCardPrinter = ReturnType<typeof createFakeCardPrinter>;
