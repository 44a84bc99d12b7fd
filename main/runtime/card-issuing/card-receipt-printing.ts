import type { ReceiptPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { CardReceipt } from '../../../state-machines/card-issuing/card-issuing-types.ts';
import { JOURNAL_ENTRY_TYPES, type JournalStore } from '../journal/types.ts';
import { type CardReceiptFacts, cardReceipt } from '../receipts/card-receipt.ts';
import { RECEIPT_DEVICE } from '../session/receipt-printing.ts';

export const CARD_RECEIPT_ACTION = 'printCardReceipt';
const PRINT_TIMEOUT_MS = 15_000;
const LOOKBACK = 500;

/**
 * What an earlier attempt at this card's receipt came to. The journal, not the machine, says
 * whether it was attempted, so a restored session never prints it twice.
 */
export function earlierCardReceipt(journal: JournalStore, attemptId: string): CardReceipt | 'none' {
  const intent = journal.search({ type: JOURNAL_ENTRY_TYPES.deviceIntent, limit: LOOKBACK }).find((entry) => {
    const data = entry.data as { action?: string; context?: { attemptId?: string } };
    return data.action === CARD_RECEIPT_ACTION && data.context?.attemptId === attemptId;
  });
  if (!intent) return 'none';
  const outcome = journal
    .search({ type: JOURNAL_ENTRY_TYPES.deviceOutcome, limit: LOOKBACK })
    .find((entry) => (entry.data as { intentSeq?: number }).intentSeq === intent.seq);
  const code = (outcome?.data as { outcome?: string } | undefined)?.outcome;
  if (code === 'printed' || code === 'unavailable') return code;
  // No outcome, or found in doubt at start-up: not printed again.
  return 'failed';
}

/** Prints the card's receipt once: intent before, outcome after, as for the session receipt. */
export async function printCardReceipt(
  printer: ReceiptPrinter | null,
  journal: JournalStore,
  attemptId: string,
  facts: CardReceiptFacts,
  signal: AbortSignal,
  log: Logger,
): Promise<CardReceipt> {
  const earlier = earlierCardReceipt(journal, attemptId);
  if (earlier !== 'none') {
    log.info('card receipt already attempted; not printed again', { outcome: earlier });
    return earlier;
  }
  if (!printer?.status().ready) return 'unavailable';
  const intent = journal.recordIntent({
    device: RECEIPT_DEVICE,
    action: CARD_RECEIPT_ACTION,
    context: { attemptId },
  });
  const result = await printer.print(cardReceipt(facts), {
    signal: AbortSignal.any([signal, AbortSignal.timeout(PRINT_TIMEOUT_MS)]),
  });
  const outcome: CardReceipt =
    result.code === 'success' ? 'printed' : result.code === 'deviceNotReady' ? 'unavailable' : 'failed';
  journal.recordOutcome(intent, outcome, { code: result.code });
  if (result.code !== 'success') log.warn('card receipt not printed', { code: result.code });
  return outcome;
}
