import type { ReceiptOutcome, ReceiptPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { PrintSessionReceiptInput } from '../../../state-machines/session/session-machine.ts';
import { sessionReceipt } from '../receipts/session-receipt.ts';

/** Longest the goodbye screen waits for the printer before telling the customer it failed. */
const PRINT_TIMEOUT_MS = 15_000;

/**
 * The goodbye step's receipt. A printer that is not ready is not tried: the customer is told
 * there is no receipt and the session ends as usual.
 */
export async function printSessionReceipt(
  printer: ReceiptPrinter | null,
  input: PrintSessionReceiptInput,
  facts: { bankName: string; kioskId: string },
  signal: AbortSignal,
  log: Logger,
): Promise<ReceiptOutcome> {
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
  const result = await printer.print(document, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(PRINT_TIMEOUT_MS)]),
  });
  if (result.code === 'success') return 'printed';
  log.warn('session receipt not printed', { code: result.code, reason: result.message });
  return result.code === 'deviceNotReady' ? 'unavailable' : 'failed';
}
