import { randomUUID } from 'node:crypto';
import { type EventObject, fromCallback, fromPromise } from 'xstate';
import {
  type CardIssueRequest,
  CardMailRequested,
  type CardPrinter,
  type IssuedCardData,
  type Language,
  panLast4,
  type ReceiptPrinter,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
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
  ProduceCardOutput,
  RequestMailInput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import type { CardIssue, CardOrderLookup } from '../backend/backend-link.ts';
import type { JournalStore } from '../journal/types.ts';
import { awaitCardTaken } from './await-card-taken.ts';
import type { CardDataVault } from './card-data-vault.ts';
import { cardRecords, createCardJournal } from './card-journal.ts';
import { printCardReceipt } from './card-receipt-printing.ts';
import { type CardPersonalisation, produceCard } from './produce-card.ts';

export interface CardIssuingDeps {
  printer: CardPrinter | null;
  receiptPrinter: ReceiptPrinter | null;
  journal: () => JournalStore;
  lookupCardOrder: (orderCode: string) => Promise<CardOrderLookup>;
  /**
   * Finds the order of the customer whose document was read (kept by the identity services under
   * `captureId`); `notFound` when the capture is gone, `offline` when the bank cannot be asked.
   */
  lookupCardOrderByDocument?: (captureId: string) => Promise<CardOrderLookup>;
  issueCard: (request: CardIssueRequest, signal?: AbortSignal) => Promise<CardIssue>;
  vault: CardDataVault;
  /** The customer's language, for the receipt. */
  language: () => Language;
  /** The printer working on a card is customer activity: keeps the session from timing out. */
  onActivity: () => void;
  /** A business record was committed: wake the sync client. */
  onRecorded: () => void;
  /**
   * The printer has no card of a flow in it any more (no job runs, none waits at the exit):
   * the moment for card recovery to settle what a job left in doubt (`CardRecovery.nudge`).
   */
  onPrinterIdle?: () => void;
  bankName: string;
  kioskId: string;
  log: Logger;
  /** Longest a card waits at the exit, whatever deadline the flow asks for. */
  takeTimeoutMs: number;
  now?: () => number;
  /** Test seam: renders the front and builds the tracks. */
  personalise?: (card: IssuedCardData) => CardPersonalisation;
}

/** What the flow may show of an approved card, and what voiding it needs. Never the number. */
interface Approval {
  orderRef: string;
  cardId: string;
  panLast4: string;
  /** MM/YY */
  expiry: string;
}

const MAIL_REQUEST_DEDUP_MS = 10 * 60_000;

/**
 * The runtime's side of the card issuing machine: the backend calls, the card printer, the
 * journal and the receipt.
 *
 * XState re-runs an invoked actor when a snapshot taken while it ran is restored, so every actor
 * that moves a card or records one is idempotent by attempt id through the journal
 * (card-journal.ts): a re-run reports what the first run did, and a card whose fate the journal
 * does not know is `inDoubt` — left to card-recovery.ts, never made again.
 *
 * A job on the printer is not abandoned when its actor is stopped: it runs to a safe point (the
 * card presented, in the reject bin, or its fate journaled) because a card half-way through the
 * printer is worse than a flow that has moved on. While any job runs or a card waits at the exit,
 * `active()` is true.
 */
export function createCardIssuingActors(deps: CardIssuingDeps) {
  const { log, vault } = deps;
  const now = deps.now ?? Date.now;
  const cards = createCardJournal({ journal: deps.journal, onRecorded: deps.onRecorded });
  const approvals = new Map<string, Approval>();
  const productions = new Map<string, Promise<ProduceCardOutput>>();
  const waits = new Map<string, Promise<AwaitCardTakenOutput>>();
  /** Cards presented at the exit whose wait has not ended yet. */
  const presented = new Set<string>();

  const active = () => productions.size > 0 || waits.size > 0 || presented.size > 0;
  const idleCheck = () => {
    if (!active()) deps.onPrinterIdle?.();
  };

  const lookupOrder = fromPromise<LookupOrderOutput, LookupOrderInput>(async ({ input }) => {
    if (input.by === 'code') return deps.lookupCardOrder(input.orderCode);
    return deps.lookupCardOrderByDocument
      ? deps.lookupCardOrderByDocument(input.captureId)
      : { status: 'notFound' as const };
  });

  const checkPrinter = fromPromise<CheckPrinterOutput>(async () => {
    const status = deps.printer?.status();
    if (!status?.ready) return { ready: false };
    const { feederCards, ribbonPanels } = status.detail;
    const feederLoaded = typeof feederCards === 'number' && feederCards > 0;
    const ribbonLeft = typeof ribbonPanels !== 'number' || ribbonPanels > 0;
    return { ready: feederLoaded && ribbonLeft };
  });

  const approveCard = fromPromise<ApproveCardOutput, ApproveCardInput>(async ({ input, signal }) => {
    if (cards.history(input.attemptId).intent) {
      // A card was already taken for this attempt: asking again would void its number at the bank.
      const known = approvals.get(input.attemptId);
      log.error('card approval asked again for an attempt that has a card', { attemptId: input.attemptId });
      return known
        ? { status: 'approved', cardId: known.cardId, panLast4: known.panLast4, expiry: known.expiry }
        : { status: 'offline' };
    }
    const answer = await deps.issueCard(
      { orderRef: input.orderRef, attemptId: input.attemptId, attempt: input.attempt },
      signal,
    );
    if (answer.status !== 'approved') return answer;
    const { card } = answer;
    if (signal.aborted) {
      // The customer left while the bank answered: this number will never be on a card.
      cards.recordAlone(
        cardRecords.voided(
          { attemptId: input.attemptId, orderRef: input.orderRef, cardId: card.cardId },
          'flowEnded',
          new Date(now()),
        ),
      );
      vault.wipe(input.attemptId);
      log.info('card approved after the flow ended; voided', { attemptId: input.attemptId });
      return { status: 'offline' };
    }
    vault.put(input.attemptId, card);
    // Ids only: if the kiosk restarts before a card is taken for it, start-up voids this number.
    cards.recordApproval({ attemptId: input.attemptId, orderRef: input.orderRef, cardId: card.cardId });
    const approval: Approval = {
      orderRef: input.orderRef,
      cardId: card.cardId,
      panLast4: panLast4(card.pan),
      expiry: `${card.expiry.slice(2, 4)}/${card.expiry.slice(0, 2)}`,
    };
    approvals.set(input.attemptId, approval);
    return {
      status: 'approved',
      cardId: approval.cardId,
      panLast4: approval.panLast4,
      expiry: approval.expiry,
    };
  });

  const startProduction = (
    input: ProduceCardInput,
    send: (event: ProduceCardEvent) => void,
    stopped: () => boolean,
  ) => {
    const job = produceCard(
      {
        printer: deps.printer,
        cards,
        vault,
        log,
        now,
        ...(deps.personalise ? { personalise: deps.personalise } : {}),
      },
      input,
      {
        phase: (phase) => {
          deps.onActivity();
          send({ type: 'CARD_PHASE', phase });
        },
        stopped,
      },
    )
      .catch((error: unknown): ProduceCardOutput => {
        log.error('card production failed unexpectedly', {
          attemptId: input.attemptId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        return { outcome: 'inDoubt' };
      })
      .then((result) => {
        // Presented to a flow that stopped meanwhile: nobody will wait for it, so it is left to
        // recovery (which takes it back) instead of holding the printer forever.
        if (result.outcome === 'presented' && !stopped()) presented.add(input.attemptId);
        return result;
      })
      .finally(() => {
        productions.delete(input.attemptId);
        // Whatever happened, this attempt's number has no further use in memory.
        vault.wipe(input.attemptId);
        idleCheck();
      });
    productions.set(input.attemptId, job);
    return job;
  };

  const produceCardActor = fromCallback<EventObject, ProduceCardInput>(({ input, sendBack }) => {
    let stopped = false;
    const send = (event: ProduceCardEvent) => {
      if (!stopped) sendBack(event);
    };
    // Asked again while the first run still works on the card: the same job answers both.
    const job = productions.get(input.attemptId) ?? startProduction(input, send, () => stopped);
    void job.then((result) => send({ type: 'CARD_PRODUCED', result }));
    return () => {
      stopped = true;
    };
  });

  const awaitCardTakenActor = fromPromise<AwaitCardTakenOutput, AwaitCardTakenInput>(({ input }) => {
    // No abort: a card at the exit is waited for to the end even if the flow stops listening.
    const running = waits.get(input.attemptId);
    if (running) return running;
    const wait = awaitCardTaken(
      { printer: deps.printer, cards, log, now, takeTimeoutMs: deps.takeTimeoutMs },
      input,
    )
      .catch((error: unknown): AwaitCardTakenOutput => {
        log.error('waiting for the card failed unexpectedly', {
          attemptId: input.attemptId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        return { outcome: 'inDoubt' };
      })
      .finally(() => {
        waits.delete(input.attemptId);
        presented.delete(input.attemptId);
        idleCheck();
      });
    waits.set(input.attemptId, wait);
    return wait;
  });

  /**
   * Records a request for the card by mail, once: a re-run after a restart finds its own request.
   * Keyed by the machine's `requestId` when it gives one; otherwise by the same order, code and
   * reason within a few minutes.
   */
  const requestMail = fromPromise<void, RequestMailInput & { requestId?: string }>(async ({ input }) => {
    const journal = deps.journal();
    const since = now() - MAIL_REQUEST_DEDUP_MS;
    const already = journal.search({ type: 'card.mailRequested', limit: 200 }).some((entry) => {
      const data = entry.data as CardMailRequested;
      if (input.requestId) return data.requestId === input.requestId;
      return (
        data.orderRef === input.orderRef &&
        data.orderCode === input.orderCode &&
        data.reason === input.reason &&
        Date.parse(data.requestedAt) >= since
      );
    });
    if (already) {
      log.info('card mail request already recorded');
      return;
    }
    const record = CardMailRequested.parse({
      requestId: input.requestId ?? randomUUID(),
      orderRef: input.orderRef,
      orderCode: input.orderCode,
      reason: input.reason,
      requestedAt: new Date(now()).toISOString(),
    });
    journal.record({ type: 'card.mailRequested', data: record, durability: 'moneyOrCard', sync: true });
    deps.onRecorded();
  });

  const completeIssuing = fromPromise<CompleteIssuingOutput, CompleteIssuingInput>(
    async ({ input, signal }) => {
      const history = cards.history(input.attemptId);
      if (history.outcome?.outcome !== 'issued' || !history.intent) {
        // A receipt says a card was issued: none is printed for a card the journal does not show issued.
        log.warn('no card receipt: the card is not recorded as issued', { attemptId: input.attemptId });
        return { receipt: 'unavailable' };
      }
      const approval = approvals.get(input.attemptId);
      const receipt = await printCardReceipt(
        deps.receiptPrinter,
        deps.journal(),
        input.attemptId,
        {
          bankName: deps.bankName,
          kioskId: deps.kioskId,
          language: deps.language(),
          issuedAt: new Date(now()),
          panLast4: approval?.panLast4 ?? history.intent.card.panMasked.slice(-4),
          expiry: approval?.expiry ?? null,
          orderRef: input.orderRef,
        },
        signal,
        log,
      );
      return { receipt };
    },
  );

  return {
    actors: {
      lookupOrder,
      checkPrinter,
      approveCard,
      produceCard: produceCardActor,
      awaitCardTaken: awaitCardTakenActor,
      requestMail,
      completeIssuing,
    },
    /** A card is being made, or waits at the exit: the printer belongs to the flow. */
    active,
    /**
     * The flow has ended: every approved number no card was taken for is voided (`flowEnded`),
     * the vault is emptied, and the printer is handed to recovery once no job runs. A job still
     * running keeps its own card data until it wipes it.
     */
    endFlow() {
      for (const attemptId of vault.attempts()) {
        if (productions.has(attemptId)) continue;
        const approval = approvals.get(attemptId);
        const card = vault.get(attemptId);
        if (approval && card && !cards.history(attemptId).intent) {
          cards.recordAlone(
            cardRecords.voided(
              { attemptId, orderRef: approval.orderRef, cardId: card.cardId },
              'flowEnded',
              new Date(now()),
            ),
          );
        }
        vault.wipe(attemptId);
      }
      approvals.clear();
      // A card left at the exit with nobody waiting for it is recovery's to take back.
      for (const attemptId of presented) if (!waits.has(attemptId)) presented.delete(attemptId);
      idleCheck();
    },
  };
}

export type CardIssuingActors = ReturnType<typeof createCardIssuingActors>;
