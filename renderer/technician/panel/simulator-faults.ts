import type { DeviceId } from '../../../contracts/devices/status.ts';
import type { ReceiptPrinterFault } from '../../../contracts/simulator-control.ts';

// The renderer may import contracts for types only, so the fault lists are restated here;
// the `satisfies` and the exhaustiveness check below fail the type check if they drift.
const RECEIPT_PRINTER_FAULTS = [
  'paperOut',
  'paperNearEnd',
  'coverOpen',
  'noReply',
  'garbage',
  'unplug',
] as const satisfies readonly ReceiptPrinterFault[];
type MissingReceiptPrinterFault = Exclude<ReceiptPrinterFault, (typeof RECEIPT_PRINTER_FAULTS)[number]>;
const receiptPrinterFaultsComplete: [MissingReceiptPrinterFault] extends [never] ? true : never = true;
void receiptPrinterFaultsComplete;

/** Faults each simulator can be told to fake; a simulator not listed offers only its active ones. */
export const SIMULATOR_FAULTS: Partial<Record<DeviceId, readonly string[]>> = {
  receiptPrinter: RECEIPT_PRINTER_FAULTS,
};

export function faultsOf(device: DeviceId, active: readonly string[]): string[] {
  const known = SIMULATOR_FAULTS[device] ?? [];
  return [...known, ...active.filter((fault) => !known.includes(fault))];
}
