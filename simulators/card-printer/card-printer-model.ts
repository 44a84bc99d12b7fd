import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type CardPosition,
  type CardPrinterCounters,
  type CardPrinterSupplies,
} from '../../contracts/devices/card-printer.ts';
import { CardPrinterFault, type SimulatorState } from '../../contracts/simulator-control.ts';
import type { EvolisCommandFrame } from '../../device-drivers/codecs/evolis/command-decoder.ts';
import { decompressPanelRows } from '../../device-drivers/codecs/evolis/panel-compression.ts';
import { encodeReplyLine } from '../../device-drivers/codecs/evolis/reply.ts';
import { formatCounters, formatSupplies } from '../../device-drivers/codecs/evolis/state-replies.ts';
import {
  ERROR_WORD,
  formatStatus,
  MINOR,
  majorForMinors,
  type PrinterStatus,
} from '../../device-drivers/codecs/evolis/status.ts';
import {
  CLOCKING_ZEROS,
  decodeTrackBits,
  encodeTrackBits,
} from '../../device-drivers/codecs/magstripe/track-bits.ts';
import {
  isTrackNumber,
  TRACK_FORMATS,
  type TrackNumber,
} from '../../device-drivers/codecs/magstripe/track-formats.ts';
import { validateTrack } from '../../device-drivers/codecs/magstripe/track-text.ts';
import type { CardPrinterTimings } from './card-printer-timings.ts';
import type { SimulatedCard } from './simulated-card.ts';

export interface CardPrinterModelOptions {
  /** Cards in the feeder at start, and after a replenish. */
  feederCards: number;
  /** K panels on a new ribbon. */
  ribbonPanels: number;
  rejectCapacity: number;
  timings: CardPrinterTimings;
  /** Wire time per byte, counted into each card's `mechanicalMs` (0: not counted). */
  byteTimeMs?: number;
  now?: () => Date;
  /** Random source for garbage replies, the corrupted bit and where the ribbon ends (tests fix it). */
  random?: () => number;
  /** Cards kept for the control API. */
  keepCards?: number;
}

/** One command handled: the reply bytes (null: silence) and how long the mechanics took first. */
export interface PrinterStep {
  reply: Buffer | null;
  mechanicalMs: number;
}

/** What a command does, before the reply is framed. */
interface Outcome {
  line: string;
  mechanicalMs: number;
}

const PANEL_BYTES_PER_ROW = CARD_PANEL_WIDTH / 8;
const FIRMWARE = 'VENTANILLA-SIM-EVOLIS 1.0';

const ok = (mechanicalMs = 0): Outcome => ({ line: 'OK', mechanicalMs });
const err = (word: string, mechanicalMs = 0): Outcome => ({ line: `ERR;${word}`, mechanicalMs });

/**
 * An instant-issuance card printer without hardware (docs/card-printer-protocol.md): Evolis-style
 * command frames in, reply lines out, with the time each mechanical step takes so the process can
 * delay the reply. Pure: the process owns the port, the timers and the socat pair. Never throws
 * on input.
 *
 * Sequencing: a pick needs an empty transport; encoding, reading, printing and ejecting need the
 * card inside the printer, rejecting needs a card inside or at the exit; writing needs downloaded
 * tracks and printing a downloaded panel. Anything else out of order is `ERR;SEQ`. `Ss`…`Se`
 * marks a job: a card inside with no job open is reported as `INF_CARD_INSIDE`.
 *
 * Faults (contracts/simulator-control.ts): supply faults (`feederEmpty`, `ribbonEnded`,
 * `rejectBinFull`) and `coverOpen` stand for the sensors while set; `ribbonEndsMidJob` and
 * `encodingFailure` fire once on the next print / stripe write; `cardJam` fires on the next
 * mechanical step with a card in the transport and holds the card until cleared;
 * `powerLossBeforeEject` fires after the next successful print and keeps the printer silent until
 * cleared; `noReply` and `garbage` leave commands undone.
 */
