import type { QrScanner, QrScannerMode, ScannedCode } from '../../contracts/devices/scanners.ts';
import { failed, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import type { HidLinkOptions } from '../transport/hid-link.ts';
import type { HidTransport } from '../transport/hid-transport.ts';
import type { ArmedRead } from './armed-read.ts';
import { createHidScannerCore, type ReportReader } from './hid-scanner-core.ts';
import { PosCodeReader } from './pos-code-reader.ts';
import { TypedTextReader } from './typed-text-reader.ts';

/** Longest code accepted (contracts/devices/scanners.ts). */
export const MAX_CODE_CHARS = 4096;

export interface QrScannerOptions {
  mode: QrScannerMode;
  transport: HidTransport;
  logger: Logger;
  /**
   * Longest pause inside one code (between two keystrokes in wedge mode, two reports in HID POS);
   * a longer one means the code was cut off. Default 300 ms: scanners send a code in one burst.
   */
  interCharTimeoutMs?: number;
  reopenDelayMs?: HidLinkOptions['reopenDelayMs'];
}

/** Printable characters only: codes are text; a control character means the input is not one. */
const PRINTABLE = /^[\x20-\x7e\u00a0-\uffff]+$/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function codeResult(text: string, symbology: string | null) {
  if (text.length > MAX_CODE_CHARS)
    return failed<ScannedCode>('invalidData', `code longer than ${MAX_CODE_CHARS}`);
  if (!PRINTABLE.test(text)) return failed<ScannedCode>('invalidData', 'code holds control characters');
  return succeeded<ScannedCode>({ text, symbology });
}

function wedgeReader(reads: ArmedRead<ScannedCode>, gapMs: number): ReportReader {
  return new TypedTextReader({
    endOn: 'terminator',
    idleGapMs: gapMs,
    maxChars: MAX_CODE_CHARS,
    currentToken: () => reads.token(),
    onInput: (input, token) =>
      reads.deliver(
        token,
        input.kind === 'text'
          ? codeResult(input.text, null)
          : failed('invalidData', `unreadable code: ${input.reason}`),
      ),
  });
}

function posReader(reads: ArmedRead<ScannedCode>, gapMs: number): ReportReader {
  return new PosCodeReader({
    idleGapMs: gapMs,
    // UTF-8 takes up to 4 bytes a character; the character limit is checked once decoded.
    maxBytes: MAX_CODE_CHARS * 4,
    currentToken: () => reads.token(),
    onInput(input, token) {
      if (input.kind === 'invalid') {
        reads.deliver(token, failed('invalidData', `unreadable code: ${input.reason}`));
        return;
      }
      let text: string;
      try {
        text = utf8.decode(input.data);
      } catch {
        reads.deliver(token, failed('invalidData', 'code is not UTF-8 text'));
        return;
      }
      reads.deliver(token, codeResult(text, input.symbology));
    },
  });
}

/**
 * QR/barcode scanner on USB HID, in keyboard-wedge mode (boot keyboard reports, a code ends with
 * Enter or Tab) or HID POS mode (usage page 0x8C reports, docs/hid-scanners.md). Duties in
 * contracts/devices/scanners.ts: one armed read at a time; codes that arrive with no read armed,
 * or began before it was armed, are dropped; a cut-off, over-long or garbled code is `invalidData`.
 * The code's text is never logged (it may carry a customer's application).
 */
export function createQrScanner(options: QrScannerOptions): QrScanner {
  const gapMs = options.interCharTimeoutMs ?? 300;
  const core = createHidScannerCore<ScannedCode>({
    device: 'qrScanner',
    mode: options.mode,
    what: 'code',
    transport: options.transport,
    logger: options.logger,
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
    makeReader: (reads) => (options.mode === 'hidPos' ? posReader(reads, gapMs) : wedgeReader(reads, gapMs)),
  });
  return {
    device: 'qrScanner',
    mode: options.mode,
    start: () => core.start(),
    stop: () => core.stop(),
    status: () => core.status(),
    onStatus: (listener) => core.onStatus(listener),
    readCode: (request) => core.read(request),
  };
}
