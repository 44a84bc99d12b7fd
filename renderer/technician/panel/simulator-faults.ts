import type { DeviceId } from '../../../contracts/devices/status.ts';
import type {
  CardPrinterFault,
  CashDeviceFault,
  IdScannerFault,
  QrScannerFault,
  ReceiptPrinterFault,
} from '../../../contracts/simulator-control.ts';

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

const CARD_PRINTER_FAULTS = [
  'coverOpen',
  'ribbonEnded',
  'ribbonEndsMidJob',
  'feederEmpty',
  'cardJam',
  'encodingFailure',
  'rejectBinFull',
  'noReply',
  'powerLossBeforeEject',
  'garbage',
  'unplug',
] as const satisfies readonly CardPrinterFault[];
type MissingCardPrinterFault = Exclude<CardPrinterFault, (typeof CARD_PRINTER_FAULTS)[number]>;
const cardPrinterFaultsComplete: [MissingCardPrinterFault] extends [never] ? true : never = true;
void cardPrinterFaultsComplete;

const ID_SCANNER_FAULTS = [
  'badChunkChecksum',
  'truncatedImage',
  'hugeImage',
  'randomText',
  'noReply',
  'garbage',
  'unplug',
] as const satisfies readonly IdScannerFault[];
type MissingIdScannerFault = Exclude<IdScannerFault, (typeof ID_SCANNER_FAULTS)[number]>;
const idScannerFaultsComplete: [MissingIdScannerFault] extends [never] ? true : never = true;
void idScannerFaultsComplete;

const QR_SCANNER_FAULTS = ['garbage', 'truncated', 'unplug'] as const satisfies readonly QrScannerFault[];
type MissingQrScannerFault = Exclude<QrScannerFault, (typeof QR_SCANNER_FAULTS)[number]>;
const qrScannerFaultsComplete: [MissingQrScannerFault] extends [never] ? true : never = true;
void qrScannerFaultsComplete;

/** Faults of the ccTalk simulators that every one of them has. */
const CCTALK_LINK_FAULTS = [
  'powerCycle',
  'noReply',
  'badChecksum',
  'unplug',
] as const satisfies readonly CashDeviceFault[];

/** Faults each simulator can be told to fake; a simulator not listed offers only its active ones. */
export const SIMULATOR_FAULTS: Partial<Record<DeviceId, readonly string[]>> = {
  receiptPrinter: RECEIPT_PRINTER_FAULTS,
  cardPrinter: CARD_PRINTER_FAULTS,
  idScanner: ID_SCANNER_FAULTS,
  qrScanner: QR_SCANNER_FAULTS,
  billValidator: [
    'jam',
    'stackerFull',
    'fraud',
    'counterWrap',
    'eventBurst',
    ...CCTALK_LINK_FAULTS,
  ] satisfies CashDeviceFault[],
  coinAcceptor: [
    'jam',
    'fraud',
    'counterWrap',
    'eventBurst',
    ...CCTALK_LINK_FAULTS,
  ] satisfies CashDeviceFault[],
  coinHopper: [
    'emptyMidPayout',
    'powerLossMidPayout',
    'jam',
    ...CCTALK_LINK_FAULTS,
  ] satisfies CashDeviceFault[],
};

/**
 * What a technician can put into a cash simulator, as a customer would (minor units): the euro
 * notes and coins the simulators know.
 */
export const SIMULATOR_INSERTS: Partial<Record<DeviceId, readonly number[]>> = {
  billValidator: [500, 1000, 2000, 5000, 10000, 20000],
  coinAcceptor: [10, 20, 50, 100, 200],
};

export function faultsOf(device: DeviceId, active: readonly string[]): string[] {
  const known = SIMULATOR_FAULTS[device] ?? [];
  return [...known, ...active.filter((fault) => !known.includes(fault))];
}
