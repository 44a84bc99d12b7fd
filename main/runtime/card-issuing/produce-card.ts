import {
  type CardPrinter,
  type CardPrinterCounters,
  type CardProductionPhase,
  CardSpoilReason,
  type IssuedCardData,
  type MagstripeTracks,
  type MonoBitmap,
  maskPan,
  type OperationResult,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  ProduceCardInput,
  ProduceCardOutput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import type { CardDataVault } from './card-data-vault.ts';
import {
  type CardAttemptHistory,
  type CardJournal,
  CARD_NOTES,
  cardRecords,
  outcomeFromRecord,
} from './card-journal.ts';
import { renderCardFront } from './personalisation/card-front.ts';
import { CardDataRefused, cardTracks } from './personalisation/card-tracks.ts';

export interface CardPersonalisation {
  panel: MonoBitmap;
  tracks: MagstripeTracks;
}

export interface ProductionDeps {
  printer: CardPrinter | null;
  cards: CardJournal;
  vault: CardDataVault;
  log: Logger;
  now: () => number;
  /** Renders the front and builds the tracks; replaceable in tests. */
  personalise?: (card: IssuedCardData) => CardPersonalisation;
}

export interface ProductionHooks {
  phase(phase: CardProductionPhase): void;
  /** The flow stopped listening (the customer left): the card is not presented to nobody. */
  stopped(): boolean;
}

const personaliseCard = (card: IssuedCardData): CardPersonalisation => ({
  panel: renderCardFront(card),
  tracks: cardTracks(card),
});

/**
 * What the journal already says about this attempt's card, for a production that is asked again
 * (a restored session re-invokes it): `none` when no card was taken for it yet, `open` when a card
 * was taken and its fate is still unknown, or the result the first production reported.
 */
export function earlierProduction(history: CardAttemptHistory): ProduceCardOutput | 'open' | 'none' {
  const settled =
    history.outcome ?? (history.intent && history.record ? outcomeFromRecord(history.record) : null);
  if (!history.intent) return history.record?.type === 'card.voided' ? { outcome: 'notPicked' } : 'none';
  if (!settled) return 'open';
  const { outcome, details } = settled;
  switch (outcome) {
    case 'notPicked':
      return { outcome: 'notPicked' };
    // Issued, or taken back after it waited at the exit: the production itself had presented it.
    case 'issued':
      return { outcome: 'presented' };
    case 'spoiled': {
      if (details.presented === true) return { outcome: 'presented' };
      const reason = CardSpoilReason.safeParse(details.reason);
      return {
        outcome: 'spoiled',
        reason: reason.success ? reason.data : 'other',
        retryable: details.retryable === true,
      };
    }
    default:
      return { outcome: 'inDoubt' };
  }
}

/** Why a card was spoiled, from the printer's error word or the completion code. */
export function spoilReason(result: { code: string; errorCode?: string }): CardSpoilReason {
  switch (result.errorCode) {
    case 'ERR_WRITE_MAGNETIC':
    case 'ERR_READ_MAGNETIC':
      return 'encodingFailed';
    case 'RIBBON_ENDED':
      return 'ribbonEnded';
    case 'ERR_COVER_OPEN':
      return 'coverOpen';
    case 'ERR_MECHANICAL':
      return 'jam';
  }
  return result.code === 'timeout' ? 'printerLost' : 'printFailed';
}

type Failure = { code: string; errorCode?: string };
const failure = (result: OperationResult<unknown>): Failure =>
  result.code === 'success'
    ? { code: 'success' }
    : { code: result.code, ...(result.errorCode ? { errorCode: result.errorCode } : {}) };

/**
 * Makes one card: personalisation first (a failure there costs no card), then the pick, the
 * stripe, the front and the eject, journaled around the pick so a crash at any point is settled
 * from the printer's counters and never repeated. Any failure after the pick rejects the card.
 * The card data leaves the vault as soon as the stripe is written (or fails to be).
 */
export async function produceCard(
  deps: ProductionDeps,
  input: ProduceCardInput,
  hooks: ProductionHooks,
): Promise<ProduceCardOutput> {
  const { printer, cards, vault, log } = deps;
  const at = () => new Date(deps.now());

  const data = vault.get(input.attemptId);
  const earlier = earlierProduction(cards.history(input.attemptId, data?.cardId));
  if (earlier === 'open') {
    // Only recovery, which reads the printer's counters, may say what became of that card.
    log.warn('card production in doubt from an earlier run; not repeated', { attemptId: input.attemptId });
    return { outcome: 'inDoubt' };
  }
  if (earlier !== 'none') {
    log.info('card production already settled; reported again', { attemptId: input.attemptId });
    return earlier;
  }

  if (!data) return { outcome: 'cardDataMissing' };
  const ids = { attemptId: input.attemptId, orderRef: input.orderRef, cardId: data.cardId };
  const voidCard = (reason: 'printerUnavailable' | 'cardDataLost'): ProduceCardOutput => {
    cards.recordAlone(cardRecords.voided(ids, reason, at()));
    vault.wipe(input.attemptId);
    return { outcome: 'notPicked' };
  };

  let personalised: CardPersonalisation;
  try {
    personalised = (deps.personalise ?? personaliseCard)(data);
  } catch (error) {
    // Error texts are not logged: a codec's could quote a character of the card data.
    log.error('card personalisation failed; no card taken', {
      attemptId: input.attemptId,
      kind: error instanceof CardDataRefused ? 'cardDataRefused' : 'renderFailed',
    });
    // No reason fits exactly: the bank's data for this card cannot be used, so the number is closed.
    return voidCard('cardDataLost');
  }
  let tracks: MagstripeTracks | null = personalised.tracks;
  if (!printer) return voidCard('printerUnavailable');

  hooks.phase('picking');
  const counters = await emptyPrinterCounters(printer, cards, input.attemptId, log);
  if (!counters) return voidCard('printerUnavailable');

  const intent = cards.recordIntent({
    ...ids,
    panMasked: maskPan(data.pan),
    attempt: input.attempt,
    counters,
  });

  const inDoubt = (step: string, result: Failure): ProduceCardOutput => {
    cards.note(CARD_NOTES.jobInDoubt, {
      attemptId: input.attemptId,
      intentSeq: intent.journalSeq,
      step,
      ...result,
    });
    log.error('card printer stopped answering with a card inside; left to recovery', {
      attemptId: input.attemptId,
      step,
      code: result.code,
    });
    return { outcome: 'inDoubt' };
  };

  const spoil = async (
    step: string,
    result: Failure,
    reason = spoilReason(result),
  ): Promise<ProduceCardOutput> => {
    hooks.phase('rejecting');
    const rejected = await printer.rejectCard();
    if (rejected.code !== 'success' && (result.code === 'timeout' || rejected.code === 'timeout')) {
      return inDoubt(step, result);
    }
    const disposition = rejected.code === 'success' ? 'rejectBin' : 'inPrinter';
    // A new card may succeed after a bad stripe; not after a ribbon, cover or jam fault, which staff fix.
    const retryable = reason === 'encodingFailed' && disposition === 'rejectBin';
    cards.settle(
      intent,
      'spoiled',
      { reason, disposition, retryable, step, ...result, rejectCode: rejected.code },
      cardRecords.spoiled(intent.card, reason, disposition, 'flow', at()),
    );
    log.warn('card spoiled', { attemptId: input.attemptId, step, reason, disposition, code: result.code });
    return { outcome: 'spoiled', reason, retryable };
  };

  const picked = await printer.pickCard();
  if (picked.code !== 'success') {
    // A failed pick may still have moved a card: the counters say whether one left the feeder.
    const after = await printer.readState();
    if (after.code !== 'success') return inDoubt('pick', failure(picked));
    if (after.value.position === 'none' && after.value.counters.picked === counters.picked) {
      cards.settle(intent, 'notPicked', failure(picked), cardRecords.voided(ids, 'printerUnavailable', at()));
      vault.wipe(input.attemptId);
      log.warn('card printer could not pick a card', { attemptId: input.attemptId, code: picked.code });
      return { outcome: 'notPicked' };
    }
    return spoil('pick', failure(picked));
  }

  hooks.phase('encoding');
  const encoded = await printer.encodeMagstripe(tracks);
  // Written (or failed to be): the number has no further use in this kiosk.
  tracks = null;
  vault.wipe(input.attemptId);
  if (encoded.code !== 'success') return spoil('encode', failure(encoded));

  hooks.phase('printing');
  const printed = await printer.printFront(personalised.panel);
  if (printed.code !== 'success') return spoil('print', failure(printed));

  // Nobody is there to take it: a card left at the exit would go to the next person.
  if (hooks.stopped()) return spoil('eject', { code: 'canceled' }, 'other');

  hooks.phase('ejecting');
  const ejected = await printer.ejectCard();
  if (ejected.code !== 'success') return spoil('eject', failure(ejected));
  return { outcome: 'presented' };
}

/**
 * The printer's counters with its transport empty, read just before a pick. A card left inside
 * by an earlier job is rejected first (and journaled), so the new job starts clean. Null when the
 * printer cannot be read or cleared: no card is taken then.
 */
async function emptyPrinterCounters(
  printer: CardPrinter,
  cards: CardJournal,
  attemptId: string,
  log: Logger,
): Promise<CardPrinterCounters | null> {
  const state = await printer.readState();
  if (state.code !== 'success') {
    log.warn('card printer state unreadable before a pick', { code: state.code });
    return null;
  }
  if (state.value.position === 'none') return state.value.counters;
  const rejected = await printer.rejectCard();
  cards.note(CARD_NOTES.leftoverRejected, { attemptId, position: state.value.position, code: rejected.code });
  log.warn('a card was left in the printer; rejected before a new pick', {
    position: state.value.position,
    code: rejected.code,
  });
  if (rejected.code !== 'success') return null;
  const after = await printer.readState();
  return after.code === 'success' && after.value.position === 'none' ? after.value.counters : null;
}
