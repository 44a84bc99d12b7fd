import {
  type IdScannerFault,
  QrScannerFault,
  type SimulatorState,
} from '../../contracts/simulator-control.ts';
import { canType, encodeTyping } from '../../device-drivers/codecs/hid/boot-keyboard.ts';
import {
  encodeHidPos,
  HID_POS_MORE_DATA,
  HID_POS_REPORT_LENGTH,
} from '../../device-drivers/codecs/hid/hid-pos.ts';
import { MAX_HID_REPORT_LENGTH } from '../../device-drivers/codecs/hid/frame.ts';
import type { HidScannerDevice, HidScannerMode } from './hid-scanner-args.ts';

/** AIM identifier of a QR Code (model 2) as scanners report it. */
export const QR_SYMBOLOGY = ']Q1';

/** The faults that apply to this simulator: QR scanner faults, or the ID scanner's wedge-mode ones. */
export function faultsOf(device: HidScannerDevice): readonly string[] {
  if (device === 'qrScanner') return QrScannerFault.options;
  const wedge: readonly IdScannerFault[] = ['randomText', 'noReply', 'garbage', 'unplug'];
  return wedge;
}

export interface HidScannerModelOptions {
  device: HidScannerDevice;
  mode: HidScannerMode;
  /** ID scanner: typed before and after the MRZ lines. */
  prefix?: string;
  suffix?: string;
  random?: () => number;
}

/**
 * What the scanner sends for each thing shown to it, faults applied. A fault stays until cleared
 * and applies to every code or document meanwhile:
 * - `garbage`: random reports (random lengths and bytes, none a valid report in practice);
 * - `truncated` (QR): the code stops half-way, before its terminator or last report;
 * - `randomText` (ID): random keystrokes in place of the MRZ lines;
 * - `noReply` (ID): the scanner reads the document and types nothing;
 * - `unplug`: handled by the socket (hid-socket-server.ts).
 */
export class HidScannerModel {
  readonly faults = new Set<string>();
  private readonly random: () => number;
  private scans = 0;
  private placed: string | null = null;

  constructor(private readonly options: HidScannerModelOptions) {
    this.random = options.random ?? Math.random;
  }

  get supportedFaults(): readonly string[] {
    return faultsOf(this.options.device);
  }

  /** Null when the scanner cannot type this text on its US layout (wedge mode). */
  scan(text: string): Uint8Array[] | null {
    this.scans++;
    if (this.faults.has('garbage')) return this.garbage();
    if (this.options.mode === 'hidWedge') {
      if (!canType(text)) return null;
      if (this.faults.has('truncated')) return encodeTyping(text.slice(0, Math.ceil(text.length / 2)));
      return encodeTyping(`${text}\n`);
    }
    const reports = encodeHidPos(new TextEncoder().encode(text), QR_SYMBOLOGY);
    if (!this.faults.has('truncated')) return reports;
    const kept = reports.slice(0, Math.ceil(reports.length / 2));
    // The last report sent still says more follows: the rest never comes.
    kept[kept.length - 1]![HID_POS_REPORT_LENGTH - 1] = HID_POS_MORE_DATA;
    return kept;
  }

  /** A document laid down: the MRZ lines its scanner types (each ended by Enter), faults applied. */
  place(documentId: string, lines: readonly string[] | null): Uint8Array[] {
    this.placed = documentId;
    this.scans++;
    if (this.faults.has('noReply')) return [];
    if (this.faults.has('garbage')) return this.garbage();
    if (this.faults.has('randomText')) return encodeTyping(this.randomText());
    // A page with no MRZ: the scanner finds nothing to type.
    if (!lines) return [];
    const { prefix = '', suffix = '' } = this.options;
    return encodeTyping(`${prefix}${lines.map((line) => `${line}\n`).join('')}${suffix}`);
  }

  remove(): boolean {
    const had = this.placed !== null;
    this.placed = null;
    return had;
  }

  state(plugged: boolean, hostConnected: boolean): SimulatorState {
    return {
      device: this.options.device,
      faults: [...this.faults],
      supplies: {
        mode: this.options.mode,
        hostConnected,
        scans: this.scans,
        ...(this.options.device === 'idScanner' ? { documentPlaced: this.placed ?? '' } : {}),
      },
      plugged,
    };
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private garbage(): Uint8Array[] {
    return Array.from({ length: this.int(12, 24) }, () =>
      Uint8Array.from({ length: this.int(1, MAX_HID_REPORT_LENGTH) }, () => this.int(0, 255)),
    );
  }

  /** Two or three lines of printable ASCII, lower case and spaces included: never MRZ-shaped. */
  private randomText(): string {
    const lines = this.int(2, 3);
    const out: string[] = [];
    for (let l = 0; l < lines; l++) {
      let line = String.fromCharCode(this.int(0x61, 0x7a));
      const length = this.int(20, 50);
      while (line.length < length) line += String.fromCharCode(this.int(0x20, 0x7e));
      out.push(line);
    }
    return `${out.join('\n')}\n`;
  }
}
