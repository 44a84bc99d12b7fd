import type { BillValidator, DeviceActionInDoubt, ReceiptPrinter } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { JournalStore } from '../journal/types.ts';
import { RECEIPT_ACTION, RECEIPT_DEVICE } from '../session/receipt-printing.ts';

/**
 * Start-up recovery of device actions left without an outcome by a crash or power loss. Each is
 * in doubt: recovery asks the device what it can tell, journals the answer as the intent's outcome
 * (`inDoubt`), and reports it to the backend. It never repeats the action.
 *
 * An ESC/POS printer keeps no job counter, so for a receipt the answer is the printer's state; the
 * receipt is not printed again either way (a missing receipt is better than a second one).
 */
export async function recoverInDoubtActions(
  journal: JournalStore,
  devices: { receiptPrinter: ReceiptPrinter | null; billValidator?: BillValidator | null },
  log: Logger,
): Promise<number> {
  const open = journal.openIntents();
  for (const intent of open) {
    let deviceState = 'unknown';
    if (intent.device === RECEIPT_DEVICE && devices.receiptPrinter) {
      const status = await devices.receiptPrinter.refreshStatus({ signal: AbortSignal.timeout(3_000) });
      deviceState =
        status.code === 'success'
          ? `${status.value.state}${status.value.ready ? '' : '/notReady'}`
          : status.code;
    }
    const resolution = intent.action === RECEIPT_ACTION ? 'notReprinted' : 'unresolved';
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
