import type { CardPosition } from '../../contracts/index.ts';
import {
  EVOLIS_COMMAND as C,
  encodeCommand,
  encodeReplyLine,
  formatCounters,
  formatStatus,
  formatSupplies,
  MINOR,
  majorForMinors,
} from '../../device-drivers/codecs/evolis/index.ts';

/**
 * The branch's log lines a card job leaves, by their own `time` field (the writing process's wall
 * clock, 1 ms resolution): the card printer simulator's command trace (`command` at debug level,
 * logged when a command arrives, before its mechanical and wire time is waited out), the backend's
 * `card number issued`, and the kiosk's warnings and errors.
 */
export interface TracedCommand {
  /** Epoch ms at which the simulator had the whole command. */
  at: number;
  command: string;
  mechanicalMs: number;
}

export interface TracedLine {
  at: number;
  child: string;
  level: string;
  message: string;
  line: string;
}

export class CardTrace {
  /** `simulator`: the name the branch (or the benchmark) gives the card printer simulator's process. */
  constructor(private readonly simulator = 'card-printer-simulator') {}

  readonly commands: TracedCommand[] = [];
  /** `card number issued` at the backend. */
  readonly issued: number[] = [];
  /** `card taken` at the simulator (the customer took the card). */
  readonly taken: number[] = [];
  /** Warnings and errors of any process of the branch. */
  readonly problems: TracedLine[] = [];

  onLogLine = (child: string, line: string): void => {
    if (!line.startsWith('{')) return;
    let entry: { time?: string; level?: string; message?: string; command?: string; mechanicalMs?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    const at = entry.time ? Date.parse(entry.time) : Number.NaN;
    if (!Number.isFinite(at)) return;
    if (child === this.simulator) {
      if (entry.message === 'command' && typeof entry.command === 'string')
        this.commands.push({ at, command: entry.command, mechanicalMs: Number(entry.mechanicalMs) || 0 });
      if (entry.message === 'card taken') this.taken.push(at);
    }
    if (child === 'backend' && entry.message === 'card number issued') this.issued.push(at);
    if (entry.level === 'warn' || entry.level === 'error')
      this.problems.push({ at, child, level: entry.level, message: entry.message ?? '', line });
  };

  /** Commands that arrived in [from, to) (epoch ms). */
  commandsBetween(from: number, to: number): TracedCommand[] {
    return this.commands.filter((c) => c.at >= from && c.at < to);
  }
}

/** This process's wall clock for a performance.now() reading. */
export const epochOf = (perf: number): number => performance.timeOrigin + perf;
/** A wall-clock time (from a log line) on this process's performance.now() scale. */
export const perfOf = (epoch: number): number => epoch - performance.timeOrigin;

/** The simulator's `GET /state` of a card printer: supplies, counters and position in one object. */
export interface CardPrinterSimState {
  feederCards: number;
  feederNearEmpty: boolean;
  ribbonPanels: number;
  ribbonLow: boolean;
  rejectBinCards: number;
  rejectBinCapacity: number;
  picked: number;
  ejected: number;
  rejected: number;
  position: CardPosition;
}

/**
 * Bytes on the wire, both ways, of one argument-less command the printer answers from its state
 * (the reads and the sequence commands), as the simulator frames them for a printer in `state`
 * with no fault set. Null for a command whose reply this cannot know (one with arguments).
 */
export function exchangeBytes(command: string, state: CardPrinterSimState): number | null {
  const reply = (() => {
    switch (command) {
      case C.cardPosition:
        return state.position;
      case C.counters:
        return formatCounters(state);
      case C.supplies:
        return formatSupplies(state);
      case C.status: {
        const minors: string[] = [];
        if (state.ribbonLow && state.ribbonPanels > 0) minors.push(MINOR.ribbonLow);
        if (state.feederNearEmpty && state.feederCards > 0) minors.push(MINOR.feederNearEmpty);
        if (minors.length === 0) minors.push(MINOR.printerReady);
        return formatStatus({ major: majorForMinors(minors), minors });
      }
      case C.sequenceStart:
      case C.sequenceEnd:
        return 'OK';
      default:
        return null;
    }
  })();
  return reply === null ? null : encodeCommand(command).length + encodeReplyLine(reply).length;
}
