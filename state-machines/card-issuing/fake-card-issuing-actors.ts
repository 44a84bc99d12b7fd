import { type EventObject, fromCallback, fromPromise } from 'xstate';
import type {
  ApproveCardInput,
  ApproveCardOutput,
  AwaitCardTakenInput,
  AwaitCardTakenOutput,
  CheckPrinterOutput,
  CompleteIssuingInput,
  CompleteIssuingOutput,
  LookupOrderInput,
  LookupOrderOutput,
  ProduceCardEvent,
  ProduceCardInput,
  RequestMailInput,
  TellerApprovalInput,
  TellerApprovalOutput,
} from './card-issuing-types.ts';

/**
 * Test doubles of the card issuing machine's actors. A promise actor answers at once with the next
 * outcome queued for it (`queue`), or else waits until the test settles it (`resolve` / `reject`),
 * so a test decides what the backend, the printer and the journal answer, and when. The producer
 * hands the test its `sendBack`, so CARD_PHASE and CARD_PRODUCED arrive the way the runtime's would.
 */

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface Outputs {
  lookupOrder: LookupOrderOutput;
  checkPrinter: CheckPrinterOutput;
  approveCard: ApproveCardOutput;
  awaitCardTaken: AwaitCardTakenOutput;
  // biome-ignore lint/suspicious/noConfusingVoidType: the machine's requestMail resolves to nothing, as an async function does.
  requestMail: void;
  completeIssuing: CompleteIssuingOutput;
  tellerApproval: TellerApprovalOutput;
}

export type CardPromiseActorName = keyof Outputs;

/** An outcome queued for one call: an output, or an error to fail with. */
export type Outcome<T> = { output: T } | { error: unknown };

export function createFakeCardIssuingActors() {
  const pending: { [K in CardPromiseActorName]?: Pending<Outputs[K]> } = {};
  const queued: { [K in CardPromiseActorName]: Outcome<Outputs[K]>[] } = {
    lookupOrder: [],
    checkPrinter: [],
    approveCard: [],
    awaitCardTaken: [],
    requestMail: [],
    completeIssuing: [],
    tellerApproval: [],
  };
  const calls = {
    lookupOrder: [] as LookupOrderInput[],
    /** The printer check takes no input: how many times it was asked. */
    checkPrinter: 0,
    approveCard: [] as ApproveCardInput[],
    produceCard: [] as ProduceCardInput[],
    awaitCardTaken: [] as AwaitCardTakenInput[],
    requestMail: [] as RequestMailInput[],
    completeIssuing: [] as CompleteIssuingInput[],
    tellerApproval: [] as TellerApprovalInput[],
  };
  let sendBack: ((event: ProduceCardEvent) => void) | null = null;
  let producerStops = 0;

  function answer<K extends CardPromiseActorName>(name: K): Promise<Outputs[K]> {
    const next = queued[name].shift();
    if (next) return 'error' in next ? Promise.reject(next.error) : Promise.resolve(next.output);
    return new Promise<Outputs[K]>((resolve, reject) => {
      (pending as Record<K, Pending<Outputs[K]>>)[name] = { resolve, reject };
    });
  }

  function take<K extends CardPromiseActorName>(name: K): Pending<Outputs[K]> {
    const waiting = pending[name] as Pending<Outputs[K]> | undefined;
    if (!waiting) throw new Error(`fake ${name}: not running`);
    delete pending[name];
    return waiting;
  }

  /** A promise actor that logs its input and answers as the test says; stopping it drops its call. */
  function promiseActor<K extends CardPromiseActorName, Input>(name: K, log: (input: Input) => void) {
    return fromPromise<Outputs[K], Input>(({ input, signal }) => {
      log(input);
      signal.addEventListener('abort', () => {
        delete pending[name];
      });
      return answer(name);
    });
  }

  const actors = {
    lookupOrder: promiseActor('lookupOrder', (input: LookupOrderInput) => calls.lookupOrder.push(input)),
    checkPrinter: promiseActor<'checkPrinter', unknown>('checkPrinter', () => {
      calls.checkPrinter += 1;
    }),
    approveCard: promiseActor('approveCard', (input: ApproveCardInput) => calls.approveCard.push(input)),
    produceCard: fromCallback<EventObject, ProduceCardInput>(({ input, sendBack: send }) => {
      calls.produceCard.push(input);
      sendBack = send;
      return () => {
        sendBack = null;
        producerStops += 1;
      };
    }),
    awaitCardTaken: promiseActor('awaitCardTaken', (input: AwaitCardTakenInput) =>
      calls.awaitCardTaken.push(input),
    ),
    requestMail: promiseActor('requestMail', (input: RequestMailInput) => calls.requestMail.push(input)),
    completeIssuing: promiseActor('completeIssuing', (input: CompleteIssuingInput) =>
      calls.completeIssuing.push(input),
    ),
    tellerApproval: promiseActor('tellerApproval', (input: TellerApprovalInput) =>
      calls.tellerApproval.push(input),
    ),
  };

  return {
    actors,
    calls,
    /** Outcomes the next calls of `name` answer with at once, in order. */
    queue<K extends CardPromiseActorName>(name: K, ...outcomes: Outcome<Outputs[K]>[]) {
      queued[name].push(...outcomes);
    },
    resolve<K extends CardPromiseActorName>(name: K, output: Outputs[K]) {
      take(name).resolve(output);
    },
    reject(name: CardPromiseActorName, error: unknown) {
      take(name).reject(error);
    },
    isRunning: (name: CardPromiseActorName | 'produceCard') =>
      name === 'produceCard' ? sendBack !== null : pending[name] !== undefined,
    /** A producer event, sent the way the runtime's produceCard sends it. */
    produce(event: ProduceCardEvent) {
      if (!sendBack) throw new Error(`fake produceCard: not running, cannot report ${event.type}`);
      sendBack(event);
    },
    get producerStops() {
      return producerStops;
    },
  };
}

export type FakeCardIssuingActors = ReturnType<typeof createFakeCardIssuingActors>;
