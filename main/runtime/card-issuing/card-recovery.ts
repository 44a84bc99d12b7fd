import type {
  CardPosition,
  CardPrinter,
  CardPrinterCounters,
  CardSpoilReason,
  DeviceActionInDoubt,
  DeviceState,
  Unsubscribe,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { JournalStore } from '../journal/types.ts';
import {
  type CardIntent,
  type CardJournal,
  cardRecords,
  createCardJournal,
  outcomeFromRecord,
} from './card-journal.ts';

export interface CardRecoveryDeps {
  printer: CardPrinter | null;
  journal: () => JournalStore;
  onRecorded: () => void;
  /**
   * True while the flow owns the printer (a card being made or waiting at the exit): recovery then
   * does nothing, as it would take the flow's card back. `CardIssuingActors.active`.
   */
  printerBusy: () => boolean;
  log: Logger;
  now?: () => number;
  /** How long recovery waits for the printer's answer. */
  readTimeoutMs?: number;
}

export interface CardRecovery {
  /**
   * At start-up, once the devices have settled and before the session is restored: voids the
   * numbers lost with the memory of the last run (`voidLostApprovals`), then `settle()`s.
   */
  startUp(): Promise<{ settled: number; open: number; voided: number }>;
  /**
   * Numbers the bank issued to this kiosk for which no card was taken before it stopped: their
   * data went with the process's memory, so no card will ever carry them. Each is voided
   * (`cardDataLost`), or the bank would keep it pending and the order stuck. Only at start-up:
   * while the kiosk runs, an approval without a card yet is a card about to be made.
   */
  voidLostApprovals(): number;
  /** Settles the open card intents it can; resolves with how many it settled and how many remain. */
  settle(): Promise<{ settled: number; open: number }>;
  /** Settles in the background if any card intent is open and the printer is free. */
  nudge(): void;
  /** Nudges whenever the printer comes back online. */
  watchPrinter(): Unsubscribe;
}

/** What the printer shows of one intent's card: where a card is, and the counters after its job. */
interface Evidence {
  position: CardPosition;
  counters: CardPrinterCounters;
}

/**
 * Settles cards whose fate a crash, a power loss or a silent printer left open (open
 * `cardPrinter`/`produceCard` intents), from what the printer says now: where a card is, and its
 * lifetime counters against those journaled before the pick. It takes back a card it finds inside
 * or at the exit, and otherwise only records; it never picks, encodes or prints.
 *
 * Run at start-up once the devices have settled, and again whenever the printer comes back
 * online or the flow hands the printer back (`nudge`) while intents are open. A printer that does
 * not answer leaves them open for the next time.
 *
 * With several intents open (a job left in doubt, then more cards made before recovery could
 * read the printer), each one's evidence is the counters journaled before the next one's pick;
 * the newest one's is the printer's state now. Only the newest can still have its card inside,
 * since every pick starts by rejecting a leftover card.
 */
export function createCardRecovery(deps: CardRecoveryDeps): CardRecovery {
  const { log } = deps;
  const now = deps.now ?? Date.now;
  const cards = createCardJournal({ journal: deps.journal, onRecorded: deps.onRecorded });
  let running: Promise<{ settled: number; open: number }> | null = null;
  let again = false;

  const settleOnce = async (): Promise<{ settled: number; open: number }> => {
    let open = cards.openIntents();
    if (open.length === 0) return { settled: 0, open: 0 };
    if (deps.printerBusy()) {
      log.info('card recovery waits: the printer is in use', { open: open.length });
      return { settled: 0, open: open.length };
    }
    let settled = 0;
    // A record written just before a crash, without its outcome: only the outcome is missing.
    for (const intent of open) {
      const { record } = cards.history(intent.card.attemptId);
      if (record) {
        const { outcome, details } = outcomeFromRecord(record);
        cards.settle(intent, outcome, { ...details, closedBy: 'recovery' });
        settled += 1;
      }
    }
    open = cards.openIntents();
    if (open.length === 0) return { settled, open: 0 };
    if (!deps.printer) {
      log.warn('card intents open and no card printer configured; left open', { open: open.length });
      return { settled, open: open.length };
    }
    const state = await deps.printer.readState({ signal: AbortSignal.timeout(deps.readTimeoutMs ?? 5_000) });
    if (state.code !== 'success') {
      log.warn('card printer not answering; card intents left open', { open: open.length, code: state.code });
      return { settled, open: open.length };
    }
    for (const [index, intent] of open.entries()) {
      const next = open[index + 1];
      const evidence: Evidence = next ? { position: 'none', counters: next.card.counters } : state.value;
      if (await settleIntent(deps.printer, cards, intent, evidence, now, log)) settled += 1;
    }
    return { settled, open: cards.openIntents().length };
  };

  const settle = (): Promise<{ settled: number; open: number }> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result = await settleOnce();
        while (again) {
          again = false;
          result = await settleOnce();
        }
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const nudge = () => {
    if (cards.openIntents().length === 0) return;
    settle().catch((error: unknown) =>
      log.error('card recovery failed', { error: error instanceof Error ? error.name : 'unknown' }),
    );
  };

  const voidLostApprovals = () => {
    const lost = cards.unusedApprovals();
    for (const approval of lost) {
      cards.recordAlone(cardRecords.voided(approval, 'cardDataLost', new Date(now())));
      log.info('card number approved before a restart, no card taken; voided', {
        attemptId: approval.attemptId,
      });
    }
    return lost.length;
  };

  return {
    async startUp() {
      const voided = voidLostApprovals();
      return { ...(await settle()), voided };
    },
    voidLostApprovals,
    settle,
    nudge,
    watchPrinter() {
      if (!deps.printer) return () => undefined;
      let last: DeviceState = deps.printer.status().state;
      return deps.printer.onStatus((status) => {
        const cameBack = status.state === 'online' && last !== 'online';
        last = status.state;
        if (cameBack) nudge();
      });
    },
  };
}

/** Settles one intent from its evidence; false when it must stay open. */
async function settleIntent(
  printer: CardPrinter,
  cards: CardJournal,
  intent: CardIntent,
  evidence: Evidence,
  now: () => number,
  log: Logger,
): Promise<boolean> {
  const card = intent.card;
  const before = card.counters;
  const at = () => new Date(now());
  const reason = spoilReasonAtRecovery(cards, intent);
  const fields = { attemptId: card.attemptId, position: evidence.position };

  if (evidence.position !== 'none') {
    const rejected = await printer.rejectCard();
    // Silent or not ready (cover open, say): the card is still there; tried again when it is back.
    if (rejected.code === 'timeout' || rejected.code === 'deviceNotReady' || rejected.code === 'canceled') {
      log.warn('card recovery: the card inside could not be taken back; left open', {
        ...fields,
        code: rejected.code,
      });
      return false;
    }
    const disposition = rejected.code === 'success' ? 'rejectBin' : 'inPrinter';
    cards.settle(
      intent,
      'spoiled',
      { reason, disposition, retryable: false, detectedBy: 'recovery', position: evidence.position },
      cardRecords.spoiled(card, reason, disposition, 'recovery', at()),
    );
    log.warn('card recovery: card found in the printer, taken back', { ...fields, disposition });
    return true;
  }

  const after = evidence.counters;
  if (after.picked < before.picked || after.ejected < before.ejected || after.rejected < before.rejected) {
    // Counters that went backwards (a replaced or reset printer) prove nothing: staff reconcile.
    cards.settle(intent, 'inDoubt', { resolution: 'countersReset', detectedBy: 'recovery' });
    const report: DeviceActionInDoubt = {
      intentSeq: intent.journalSeq,
      device: intent.device,
      action: intent.action,
      resolution: 'countersReset',
      deviceState: 'none',
    };
    cards.reportInDoubt(report);
    log.error('card recovery: printer counters went backwards; card left to staff', fields);
    return true;
  }
  if (after.rejected > before.rejected) {
    cards.settle(
      intent,
      'spoiled',
      { reason, disposition: 'rejectBin', retryable: false, detectedBy: 'recovery' },
      cardRecords.spoiled(card, reason, 'rejectBin', 'recovery', at()),
    );
    log.warn('card recovery: card found in the reject bin', fields);
    return true;
  }
  if (after.ejected > before.ejected) {
    // Out of the exit and gone, never taken back: nothing but a customer's hand takes a card from
    // the exit slot, and the flow ejects only for the customer who asked for it. Recorded as
    // issued with `taken: null` (not seen taken) so the bank can tell it from a confirmed one.
    cards.settle(
      intent,
      'issued',
      { taken: null, detectedBy: 'recovery' },
      cardRecords.issued(card, null, 'recovery', at()),
    );
    log.warn('card recovery: card gone from the exit; presumed taken', fields);
    return true;
  }
  if (after.picked === before.picked) {
    cards.settle(
      intent,
      'notPicked',
      { detectedBy: 'recovery' },
      cardRecords.voided(card, 'cardDataLost', at()),
    );
    log.info('card recovery: no card was taken from the feeder; number voided', fields);
    return true;
  }
  // Picked, never ejected nor rejected, and not inside: taken out by hand (a jam cleared by staff).
  cards.settle(
    intent,
    'spoiled',
    { reason, disposition: 'inPrinter', retryable: false, detectedBy: 'recovery', missing: true },
    cardRecords.spoiled(card, reason, 'inPrinter', 'recovery', at()),
  );
  log.error('card recovery: card picked but not in the printer, the exit or the bin; left to staff', fields);
  return true;
}

/** `printerLost` when the flow saw the printer stop answering, `interrupted` when the kiosk stopped. */
function spoilReasonAtRecovery(cards: CardJournal, intent: CardIntent): CardSpoilReason {
  return cards.jobInDoubt(intent.journalSeq) ? 'printerLost' : 'interrupted';
}
