import { z } from 'zod';
import {
  CardIssued,
  CardPrinterCounters,
  CardSpoiled,
  type CardSpoilReason,
  CardVoided,
  DeviceActionInDoubt,
} from '../../../contracts/index.ts';
import { type DeviceIntent, JOURNAL_ENTRY_TYPES, type JournalStore } from '../journal/types.ts';

/**
 * How one physical card is written in the journal. Each card taken from the feeder has one
 * intent, journaled (synchronous=FULL) before the pick:
 *
 *   device.intent  { device: 'cardPrinter', action: 'produceCard',
 *                    context: { attemptId, orderRef, cardId, panMasked, attempt, counters } }
 *
 * `counters` are the printer's lifetime counters just before the pick: the evidence recovery
 * compares with after a crash. The intent stays open while the card is in the printer or at the
 * exit; it is closed by exactly one outcome once the card's fate is known:
 *
 *   `issued`    taken by the customer (or gone from the exit after a crash: presumed taken)
 *   `spoiled`   in the reject bin or stuck in the printer   (details: reason, disposition, …)
 *   `notPicked` no card left the feeder
 *   `inDoubt`   the evidence cannot be read (the printer's counters went backwards)
 *
 * and by the business record the backend needs (`card.issued`, `card.spoiled`, `card.voided`),
 * synced. The journal cannot commit a record and an outcome in one transaction (an outcome is a
 * FULL commit of its own), so the record is written first: a crash between the two leaves an open
 * intent whose record exists, and whoever settles it finds that record and only closes the intent
 * — the backend never gets two records for one card, and never none.
 *
 * Before that, each approval is noted (`card.approved` { attemptId, orderRef, cardId }, not
 * synced): the card data itself lives only in memory, so after a restart this note is how the
 * kiosk knows which numbers it lost and must void.
 *
 * No entry carries the card number (only `panMasked`: first six, last four), track data or the
 * holder's name.
 */

export const CARD_PRINTER_DEVICE = 'cardPrinter';
export const PRODUCE_CARD_ACTION = 'produceCard';

/** How far back the journal is searched for one attempt's entries. */
const LOOKBACK = 1000;

export const CardIntentContext = z.object({
  attemptId: z.string(),
  orderRef: z.string(),
  cardId: z.string(),
  panMasked: z.string(),
  attempt: z.number().int(),
  counters: CardPrinterCounters,
});
export type CardIntentContext = z.infer<typeof CardIntentContext>;

export type CardIntentOutcome = 'issued' | 'spoiled' | 'notPicked' | 'inDoubt';

export type CardRecord =
  | { type: 'card.issued'; data: CardIssued }
  | { type: 'card.spoiled'; data: CardSpoiled }
  | { type: 'card.voided'; data: CardVoided };

const CARD_RECORD_TYPES = ['card.issued', 'card.spoiled', 'card.voided'] as const;

/** A produce-card intent whose context was read back and checked. */
export interface CardIntent extends DeviceIntent {
  card: CardIntentContext;
}

export interface CardAttemptHistory {
  intent: CardIntent | null;
  /** The intent's outcome, or null while it is open (or there is no intent). */
  outcome: { outcome: string; details: Record<string, unknown> } | null;
  /**
   * The business record of this attempt's card, if one was written: the card of the intent, or
   * without an intent the card asked about. Matched by card id, since an attempt asked again
   * after a restart gets a new card under the same attempt id.
   */
  record: CardRecord | null;
}

/** An approval as the journal keeps it (ids only), so a number lost to a restart can be voided. */
export interface CardApproval {
  attemptId: string;
  orderRef: string;
  cardId: string;
}