export class CardPrinterModel {
  // Every fault of the contract: the control API refuses the rest.
  readonly supportedFaults: readonly CardPrinterFault[] = CardPrinterFault.options;
  private readonly options: Required<CardPrinterModelOptions>;
  private readonly faults = new Set<CardPrinterFault>();
  private feeder: number;
  private ribbon: number;
  private rejectBin = 0;
  /** Lifetime counters: nothing in the simulation resets them, power loss included. */
  private readonly counters: CardPrinterCounters = { picked: 0, ejected: 0, rejected: 0 };
  private readonly cards: SimulatedCard[] = [];
  private nextCardId = 1;
  /** The card in the transport (inside or at the exit). */
  private current: SimulatedCard | null = null;
  private jobOpen = false;
  private readonly downloadedTracks = new Map<TrackNumber, string>();
  private downloadedPanel: Uint8Array | null = null;
  /** `cardJam` fired: the card is stuck until staff take it out (clearing the fault). */
  private jammed = false;
  /** `powerLossBeforeEject` fired: no reply to anything until the fault is cleared. */
  private powerLost = false;
  /** A read-back failed on the card inside: ERR_WRITE_MAGNETIC until the card leaves or `Srs`. */
  private magneticFailure = false;

  constructor(options: CardPrinterModelOptions) {
    this.options = {
      byteTimeMs: 0,
      now: () => new Date(),
      random: Math.random,
      keepCards: 20,
      ...options,
    };
    this.feeder = options.feederCards;
    this.ribbon = options.ribbonPanels;
  }

  receive(frame: EvolisCommandFrame): PrinterStep {
    if (this.powerLost || this.faults.has('noReply')) return { reply: null, mechanicalMs: 0 };
    // A confused printer: the command is not carried out, the answer is noise.
    if (this.faults.has('garbage')) return { reply: this.garbage(), mechanicalMs: 0 };
    const before = this.current;
    const outcome = frame.kind === 'invalid' ? err(ERROR_WORD.unknownCommand) : this.execute(frame);
    const reply = encodeReplyLine(outcome.line);
    const card = before ?? this.current;
    if (card) {
      const wireBytes = (frame.kind === 'command' ? commandLength(frame) : 0) + reply.length;
      card.mechanicalMs += outcome.mechanicalMs + wireBytes * this.options.byteTimeMs;
    }
    return { reply, mechanicalMs: outcome.mechanicalMs };
  }

  /** The customer takes the card at the exit; false when there is none. */
  take(): boolean {
    if (this.current?.location !== 'atExit' || this.jammed) return false;
    this.current.location = 'taken';
    this.current = null;
    return true;
  }

  position(): CardPosition {
    const location = this.current?.location;
    return location === 'inPrinter' || location === 'atExit' ? location : 'none';
  }

  injectFault(fault: CardPrinterFault): void {
    this.faults.add(fault);
  }

  clearFault(fault: CardPrinterFault): void {
    this.faults.delete(fault);
    if (fault === 'cardJam' && this.jammed) {
      // Staff open the printer and take the jammed card out by hand. PrintedCard has no
      // "removed" location; 'rejectBin' is the nearest (the card is not issued). The printer's
      // counters do not change: it neither ejected nor rejected the card.
      this.jammed = false;
      if (this.current) this.current.location = 'rejectBin';
      this.current = null;
      this.magneticFailure = false;
    }
    if (fault === 'powerLossBeforeEject' && this.powerLost) {
      // Power is back: the card is still inside, the job and its downloads are gone.
      this.powerLost = false;
      this.resetJob();
    }
  }

  clearAllFaults(): void {
    for (const fault of [...this.faults]) this.clearFault(fault);
  }

  hasFault(fault: CardPrinterFault): boolean {
    return this.faults.has(fault);
  }

  /** Staff load cards and a new ribbon and empty the reject bin; the supply sensors read true again. */
  replenish(): void {
    this.feeder = this.options.feederCards;
    this.ribbon = this.options.ribbonPanels;
    this.rejectBin = 0;
    for (const fault of ['feederEmpty', 'ribbonEnded', 'rejectBinFull'] as const) this.faults.delete(fault);
  }

