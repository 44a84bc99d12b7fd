import type { CardPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  AwaitCardTakenInput,
  AwaitCardTakenOutput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import {
  type CardAttemptHistory,
  type CardJournal,
  CARD_NOTES,
  cardRecords,
  outcomeFromRecord,
} from './card-journal.ts';

export interface AwaitTakenDeps {
  printer: CardPrinter | null;
  cards: CardJournal;
  log: Logger;
  now: () => number;
  /** Longest a card waits at the exit, whatever deadline the flow asks for. */
  takeTimeoutMs: number;
}

/** What the journal already says about the card at the exit, or `open` while it waits there. */
export function earlierTaking(history: CardAttemptHistory): AwaitCardTakenOutput | 'open' {
  if (!history.intent) return { outcome: 'inDoubt' };
  const settled = history.outcome ?? (history.record ? outcomeFromRecord(history.record) : null);
  if (!settled) return 'open';
  if (settled.outcome === 'issued') return { outcome: 'taken' };
  if (settled.outcome === 'spoiled') return { outcome: 'retained' };
  return { outcome: 'inDoubt' };
}

/**
 * Waits for the customer to take the card from the exit until the flow's deadline. Taken: the
 * card is issued. Not taken in time: the printer pulls it back into the reject bin and it is
 * recorded as spoiled (`notTaken`). Anything else leaves the card's intent open for recovery,
 * which reads the printer's counters instead of guessing.
 */
export async function awaitCardTaken(
  deps: AwaitTakenDeps,
  input: AwaitCardTakenInput,
): Promise<AwaitCardTakenOutput> {
  const { printer, cards, log } = deps;
  const history = cards.history(input.attemptId);
  const earlier = earlierTaking(history);
  if (earlier !== 'open') return earlier;
  const intent = history.intent!;
  if (!printer) return { outcome: 'inDoubt' };

  const waitMs = Math.max(0, Math.min(input.takeDeadline - deps.now(), deps.takeTimeoutMs));
  const waited = await printer.waitCardTaken(waitMs);
  if (waited.code === 'success') {
    cards.settle(
      intent,
      'issued',
      { taken: true, detectedBy: 'flow' },
      cardRecords.issued(intent.card, true, 'flow', new Date(deps.now())),
    );
    log.info('card taken', { attemptId: input.attemptId });
    return { outcome: 'taken' };
  }
  if (waited.code === 'timeout') {
    const rejected = await printer.rejectCard();
    if (rejected.code === 'success') {
      cards.settle(
        intent,
        'spoiled',
        { reason: 'notTaken', disposition: 'rejectBin', retryable: false, presented: true },
        cardRecords.spoiled(intent.card, 'notTaken', 'rejectBin', 'flow', new Date(deps.now())),
      );
      log.warn('card not taken in time; retained', { attemptId: input.attemptId });
      return { outcome: 'retained' };
    }
    return inDoubt(deps, intent.journalSeq, input.attemptId, 'retract', rejected.code);
  }
  return inDoubt(deps, intent.journalSeq, input.attemptId, 'waitTaken', waited.code);
}

function inDoubt(
  deps: AwaitTakenDeps,
  intentSeq: number,
  attemptId: string,
  step: string,
  code: string,
): AwaitCardTakenOutput {
  deps.cards.note(CARD_NOTES.jobInDoubt, { attemptId, intentSeq, step, code });
  deps.log.error('card at the exit left in doubt; left to recovery', { attemptId, step, code });
  return { outcome: 'inDoubt' };
}
