import type { ReceiptOutcome, ReceiptPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { PrintSessionReceiptInput } from '../../../state-machines/session/session-machine.ts';
import type { JournalStore } from '../journal/types.ts';
import { sessionReceipt } from '../receipts/session-receipt.ts';

/** Longest the goodbye screen waits for the printer before telling the customer it failed. */
const PRINT_TIMEOUT_MS = 15_000;
export const RECEIPT_DEVICE = 'receiptPrinter';
export const RECEIPT_ACTION = 'printSessionReceipt';

/** How far back the journal is searched for an earlier attempt at the same session's receipt. */
const ATTEMPT_LOOKBACK = 200;

/**
 * What an earlier attempt at this session's receipt came to, if there was one. XState re-runs the
 * printing actor when a snapshot taken mid-print is restored; the journal, not the machine, says
 * whether the receipt was already attempted, so a restart never prints it twice.
 */
export function earlierReceiptOutcome(journal: JournalStore, sessionId: string): ReceiptOutcome | 'none' {
  const intent = journal.search({ type: 'device.intent', limit: ATTEMPT_LOOKBACK }).find((entry) => {
    const data = entry.data as { action?: string; context?: { sessionId?: string } };
    return data.action === RECEIPT_ACTION && data.context?.sessionId === sessionId;
  });
  if (!intent) return 'none';
  const outcome = journal
    .search({ type: 'device.outcome', limit: ATTEMPT_LOOKBACK })
    .find((entry) => (entry.data as { intentSeq?: number }).intentSeq === intent.seq);
  const code = (outcome?.data as { outcome?: string } | undefined)?.outcome;
  if (code === 'printed' || code === 'unavailable') return code;
  // No outcome, or recovery found it in doubt: the customer is told it failed; it is not reprinted.
  return 'failed';
}

/**
 * The goodbye step's receipt. A printer that is not ready is not tried: the customer is told
 * there is no receipt and the session ends as usual. A print is journaled as intent before and
 * outcome after, so a crash in between is found in doubt at start-up instead of printed again.
 */
export async function printSessionReceipt(
  printer: ReceiptPrinter | null,
  journal: JournalStore,
  input: PrintSessionReceiptInput,
  facts: { bankName: string; kioskId: string },
  signal: AbortSignal,
  log: Logger,
): Promise<ReceiptOutcome> {
  const earlier = earlierReceiptOutcome(journal, input.sessionId);
  if (earlier !== 'none') {
    log.info('session receipt already attempted; not printed again', { outcome: earlier });
    return earlier;
  }
  if (!printer) return 'unavailable';
  const before = printer.status();
  if (!before.ready) {
    log.info('no session receipt: printer not ready', { state: before.state, reason: before.message });
    return 'unavailable';
  }
  const document = sessionReceipt({
    ...facts,
    sessionId: input.sessionId,
    language: input.language,
    printedAt: new Date(),
  });
  const intent = journal.recordIntent({
    device: RECEIPT_DEVICE,
    action: RECEIPT_ACTION,
    context: { sessionId: input.sessionId },
  });
  const result = await printer.print(document, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(PRINT_TIMEOUT_MS)]),
  });
  const outcome: ReceiptOutcome =
    result.code === 'success' ? 'printed' : result.code === 'deviceNotReady' ? 'unavailable' : 'failed';
  journal.recordOutcome(intent, outcome, { code: result.code });
  if (result.code !== 'success')
    log.warn('session receipt not printed', { code: result.code, reason: result.message });
  return outcome;
}