  /** Supplies as the printer's sensors report them (a supply fault reads as empty or full). */
  supplies(): CardPrinterSupplies {
    const { feederCards, ribbonPanels, rejectCapacity } = this.options;
    const feeder = this.faults.has('feederEmpty') ? 0 : this.feeder;
    const ribbon = this.faults.has('ribbonEnded') ? 0 : this.ribbon;
    return {
      feederCards: feeder,
      feederNearEmpty: feeder <= nearThreshold(feederCards),
      ribbonPanels: ribbon,
      ribbonLow: ribbon <= nearThreshold(ribbonPanels),
      rejectBinCards: this.faults.has('rejectBinFull') ? rejectCapacity : this.rejectBin,
      rejectBinCapacity: rejectCapacity,
    };
  }

  status(): PrinterStatus {
    const supplies = this.supplies();
    const minors: string[] = [];
    if (this.jammed) minors.push(MINOR.mechanical);
    if (this.faults.has('coverOpen')) minors.push(MINOR.coverOpen);
    if (supplies.ribbonPanels === 0) minors.push(MINOR.ribbonEnded);
    if (supplies.feederCards === 0) minors.push(MINOR.feederEmpty);
    if (supplies.rejectBinCards >= supplies.rejectBinCapacity) minors.push(MINOR.rejectBoxFull);
    if (this.magneticFailure) minors.push(MINOR.writeMagnetic);
    if (supplies.ribbonLow && supplies.ribbonPanels > 0) minors.push(MINOR.ribbonLow);
    if (supplies.feederNearEmpty && supplies.feederCards > 0) minors.push(MINOR.feederNearEmpty);
    if (this.position() === 'inPrinter' && !this.jobOpen) minors.push(MINOR.cardInside);
    if (minors.length === 0) minors.push(MINOR.printerReady);
    return { major: majorForMinors(minors), minors };
  }

  counterValues(): CardPrinterCounters {
    return { ...this.counters };
  }

  lastCard(): SimulatedCard | null {
    return this.cards.at(-1) ?? null;
  }

  state(plugged: boolean): SimulatorState {
    return {
      device: 'cardPrinter',
      faults: [...this.faults],
      supplies: {
        ...this.supplies(),
        ...this.counters,
        position: this.position(),
        lastCardId: this.lastCard()?.id ?? 0,
      },
      plugged,
    };
  }

  private execute(frame: Extract<EvolisCommandFrame, { kind: 'command' }>): Outcome {
    const { command, args } = frame;
    const expected = ARGUMENT_COUNTS[command];
    if (expected === undefined) return err(ERROR_WORD.unknownCommand);
    if (args.length !== expected) return err(ERROR_WORD.badParameter);
    switch (command) {
      case 'Rfv':
        return { line: FIRMWARE, mechanicalMs: 0 };
      case 'Rst':
        return { line: formatStatus(this.status()), mechanicalMs: 0 };
      case 'Rsp':
        return { line: formatSupplies(this.supplies()), mechanicalMs: 0 };
      case 'Rco':
        return { line: formatCounters(this.counters), mechanicalMs: 0 };
      case 'Rcp':
        return { line: this.position(), mechanicalMs: 0 };
      case 'Ss':
        this.jobOpen = true;
        return ok();
      case 'Se':
        this.resetJob();
        return ok();
      case 'Srs':
        this.resetJob();
        this.magneticFailure = false;
        return ok();
      case 'Sr':
        return ok();
      case 'Si':
        return this.pick();
      case 'Dm':
        return this.downloadTrack(args[0]!, args[1]!);
      case 'Smw':
        return this.writeStripe();
      case 'Rm':
        return this.readTrack(args[0]!);
      case 'Dbc':
        return this.downloadPanel(args, frame.payload);
      case 'Sp':
        return this.print();
      case 'Seo':
        return this.eject();
      case 'Ser':
        return this.reject();
      default:
        return err(ERROR_WORD.unknownCommand);
    }
  }

  /** Why the mechanics cannot move at all, or null. */
  private blocked(): Outcome | null {
    if (this.jammed) return err(MINOR.mechanical);
    if (this.faults.has('coverOpen')) return err(MINOR.coverOpen);
    return null;
  }

  /** `cardJam` fires on the first mechanical step with a card in the transport. */
  private jamsNow(stepMs: number): Outcome | null {
    if (!this.faults.has('cardJam') || this.current === null) return null;
    this.jammed = true;
    this.current.location = 'inPrinter';
    return err(MINOR.mechanical, stepMs);
  }

