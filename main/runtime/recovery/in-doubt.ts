import type { BillValidator, DeviceActionInDoubt, ReceiptPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { CARD_RECEIPT_ACTION } from '../card-issuing/card-receipt-printing.ts';
import { CARD_PRINTER_DEVICE } from '../card-issuing/card-journal.ts';
import type { JournalStore } from '../journal/types.ts';
import { RECEIPT_ACTION, RECEIPT_DEVICE } from '../session/receipt-printing.ts';

/** Receipts are never printed twice: a missing receipt is better than a second one. */
const RECEIPT_ACTIONS = new Set([RECEIPT_ACTION, CARD_RECEIPT_ACTION]);

/**
 * Start-up recovery of device actions left without an outcome by a crash or power loss. Each is
 * in doubt: recovery asks the device what it can tell, journals the answer as the intent's outcome
 * (`inDoubt`), and reports it to the backend. It never repeats the action.
 *
 * An ESC/POS printer keeps no job counter, so for a receipt the answer is the printer's state; the
 * receipt is not printed again either way (a missing receipt is better than a second one).
 *
 * Card printer intents are not touched here: the card printer keeps lifetime counters, so
 * card-issuing/card-recovery.ts settles them from evidence (and retries while the printer is
 * silent) instead of marking them in doubt.
 */
export async function recoverInDoubtActions(
  journal: JournalStore,
  devices: { receiptPrinter: ReceiptPrinter | null; billValidator?: BillValidator | null },
  log: Logger,
): Promise<number> {
  const open = journal.openIntents().filter((intent) => intent.device !== CARD_PRINTER_DEVICE);
  for (const intent of open) {
    let deviceState = 'unknown';
    if (intent.device === RECEIPT_DEVICE && devices.receiptPrinter) {
      const status = await devices.receiptPrinter.refreshStatus({ signal: AbortSignal.timeout(3_000) });
      deviceState =
        status.code === 'success'
          ? `${status.value.state}${status.value.ready ? '' : '/notReady'}`
          : status.code;
    }
    const resolution = RECEIPT_ACTIONS.has(intent.action) ? 'notReprinted' : 'unresolved';
    journal.recordOutcome(intent, 'inDoubt', { deviceState, resolution });
    const report: DeviceActionInDoubt = {
      intentSeq: intent.journalSeq,
      device: intent.device,
      action: intent.action,
      resolution,
      deviceState,
    };
    journal.record({ type: 'device.actionInDoubt', data: report, durability: 'moneyOrCard', sync: true });
    log.warn('device action found in doubt at start-up', {
      device: intent.device,
      action: intent.action,
      resolution,
    });
  }
  return open.length;
}
