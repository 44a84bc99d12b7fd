import type { CardPrinterState } from '../../contracts/devices/card-printer.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import {
  EVOLIS_COMMAND as C,
  parseCounters,
  parsePosition,
  parseStatus,
  parseSupplies,
} from '../codecs/evolis/index.ts';
import type { PrinterCommand } from './card-printer-commands.ts';
import type { PrinterReading } from './card-printer-status.ts';

/**
 * The printer's read commands, each turned into a value or a completion. A reply that is not what
 * the command answers (wrong field count, unknown word) is reported through `onBadReply` (the
 * printer is a hardware error) and is `hardwareError` `badReply`.
 */
export interface PrinterReads {
  /** `Rst`, `Rsp`, `Rcp`: what a status poll needs. */
  reading(signal?: AbortSignal): Promise<OperationResult<PrinterReading>>;
  /** `Rcp`, `Rco`, `Rsp`: position, counters and supplies. */
  state(signal?: AbortSignal): Promise<OperationResult<CardPrinterState>>;
  position(signal?: AbortSignal): Promise<OperationResult<CardPrinterState['position']>>;
}

export function createPrinterReads(
  command: PrinterCommand,
  timeoutMs: number,
  onBadReply: () => void,
): PrinterReads {
  const read = async <T>(
    name: string,
    parse: (values: string[]) => T | null,
    signal?: AbortSignal,
  ): Promise<OperationResult<T>> => {
    const outcome = await command({ name, timeoutMs }, signal);
    if (!outcome.ok) return outcome.result;
    const value = outcome.reply.kind === 'values' ? parse(outcome.reply.values) : null;
    if (value === null) {
      onBadReply();
      return failed('hardwareError', `reply to ${name} does not fit`, 'badReply');
    }
    return succeeded(value);
  };

  const position = (signal?: AbortSignal) => read(C.cardPosition, parsePosition, signal);

  return {
    position,
    async reading(signal) {
      const status = await read(C.status, parseStatus, signal);
      if (status.code !== 'success') return status;
      const supplies = await read(C.supplies, parseSupplies, signal);
      if (supplies.code !== 'success') return supplies;
      const where = await position(signal);
      if (where.code !== 'success') return where;
      return succeeded({ ...status.value, supplies: supplies.value, position: where.value });
    },
    async state(signal) {
      const where = await position(signal);
      if (where.code !== 'success') return where;
      const counters = await read(C.counters, parseCounters, signal);
      if (counters.code !== 'success') return counters;
      const supplies = await read(C.supplies, parseSupplies, signal);
      if (supplies.code !== 'success') return supplies;
      return succeeded({ position: where.value, counters: counters.value, supplies: supplies.value });
    },
  };
}
