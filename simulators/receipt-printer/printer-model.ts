import type {
  ReceiptPrinterFault,
  PrintedReceipt,
  SimulatorState,
} from '../../contracts/simulator-control.ts';
import type { Alignment } from '../../device-drivers/codecs/escpos/commands.ts';
import { type EscPosCommand, EscPosDecoder } from '../../device-drivers/codecs/escpos/decoder.ts';
import {
  errorCauseByte,
  isStatusByte,
  offlineCauseByte,
  printerStatusByte,
  rollPaperSensorByte,
} from '../../device-drivers/codecs/escpos/realtime-status.ts';

export interface PrintedLine {
  text: string;
  align: Alignment;
  bold: boolean;
  /** Character magnification (GS !): 1 normal, 2 double. */
  width: number;
  height: number;
}

/** A receipt as the simulated paper shows it, with the styling the PNG rendering needs. */
export interface SimulatedReceipt {
  id: number;
  printedAt: string;
  lines: PrintedLine[];
  complete: boolean;
  cut: boolean;
}

export interface PrinterModelOptions {
  /** Paper on a full roll, in printed lines. */
  paperCapacity: number;
  /** The near-end sensor trips at this many lines left (default: a tenth of the roll). */
  nearEndLines?: number;
  /** Random source for the garbage fault (tests pass a fixed one). */
  random?: () => number;
  now?: () => Date;
  /** Receipts kept for the control API. */
  keepReceipts?: number;
}

interface Style {
  align: Alignment;
  bold: boolean;
  width: number;
  height: number;
}

const DEFAULT_STYLE: Style = { align: 'left', bold: false, width: 1, height: 1 };

/**
 * A thermal receipt printer without hardware: ESC/POS bytes in, status replies out, receipts
 * on simulated paper. Pure: the process around it owns the port, the timing and the socat pair.
 * It never throws on input: unknown bytes are ignored like a real printer ignores them.
 */
export class PrinterModel {
  readonly paperCapacity: number;
  readonly nearEndLines: number;
  private paperLines: number;
  private readonly faults = new Set<ReceiptPrinterFault>();
  private readonly decoder = new EscPosDecoder();
  private readonly receipts: SimulatedReceipt[] = [];
  private current: SimulatedReceipt | null = null;
  /** Printing stopped mid-job: the rest of the job is dropped until it is cut or the printer is reset. */
  private discarding = false;
  private lineText = '';
  private style: Style = { ...DEFAULT_STYLE };
  private nextId = 1;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly keepReceipts: number;

  constructor(options: PrinterModelOptions) {
    this.paperCapacity = Math.max(1, Math.trunc(options.paperCapacity));
    this.nearEndLines = options.nearEndLines ?? Math.max(1, Math.round(this.paperCapacity / 10));
    this.paperLines = this.paperCapacity;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.keepReceipts = options.keepReceipts ?? 20;
  }

  /** Takes bytes from the host; returns the bytes the printer sends back (status replies). */
  receive(bytes: Uint8Array): Buffer {
    const replies: number[] = [];
    for (const command of this.decoder.push(bytes)) {
      const reply = this.execute(command);
      if (reply !== null) replies.push(reply);
    }
    return Buffer.from(replies);
  }

  injectFault(fault: ReceiptPrinterFault): void {
    this.faults.add(fault);
  }

  clearFault(fault: ReceiptPrinterFault): void {
    this.faults.delete(fault);
  }

  clearAllFaults(): void {
    this.faults.clear();
  }

  hasFault(fault: ReceiptPrinterFault): boolean {
    return this.faults.has(fault);
  }

  /** A full roll loaded: also clears the paper faults, which stand for the sensors' view of the roll. */
  replenish(): void {
    this.paperLines = this.paperCapacity;
    this.faults.delete('paperOut');
    this.faults.delete('paperNearEnd');
  }

  get paperOut(): boolean {
    return this.faults.has('paperOut') || this.paperLines === 0;
  }

  get paperNearEnd(): boolean {
    return this.faults.has('paperNearEnd') || this.paperLines <= this.nearEndLines;
  }

