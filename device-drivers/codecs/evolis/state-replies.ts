import type {
  CardPosition,
  CardPrinterCounters,
  CardPrinterSupplies,
} from '../../../contracts/devices/card-printer.ts';

/**
 * Replies of the read commands `Rsp` (supplies), `Rco` (counters) and `Rcp` (card position),
 * formatted by the printer and parsed by the host (docs/card-printer-protocol.md, "Commands").
 */

/** `<feeder>;<nearEmpty 0/1>;<ribbonPanels>;<ribbonLow 0/1>;<rejectBin>;<rejectCapacity>` */
export function formatSupplies(supplies: CardPrinterSupplies): string {
  const flag = (on: boolean) => (on ? '1' : '0');
  return [
    supplies.feederCards,
    flag(supplies.feederNearEmpty),
    supplies.ribbonPanels,
    flag(supplies.ribbonLow),
    supplies.rejectBinCards,
    supplies.rejectBinCapacity,
  ].join(';');
}

export function parseSupplies(values: string[]): CardPrinterSupplies | null {
  if (values.length !== 6) return null;
  const [feeder, nearEmpty, ribbon, ribbonLow, rejectBin, capacity] = values.map(count);
  if (nearEmpty == null || nearEmpty > 1 || ribbonLow == null || ribbonLow > 1) return null;
  if (feeder == null || ribbon == null || rejectBin == null || capacity == null || capacity === 0)
    return null;
  return {
    feederCards: feeder,
    feederNearEmpty: nearEmpty === 1,
    ribbonPanels: ribbon,
    ribbonLow: ribbonLow === 1,
    rejectBinCards: rejectBin,
    rejectBinCapacity: capacity,
  };
}

/** `<picked>;<ejected>;<rejected>` */
export function formatCounters(counters: CardPrinterCounters): string {
  return `${counters.picked};${counters.ejected};${counters.rejected}`;
}

export function parseCounters(values: string[]): CardPrinterCounters | null {
  if (values.length !== 3) return null;
  const [picked, ejected, rejected] = values.map(count);
  if (picked == null || ejected == null || rejected == null) return null;
  return { picked, ejected, rejected };
}

const POSITIONS: readonly CardPosition[] = ['none', 'inPrinter', 'atExit'];

/** `none`, `inPrinter` or `atExit`. */
export function parsePosition(values: string[]): CardPosition | null {
  const [position] = values;
  return values.length === 1 && POSITIONS.includes(position as CardPosition)
    ? (position as CardPosition)
    : null;
}

function count(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
