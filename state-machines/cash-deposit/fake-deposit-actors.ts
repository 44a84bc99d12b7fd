import { type EventObject, fromCallback, fromPromise } from 'xstate';
import type {
  CashInEvent,
  CashInInput,
  CompleteDepositInput,
  CompleteDepositOutput,
  LookupAccountInput,
  LookupAccountOutput,
  RouteNoteInput,
  RouteNoteOutput,
} from './cash-deposit-types.ts';

/**
 * Test doubles of the deposit machine's actors. Each promise actor waits until the test settles
 * it, so a test decides what the backend, the validator or the journal answer, and when; the
 * cash-in actor hands the test its `sendBack`, so device events arrive the way the runtime's would.
 */

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface Outputs {
  lookupAccount: LookupAccountOutput;
  routeNote: RouteNoteOutput;
  completeDeposit: CompleteDepositOutput;
}

export type PromiseActorName = keyof Outputs;

export function createFakeDepositActors() {
  const pending: { [K in PromiseActorName]?: Pending<Outputs[K]> } = {};
  const calls = {
    lookupAccount: [] as LookupAccountInput[],
    cashIn: [] as CashInInput[],
    routeNote: [] as RouteNoteInput[],
    completeDeposit: [] as CompleteDepositInput[],
  };
  let sendBack: ((event: CashInEvent) => void) | null = null;
  let cashInStops = 0;

  function waitFor<K extends PromiseActorName>(name: K): Promise<Outputs[K]> {
    return new Promise<Outputs[K]>((resolve, reject) => {
      (pending as Record<K, Pending<Outputs[K]>>)[name] = { resolve, reject };
    });
  }

  function take<K extends PromiseActorName>(name: K): Pending<Outputs[K]> {
    const waiting = pending[name] as Pending<Outputs[K]> | undefined;
    if (!waiting) throw new Error(`fake ${name}: not running`);
    delete pending[name];
    return waiting;
  }

  const actors = {
    lookupAccount: fromPromise<LookupAccountOutput, LookupAccountInput>(({ input }) => {
      calls.lookupAccount.push(input);
      return waitFor('lookupAccount');
    }),
    cashIn: fromCallback<EventObject, CashInInput>(({ input, sendBack: send }) => {
      calls.cashIn.push(input);
      sendBack = send;
      return () => {
        sendBack = null;
        cashInStops += 1;
      };
    }),
    routeNote: fromPromise<RouteNoteOutput, RouteNoteInput>(({ input }) => {
      calls.routeNote.push(input);
      return waitFor('routeNote');
    }),
    completeDeposit: fromPromise<CompleteDepositOutput, CompleteDepositInput>(({ input }) => {
      calls.completeDeposit.push(input);
      return waitFor('completeDeposit');
    }),
  };

  return {
    actors,
    calls,
    resolve<K extends PromiseActorName>(name: K, output: Outputs[K]) {
      take(name).resolve(output);
    },
    reject(name: PromiseActorName, error: unknown) {
      take(name).reject(error);
    },
    isRunning: (name: PromiseActorName | 'cashIn') =>
      name === 'cashIn' ? sendBack !== null : pending[name] !== undefined,
    /** A device event, sent the way the runtime's cash-in actor sends it. */
    device(event: CashInEvent) {
      if (!sendBack) throw new Error(`fake cashIn: not running, cannot report ${event.type}`);
      sendBack(event);
    },
    get cashInStops() {
      return cashInStops;
    },
  };
}

export type FakeDepositActors = ReturnType<typeof createFakeDepositActors>;