  get coverOpen(): boolean {
    return this.faults.has('coverOpen');
  }

  /** The receipt being printed, or else the last one finished. */
  lastReceipt(): SimulatedReceipt | null {
    return this.current ?? this.receipts.at(-1) ?? null;
  }

  state(plugged: boolean): SimulatorState {
    return {
      device: 'receiptPrinter',
      faults: [...this.faults],
      supplies: {
        paperLines: this.paperLines,
        paperCapacity: this.paperCapacity,
        receipts: this.nextId - 1,
      },
      plugged,
    };
  }

  private execute(command: EscPosCommand): number | null {
    switch (command.kind) {
      case 'realtimeStatus':
        return this.answerStatus(command.n);
      case 'text':
        if (this.startPrinting()) this.lineText += command.text;
        return null;
      case 'lineFeed':
        if (this.startPrinting()) this.printLine();
        return null;
      case 'cut':
        this.cut();
        return null;
      case 'initialize':
        // ESC @ clears the print buffer: an unfinished job ends here.
        this.finishReceipt(false);
        this.style = { ...DEFAULT_STYLE };
        return null;
      case 'justification':
        this.style.align = command.align;
        return null;
      case 'emphasized':
        this.style.bold = command.on;
        return null;
      case 'characterSize':
        this.style.width = command.width;
        this.style.height = command.height;
        return null;
      default:
        return null;
    }
  }

  /** Opens a receipt if needed; false when this job's printing has stopped (or stops now). */
  private startPrinting(): boolean {
    if (this.discarding) return false;
    if (!this.current) {
      this.current = {
        id: this.nextId++,
        printedAt: this.now().toISOString(),
        lines: [],
        complete: true,
        cut: false,
      };
    }
    if (this.paperOut || this.coverOpen) {
      this.current.complete = false;
      this.lineText = '';
      this.discarding = true;
      return false;
    }
    return true;
  }

  private printLine(): void {
    if (!this.current) return;
    this.current.lines.push({ text: this.lineText, ...this.style });
    this.lineText = '';
    // Double-height characters take two lines of paper.
    this.paperLines = Math.max(0, this.paperLines - this.style.height);
  }

  private cut(): void {
    // The printer prints what is left in its buffer before it cuts.
    if (this.lineText.length > 0 && this.startPrinting()) this.printLine();
    this.finishReceipt(!this.discarding && !this.coverOpen);
  }

  private finishReceipt(cut: boolean): void {
    const receipt = this.current;
    this.current = null;
    this.discarding = false;
    this.lineText = '';
    if (!receipt) return;
    receipt.cut = cut;
    this.receipts.push(receipt);
    if (this.receipts.length > this.keepReceipts) this.receipts.shift();
  }

  private answerStatus(n: number): number | null {
    if (this.faults.has('noReply')) return null;
    if (this.faults.has('garbage')) return this.garbageByte();
    const paperOut = this.paperOut;
    switch (n) {
      case 1:
        return printerStatusByte({ offline: paperOut || this.coverOpen });
      case 2:
        return offlineCauseByte({ coverOpen: this.coverOpen, paperEndStop: paperOut });
      case 3:
        return errorCauseByte({});
      case 4:
        // With the roll empty the near-end sensor sees no paper either.
        return rollPaperSensorByte({ paperNearEnd: this.paperNearEnd || paperOut, paperEnd: paperOut });
      default:
        return null;
    }
  }

  /** A byte that fails the fixed-bit check of a status byte, as line noise or a wrong baud rate gives. */
  private garbageByte(): number {
    for (let attempt = 0; attempt < 32; attempt++) {
      const byte = Math.floor(this.random() * 256) & 0xff;
      if (!isStatusByte(byte)) return byte;
    }
    return 0xff;
  }
}

export function toPrintedReceipt(receipt: SimulatedReceipt): PrintedReceipt {
  return {
    id: receipt.id,
    printedAt: receipt.printedAt,
    lines: receipt.lines.map((line) => line.text),
    complete: receipt.complete,
    cut: receipt.cut,
  };
}