  private cardInside(): SimulatedCard | null {
    return this.current?.location === 'inPrinter' ? this.current : null;
  }

  private pick(): Outcome {
    const blocked = this.blocked();
    if (blocked) return blocked;
    if (this.current) return err(ERROR_WORD.outOfSequence);
    const supplies = this.supplies();
    if (supplies.feederCards === 0) return err(MINOR.feederEmpty);
    // A job that could not finish is not started: no card is wasted on a missing ribbon or a
    // full reject bin.
    if (supplies.ribbonPanels === 0) return err(MINOR.ribbonEnded);
    if (supplies.rejectBinCards >= supplies.rejectBinCapacity) return err(MINOR.rejectBoxFull);
    this.feeder--;
    this.counters.picked++;
    const card: SimulatedCard = {
      id: this.nextCardId++,
      pickedAt: this.options.now(),
      location: 'inPrinter',
      stripe: new Map(),
      ink: null,
      printed: false,
      mechanicalMs: 0,
    };
    this.current = card;
    this.cards.push(card);
    if (this.cards.length > this.options.keepCards) this.cards.shift();
    return ok(this.options.timings.pick);
  }

  private downloadTrack(trackArg: string, track: string): Outcome {
    const number = Number(trackArg);
    if (!isTrackNumber(number) || trackArg !== String(number)) return err(ERROR_WORD.badParameter);
    if (!validateTrack(number, track).ok) return err(ERROR_WORD.badParameter);
    this.downloadedTracks.set(number, track);
    return ok();
  }

  private writeStripe(): Outcome {
    const { writeStripe } = this.options.timings;
    const blocked = this.blocked();
    if (blocked) return blocked;
    const card = this.cardInside();
    if (!card || this.downloadedTracks.size === 0) return err(ERROR_WORD.outOfSequence);
    const jam = this.jamsNow(writeStripe);
    if (jam) return jam;
    const corrupt = this.faults.delete('encodingFailure');
    for (const [track, text] of this.downloadedTracks) {
      const bits = encodeTrackBits(track, text);
      if (corrupt) this.corruptOneBit(track, text, bits);
      card.stripe.set(track, bits);
    }
    this.downloadedTracks.clear();
    return ok(writeStripe);
  }

  /** One bit flipped inside the characters: the read-back's parity check catches it. */
  private corruptOneBit(track: TrackNumber, text: string, bits: Uint8Array): void {
    const frameBits = TRACK_FORMATS[track].bitsPerChar + 1;
    const dataBits = (text.length - 1) * frameBits;
    const at = CLOCKING_ZEROS + frameBits + Math.floor(this.options.random() * (dataBits - frameBits));
    bits[at] = bits[at] === 1 ? 0 : 1;
  }

  private readTrack(trackArg: string): Outcome {
    const { readTrack } = this.options.timings;
    const number = Number(trackArg);
    if (!isTrackNumber(number) || trackArg !== String(number)) return err(ERROR_WORD.badParameter);
    const blocked = this.blocked();
    if (blocked) return blocked;
    const card = this.cardInside();
    if (!card) return err(ERROR_WORD.outOfSequence);
    const jam = this.jamsNow(readTrack);
    if (jam) return jam;
    // An unwritten track is blank: no start sentinel, a read failure like any other.
    const decoded = decodeTrackBits(number, card.stripe.get(number) ?? new Uint8Array(0));
    if (decoded.ok) return { line: decoded.track, mechanicalMs: readTrack };
    if (card.stripe.has(number)) this.magneticFailure = true;
    return err(ERROR_WORD.readMagnetic, readTrack);
  }

  private downloadPanel(args: string[], payload: Buffer | null): Outcome {
    const [panel, rows] = args;
    if (panel !== 'k' || rows !== String(CARD_PANEL_HEIGHT) || payload === null)
      return err(ERROR_WORD.badParameter);
    const bitmap = decompressPanelRows(payload, PANEL_BYTES_PER_ROW, CARD_PANEL_HEIGHT);
    if (bitmap === null) return err(ERROR_WORD.badParameter);
    this.downloadedPanel = bitmap;
    return ok();
  }