export interface CardJournal {
  /** What is journaled for this attempt; `cardId` names the card when no intent does. */
  history(attemptId: string, cardId?: string): CardAttemptHistory;
  /** Journals (ids only) that the bank issued a card to this attempt. */
  recordApproval(approval: CardApproval): void;
  /**
   * Approvals no card was taken for and whose number was never closed (no intent, no record for
   * that card), as far back as the journal is searched.
   */
  unusedApprovals(): CardApproval[];
  /** Produce-card intents without an outcome, oldest first. */
  openIntents(): CardIntent[];
  recordIntent(context: CardIntentContext): CardIntent;
  /**
   * Writes `record` (unless this attempt's record of that type exists already) and then closes
   * the intent with `outcome`. Synced records wake the sync client.
   */
  settle(
    intent: CardIntent,
    outcome: CardIntentOutcome,
    details: Record<string, unknown>,
    record?: CardRecord,
  ): void;
  /** A business record for an attempt that has no intent (no card was taken for it). */
  recordAlone(record: CardRecord): void;
  /** A note for the technician's journal, not synced (e.g. a leftover card rejected). */
  note(type: string, data: Record<string, unknown>): void;
  /** Whether the flow noted that the printer stopped answering during this intent's job. */
  jobInDoubt(intentSeq: number): boolean;
  /** Reports to the backend a card action no evidence can settle. */
  reportInDoubt(report: DeviceActionInDoubt): void;
}

export interface CardJournalDeps {
  journal: () => JournalStore;
  /** A business record was committed: wake the sync client. */
  onRecorded: () => void;
}

export function createCardJournal(deps: CardJournalDeps): CardJournal {
  const cardIntent = (intent: DeviceIntent): CardIntent | null => {
    if (intent.device !== CARD_PRINTER_DEVICE || intent.action !== PRODUCE_CARD_ACTION) return null;
    const parsed = CardIntentContext.safeParse(intent.context);
    return parsed.success ? { ...intent, card: parsed.data } : null;
  };

  const recordOfCard = (cardId: string): CardRecord | null => {
    const journal = deps.journal();
    for (const type of CARD_RECORD_TYPES) {
      const entry = journal
        .search({ type, limit: LOOKBACK })
        .find((e) => (e.data as { cardId?: string }).cardId === cardId);
      if (entry) return { type, data: entry.data } as CardRecord;
    }
    return null;
  };

  const write = (record: CardRecord) => {
    deps.journal().record({ type: record.type, data: record.data, durability: 'moneyOrCard', sync: true });
    deps.onRecorded();
  };

  return {
    history(attemptId, cardId) {
      const journal = deps.journal();
      const entry = journal.search({ type: JOURNAL_ENTRY_TYPES.deviceIntent, limit: LOOKBACK }).find((e) => {
        const data = e.data as { device?: string; action?: string; context?: { attemptId?: string } };
        return (
          data.device === CARD_PRINTER_DEVICE &&
          data.action === PRODUCE_CARD_ACTION &&
          data.context?.attemptId === attemptId
        );
      });
      const data = entry?.data as
        | { device: string; action: string; context: Record<string, unknown> }
        | undefined;
      const intent =
        entry && data
          ? cardIntent({
              journalSeq: entry.seq,
              at: entry.at,
              device: data.device,
              action: data.action,
              context: data.context,
            })
          : null;
      let outcome: CardAttemptHistory['outcome'] = null;
      if (intent) {
        const found = journal
          .search({ type: JOURNAL_ENTRY_TYPES.deviceOutcome, limit: LOOKBACK })
          .find((e) => (e.data as { intentSeq?: number }).intentSeq === intent.journalSeq);
        if (found) {
          const o = found.data as { outcome: string; details?: Record<string, unknown> };
          outcome = { outcome: o.outcome, details: o.details ?? {} };
        }
      }
      const card = intent?.card.cardId ?? cardId;
      return { intent, outcome, record: card ? recordOfCard(card) : null };
    },

    openIntents() {
      return deps
        .journal()
        .openIntents()
        .map(cardIntent)
        .filter((intent): intent is CardIntent => intent !== null);
    },

    recordIntent(context) {
      const intent = deps.journal().recordIntent({
        device: CARD_PRINTER_DEVICE,
        action: PRODUCE_CARD_ACTION,
        context: CardIntentContext.parse(context),
      });
      return { ...intent, card: context };
    },

    settle(intent, outcome, details, record) {
      if (record) {
        if (recordOfCard(record.data.cardId)?.type !== record.type) write(record);
      }
      deps.journal().recordOutcome(intent, outcome, details);
    },

    recordApproval(approval) {
      deps.journal().record({
        type: CARD_NOTES.approved,
        data: { attemptId: approval.attemptId, orderRef: approval.orderRef, cardId: approval.cardId },
        durability: 'moneyOrCard',
        sync: false,
      });
    },

    unusedApprovals() {
      const journal = deps.journal();
      const settled = new Set<string>();
      for (const type of CARD_RECORD_TYPES)
        for (const e of journal.search({ type, limit: LOOKBACK }))
          settled.add((e.data as { cardId: string }).cardId);
      for (const e of journal.search({ type: JOURNAL_ENTRY_TYPES.deviceIntent, limit: LOOKBACK })) {
        const data = e.data as { device?: string; context?: { cardId?: string } };
        if (data.device === CARD_PRINTER_DEVICE && data.context?.cardId) settled.add(data.context.cardId);
      }
      return journal
        .search({ type: CARD_NOTES.approved, limit: LOOKBACK })
        .map((e) => e.data as CardApproval)
        .filter((approval) => !settled.has(approval.cardId));
    },

    recordAlone(record) {
      if (recordOfCard(record.data.cardId)?.type !== record.type) write(record);
    },

    note(type, data) {
      deps.journal().record({ type, data, durability: 'moneyOrCard', sync: false });
    },

    jobInDoubt(intentSeq) {
      return deps
        .journal()
        .search({ type: CARD_NOTES.jobInDoubt, limit: LOOKBACK })
        .some((e) => (e.data as { intentSeq?: number }).intentSeq === intentSeq);
    },

    reportInDoubt(report) {
      deps.journal().record({
        type: 'device.actionInDoubt',
        data: DeviceActionInDoubt.parse(report),
        durability: 'moneyOrCard',
        sync: true,
      });
      deps.onRecorded();
    },
  };
}

