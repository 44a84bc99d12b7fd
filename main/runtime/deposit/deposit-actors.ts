import { type EventObject, fromCallback, fromPromise } from 'xstate';
import type {
  BillValidator,
  CashDeposit,
  CoinAcceptor,
  Language,
  ReceiptPrinter,
  Unsubscribe,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  CashInEvent,
  CashInInput,
  CompleteDepositInput,
  CompleteDepositOutput,
  LookupAccountInput,
  LookupAccountOutput,
  RouteNoteInput,
  RouteNoteOutput,
} from '../../../state-machines/cash-deposit/cash-deposit-types.ts';
import type { AccountLookup } from '../backend/backend-link.ts';
import type { CashLedger } from '../cash/types.ts';
import type { JournalStore } from '../journal/types.ts';
import { depositReceipt } from '../receipts/deposit-receipt.ts';

export const ROUTE_NOTE_ACTION = 'routeNote';
const DEPOSIT_LOOKBACK = 500;

export interface DepositActorDeps {
  validator: BillValidator | null;
  coins: CoinAcceptor | null;
  printer: ReceiptPrinter | null;
  ledger: () => CashLedger;
  journal: () => JournalStore;
  lookupAccount: (accountNumber: string) => Promise<AccountLookup>;
  /** The customer's language, for the receipt. */
  language: () => Language;
  /** The last four digits of the deposit's account, as the flow shows them; for the receipt. */
  accountLast4: () => string | null;
  /** Cash moving is customer activity: keeps the session from timing out. */
  onActivity: () => void;
  /** A business record was committed: wake the sync client. */
  onRecorded: () => void;
  bankName: string;
  kioskId: string;
  log: Logger;
}

/**
 * The runtime's side of the cash deposit machine: device calls, the cash ledger and the journal.
 *
 * XState re-runs an invoked promise actor when a snapshot taken while it ran is restored, so the
 * two that move or record money are idempotent through the journal: `routeNote` is keyed by
 * (depositId, escrowSeq) and `completeDeposit` by depositId. A re-run finds the earlier attempt's
 * outcome and returns it; an attempt left without an outcome was resolved as in doubt at start-up
 * and comes back as `failed`, never repeated.
 */