  private print(): Outcome {
    const { print } = this.options.timings;
    const blocked = this.blocked();
    if (blocked) return blocked;
    const card = this.cardInside();
    const panel = this.downloadedPanel;
    if (!card || !panel) return err(ERROR_WORD.outOfSequence);
    const jam = this.jamsNow(print);
    if (jam) return jam;
    if (this.supplies().ribbonPanels === 0) return err(MINOR.ribbonEnded);
    this.downloadedPanel = null;
    if (this.faults.delete('ribbonEndsMidJob')) {
      // The ribbon runs out somewhere between a fifth and four fifths of the way down the card.
      const rows = Math.floor(CARD_PANEL_HEIGHT * (0.2 + 0.6 * this.options.random()));
      addInk(card, panel.subarray(0, rows * PANEL_BYTES_PER_ROW));
      this.ribbon = 0;
      return err(MINOR.ribbonEnded, (print * rows) / CARD_PANEL_HEIGHT);
    }
    addInk(card, panel);
    card.printed = true;
    this.ribbon--;
    if (this.faults.has('powerLossBeforeEject')) {
      // The print's OK still goes out; from then on the printer is dark until the fault is cleared.
      this.powerLost = true;
    }
    return ok(print);
  }

  private eject(): Outcome {
    const { eject } = this.options.timings;
    const blocked = this.blocked();
    if (blocked) return blocked;
    const card = this.cardInside();
    if (!card) return err(ERROR_WORD.outOfSequence);
    const jam = this.jamsNow(eject);
    if (jam) return jam;
    card.location = 'atExit';
    this.counters.ejected++;
    this.magneticFailure = false;
    return ok(eject);
  }

  private reject(): Outcome {
    const { reject } = this.options.timings;
    const blocked = this.blocked();
    if (blocked) return blocked;
    const card = this.current;
    if (!card) return err(ERROR_WORD.outOfSequence);
    const jam = this.jamsNow(reject);
    if (jam) return jam;
    const supplies = this.supplies();
    if (supplies.rejectBinCards >= supplies.rejectBinCapacity) return err(MINOR.rejectBoxFull);
    card.location = 'rejectBin';
    this.current = null;
    this.rejectBin++;
    this.counters.rejected++;
    this.magneticFailure = false;
    return ok(reject);
  }

  private resetJob(): void {
    this.jobOpen = false;
    this.downloadedTracks.clear();
    this.downloadedPanel = null;
  }

  private garbage(): Buffer {
    const random = this.options.random;
    const bytes = Buffer.alloc(1 + Math.floor(random() * 32));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    return bytes;
  }
}

/** How many arguments each command takes (`Dbc`'s payload is not one of them). */
const ARGUMENT_COUNTS: Readonly<Record<string, number>> = {
  Rfv: 0,
  Rst: 0,
  Rsp: 0,
  Rco: 0,
  Rcp: 0,
  Ss: 0,
  Si: 0,
  Dm: 2,
  Smw: 0,
  Rm: 1,
  Sr: 0,
  Dbc: 3,
  Sp: 0,
  Seo: 0,
  Ser: 0,
  Se: 0,
  Srs: 0,
};

/** Near empty / low at a tenth of a full load (at least one). */
function nearThreshold(full: number): number {
  return Math.max(1, Math.round(full / 10));
}

/** Ink adds up: a second print on the same card lands on top of the first. */
function addInk(card: SimulatedCard, rows: Uint8Array): void {
  card.ink ??= new Uint8Array(PANEL_BYTES_PER_ROW * CARD_PANEL_HEIGHT);
  for (let i = 0; i < rows.length; i++) card.ink[i]! |= rows[i]!;
}

/** Bytes the command took on the wire: ESC, name, `;`-separated arguments, payload, CR. */
export function commandLength(frame: Extract<EvolisCommandFrame, { kind: 'command' }>): number {
  const args = frame.args.reduce((sum, arg) => sum + 1 + arg.length, 0);
  return 2 + frame.command.length + args + (frame.payload ? 1 + frame.payload.length : 0);
}
