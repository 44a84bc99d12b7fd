import type { CardPosition, CardPrinterDetail } from '../../../contracts/devices/card-printer.ts';
import type { DeviceDetail } from '../../../contracts/devices/status.ts';

/** How a supply stands: `bad` stops the printer, `warn` will soon, `unknown` was not reported. */
export type SupplyLevel = 'good' | 'warn' | 'bad' | 'unknown';

export interface CardPrinterReading {
  feeder: { cards: number | null; level: SupplyLevel };
  ribbon: { panels: number | null; level: SupplyLevel };
  rejectBin: { cards: number | null; capacity: number | null; level: SupplyLevel };
  position: CardPosition | null;
  /** The printer's own state words (e.g. `RIBBON_ENDED`), in the order it gave them. */
  minorStates: string[];
  /** Detail keys the printer driver reports beyond these, shown as they come. */
  others: DeviceDetail;
}

const KNOWN_KEYS = new Set<keyof CardPrinterDetail>([
  'feederCards',
  'feederNearEmpty',
  'ribbonPanels',
  'ribbonLow',
  'rejectBinCards',
  'rejectBinCapacity',
  'position',
  'minorStates',
]);

const POSITIONS: readonly CardPosition[] = ['none', 'inPrinter', 'atExit'];

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/** Empty is `bad`; the printer's own low flag is `warn`. */
function supplyLevel(left: number | null, low: unknown): SupplyLevel {
  if (left === null) return 'unknown';
  if (left === 0) return 'bad';
  return low === true ? 'warn' : 'good';
}

/** A bin that cannot take the next spoiled card stops issuing; one card short of it is a warning. */
function binLevel(cards: number | null, capacity: number | null): SupplyLevel {
  if (cards === null || capacity === null || capacity === 0) return 'unknown';
  if (cards >= capacity) return 'bad';
  return cards >= capacity - 1 ? 'warn' : 'good';
}

/**
 * The card printer's `DeviceStatus.detail` (CardPrinterDetail) read for the panel. The detail is
 * whatever the driver last managed to read, so any field may be missing (a printer that never
 * answered reports none): each is checked rather than trusted.
 */
export function readCardPrinterDetail(detail: DeviceDetail): CardPrinterReading {
  const feederCards = count(detail.feederCards);
  const ribbonPanels = count(detail.ribbonPanels);
  const binCards = count(detail.rejectBinCards);
  const binCapacity = count(detail.rejectBinCapacity);
  const position = POSITIONS.find((p) => p === detail.position) ?? null;
  const minorStates =
    typeof detail.minorStates === 'string'
      ? detail.minorStates
          .split(',')
          .map((word) => word.trim())
          .filter(Boolean)
      : [];
  const others = Object.fromEntries(
    Object.entries(detail).filter(([key]) => !KNOWN_KEYS.has(key as keyof CardPrinterDetail)),
  );
  return {
    feeder: { cards: feederCards, level: supplyLevel(feederCards, detail.feederNearEmpty) },
    ribbon: { panels: ribbonPanels, level: supplyLevel(ribbonPanels, detail.ribbonLow) },
    rejectBin: { cards: binCards, capacity: binCapacity, level: binLevel(binCards, binCapacity) },
    position,
    minorStates,
    others,
  };
}