/** Journal notes (not synced) that help recovery and the technician read a card's history. */
export const CARD_NOTES = {
  /** The bank issued a card to an attempt: `{ attemptId, orderRef, cardId }` (ids only). */
  approved: 'card.approved',
  /** A card found in the printer before a pick was rejected first: `{ attemptId, position, code }`. */
  leftoverRejected: 'card.leftoverRejected',
  /** The printer stopped answering with this attempt's card inside: `{ attemptId, intentSeq, step, code }`. */
  jobInDoubt: 'card.jobInDoubt',
} as const;

/** The outcome that closes an intent whose business record was written before a crash. */
export function outcomeFromRecord(record: CardRecord): {
  outcome: CardIntentOutcome;
  details: Record<string, unknown>;
} {
  switch (record.type) {
    case 'card.issued':
      return { outcome: 'issued', details: { taken: record.data.taken, detectedBy: record.data.detectedBy } };
    case 'card.spoiled': {
      const { reason, disposition, detectedBy } = record.data;
      return {
        outcome: 'spoiled',
        details: {
          reason,
          disposition,
          detectedBy,
          retryable: reason === 'encodingFailed' && disposition === 'rejectBin',
          presented: reason === 'notTaken',
        },
      };
    }
    case 'card.voided':
      return { outcome: 'notPicked', details: { reason: record.data.reason } };
  }
}

/** Builders of the card records: checked against the contract before they reach the journal. */
export const cardRecords = {
  issued(
    card: CardIntentContext,
    taken: boolean | null,
    detectedBy: 'flow' | 'recovery',
    at: Date,
  ): CardRecord {
    return {
      type: 'card.issued',
      data: CardIssued.parse({
        attemptId: card.attemptId,
        orderRef: card.orderRef,
        cardId: card.cardId,
        panMasked: card.panMasked,
        attempt: card.attempt,
        taken,
        detectedBy,
        issuedAt: at.toISOString(),
      }),
    };
  },
  spoiled(
    card: CardIntentContext,
    reason: CardSpoilReason,
    disposition: 'rejectBin' | 'inPrinter',
    detectedBy: 'flow' | 'recovery',
    at: Date,
  ): CardRecord {
    return {
      type: 'card.spoiled',
      data: CardSpoiled.parse({
        attemptId: card.attemptId,
        orderRef: card.orderRef,
        cardId: card.cardId,
        panMasked: card.panMasked,
        attempt: card.attempt,
        reason,
        disposition,
        detectedBy,
        spoiledAt: at.toISOString(),
      }),
    };
  },
  voided(
    card: { attemptId: string; orderRef: string; cardId: string },
    reason: CardVoided['reason'],
    at: Date,
  ): CardRecord {
    return {
      type: 'card.voided',
      data: CardVoided.parse({
        attemptId: card.attemptId,
        orderRef: card.orderRef,
        cardId: card.cardId,
        reason,
        voidedAt: at.toISOString(),
      }),
    };
  },
};