export function createDepositActors(deps: DepositActorDeps) {
  const { log } = deps;

  const lookupAccount = fromPromise<LookupAccountOutput, LookupAccountInput>(({ input }) =>
    deps.lookupAccount(input.accountNumber),
  );

  let cashInRunning = 0;
  const cashIn = fromCallback<EventObject, CashInInput>(({ input, sendBack }) => {
    cashInRunning += 1;
    const offs: Unsubscribe[] = [
      () => {
        cashInRunning -= 1;
      },
    ];
    const send = (event: CashInEvent) => {
      deps.onActivity();
      sendBack(event);
    };
    if (!deps.validator && !deps.coins) {
      send({ type: 'DEVICE_FAULT', fault: 'deviceDown' });
      return () => {
        cashInRunning -= 1;
      };
    }
    if (deps.validator) {
      const validator = deps.validator;
      offs.push(
        validator.onEvent((event) => {
          switch (event.kind) {
            case 'escrow':
              // The ledger is fed by feedCashLedger, whether or not a deposit listens.
              send({ type: 'NOTE_ESCROWED', value: event.denomination.value });
              return;
            case 'rejected':
              send({ type: 'NOTE_REJECTED', reason: event.reason });
              return;
            case 'fraud':
              send({ type: 'DEVICE_FAULT', fault: 'fraud' });
              return;
            case 'jam':
              send({ type: 'DEVICE_FAULT', fault: 'jam' });
              return;
            case 'stackerFull':
              send({ type: 'DEVICE_FAULT', fault: 'stackerFull' });
              return;
            case 'eventsLost':
            case 'powerUp':
              // The validator cannot tell what happened to a note: the deposit stops here and what
              // was counted is credited; the journal keeps the device's report.
              deps.journal().record({
                type: 'cash.deviceEvent',
                data: { device: 'billValidator', kind: event.kind },
                durability: 'moneyOrCard',
                sync: false,
              });
              send({ type: 'DEVICE_FAULT', fault: 'deviceDown' });
              return;
            default:
              // stacked / returned are awaited by routeNote.
              return;
          }
        }),
      );
      offs.push(
        validator.onStatus((status) => {
          if (status.state === 'offline' || status.state === 'noDevice')
            send({ type: 'DEVICE_FAULT', fault: 'deviceDown' });
        }),
      );
      void validator.accept(input.noteTypes.map((d) => d.type)).then((result) => {
        if (result.code !== 'success') {
          log.warn('bill validator did not accept the inhibit change', { code: result.code });
          send({ type: 'DEVICE_FAULT', fault: 'deviceDown' });
        }
      });
    }
    if (deps.coins) {
      const coins = deps.coins;
      offs.push(
        coins.onEvent((event) => {
          if (event.kind === 'credit') {
            send({ type: 'COIN_CREDITED', value: event.denomination.value });
          } else if (event.kind === 'jam') send({ type: 'DEVICE_FAULT', fault: 'jam' });
          else if (event.kind === 'fraud') send({ type: 'DEVICE_FAULT', fault: 'fraud' });
          else if (event.kind === 'eventsLost' || event.kind === 'powerUp') {
            deps.journal().record({
              type: 'cash.deviceEvent',
              data: { device: 'coinAcceptor', kind: event.kind },
              durability: 'moneyOrCard',
              sync: false,
            });
          }
        }),
      );
      void coins.accept(input.coinTypes.map((d) => d.type));
    }
    return () => {
      for (const off of offs) off();
      void deps.validator?.refuse();
      void deps.coins?.refuse();
    };
  });

  /** The outcome already journaled for this routing, if an earlier run (before a restart) did it. */
  const earlierRouting = (input: RouteNoteInput): RouteNoteOutput | 'none' => {
    const journal = deps.journal();
    const intent = journal.search({ type: 'device.intent', limit: DEPOSIT_LOOKBACK }).find((entry) => {
      const data = entry.data as { action?: string; context?: { depositId?: string; escrowSeq?: number } };
      return (
        data.action === ROUTE_NOTE_ACTION &&
        data.context?.depositId === input.depositId &&
        data.context?.escrowSeq === input.escrowSeq
      );
    });
    if (!intent) return 'none';
    const outcome = journal
      .search({ type: 'device.outcome', limit: DEPOSIT_LOOKBACK })
      .find((entry) => (entry.data as { intentSeq?: number }).intentSeq === intent.seq);
    const code = (outcome?.data as { outcome?: string } | undefined)?.outcome;
    return code === 'stacked' || code === 'returned' ? code : 'failed';
  };

  const routeNote = fromPromise<RouteNoteOutput, RouteNoteInput>(async ({ input, signal }) => {
    const earlier = earlierRouting(input);
    if (earlier !== 'none') return earlier;
    if (!deps.validator) return 'failed';
    const journal = deps.journal();
    const intent = journal.recordIntent({
      device: 'billValidator',
      action: ROUTE_NOTE_ACTION,
      context: {
        depositId: input.depositId,
        escrowSeq: input.escrowSeq,
        decision: input.decision,
        value: input.value,
      },
    });
    const result = await deps.validator.route(input.decision, { signal });
    const outcome: RouteNoteOutput = result.code === 'success' ? result.value : 'failed';
    if (outcome === 'stacked') deps.ledger().noteStacked(input.value);
    if (outcome === 'returned') deps.ledger().noteReturned(input.value);
    journal.recordOutcome(intent, outcome, { code: result.code });
    if (outcome === 'failed')
      log.warn('note routing failed', { code: result.code, decision: input.decision });
    return outcome;
  });

  /** A deposit already recorded under this id (a re-run after a restart). */
  const recordedDeposit = (depositId: string): boolean =>
    deps
      .journal()
      .search({ type: 'cash.deposit', limit: DEPOSIT_LOOKBACK })
      .some((entry) => (entry.data as { depositId?: string }).depositId === depositId);

  const completeDeposit = fromPromise<CompleteDepositOutput, CompleteDepositInput>(
    async ({ input, signal }) => {
      const record: CashDeposit = { ...input, completedAt: new Date().toISOString() };
      if (!recordedDeposit(input.depositId)) {
        deps.journal().record({ type: 'cash.deposit', data: record, durability: 'moneyOrCard', sync: true });
        deps.onRecorded();
      } else {
        log.info('deposit already recorded; not recorded again');
      }
      // A customer who walked away gets no receipt: the next person would find it.
      if (input.ending === 'timedOut' || !deps.printer || !deps.printer.status().ready) {
        return { receipt: 'unavailable' };
      }
      const last4 = deps.accountLast4() ?? (input.accountNumber ?? '').slice(-4);
      const document = depositReceipt({
        bankName: deps.bankName,
        kioskId: deps.kioskId,
        language: deps.language(),
        deposit: record,
        // Asterisks, not bullets: the printer's code page 858 has no bullet.
        accountMasked: last4 ? `**** ${last4}` : '****',
      });
      const result = await deps.printer.print(document, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
      });
      return {
        receipt:
          result.code === 'success' ? 'printed' : result.code === 'deviceNotReady' ? 'unavailable' : 'failed',
      };
    },
  );

  return {
    actors: { lookupAccount, cashIn, routeNote, completeDeposit },
    /** A deposit is taking cash now (its cash-in actor runs). */
    depositActive: () => cashInRunning > 0,
  };
}
