import type { Unsubscribe } from '../../../contracts/devices/operation.ts';
import { failed, succeeded } from '../../../contracts/devices/operation.ts';
import type { IdScanner, ScannedDocument } from '../../../contracts/devices/scanners.ts';
import type { Logger } from '../../../platform/log.ts';
import { createHidScannerCore } from '../../qr-scanner/hid-scanner-core.ts';
import { TypedTextReader } from '../../qr-scanner/typed-text-reader.ts';
import type { HidLinkOptions } from '../../transport/hid-link.ts';
import type { HidTransport } from '../../transport/hid-transport.ts';
import { mrzLinesOf, type WedgeFraming } from './mrz-lines.ts';

export interface HidWedgeIdScannerOptions {
  transport: HidTransport;
  logger: Logger;
  /** Prefix and suffix the scanner is configured to type around the MRZ (default none). */
  framing?: Partial<WedgeFraming>;
  /** The pause that ends a document: longer than the scanner's pause between lines (default 400 ms). */
  idleGapMs?: number;
  reopenDelayMs?: HidLinkOptions['reopenDelayMs'];
}

/** Far above the 92 characters (+ Enters) of the longest MRZ, with room for a prefix/suffix. */
const MAX_TYPED_CHARS = 512;

/**
 * ID document scanner in keyboard-wedge mode: the scanner reads the MRZ itself and types its lines
 * (each ended by Enter), and falls silent. `scanDocument` resolves `{ kind: 'mrzText', lines }`
 * with lines of MRZ shape, not yet validated (the runtime checks the check digits), `invalidData`
 * for typing that is not MRZ lines, `timeout` when nothing is typed. No document-present signal
 * exists in this mode. The typed text is never logged.
 */
export function createHidWedgeIdScanner(options: HidWedgeIdScannerOptions): IdScanner {
  const framing: WedgeFraming = {
    prefix: options.framing?.prefix ?? '',
    suffix: options.framing?.suffix ?? '',
  };
  const core = createHidScannerCore<ScannedDocument>({
    device: 'idScanner',
    mode: 'hidWedge',
    what: 'document',
    transport: options.transport,
    logger: options.logger,
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
    makeReader: (reads) =>
      new TypedTextReader({
        endOn: 'idle',
        idleGapMs: options.idleGapMs ?? 400,
        maxChars: MAX_TYPED_CHARS,
        currentToken: () => reads.token(),
        onInput(input, token) {
          if (input.kind === 'invalid') {
            reads.deliver(token, failed('invalidData', `unreadable typing: ${input.reason}`));
            return;
          }
          const lines = mrzLinesOf(input.text, framing);
          reads.deliver(
            token,
            typeof lines === 'string'
              ? failed('invalidData', `typed text is not MRZ: ${lines}`)
              : succeeded({ kind: 'mrzText', lines }),
          );
        },
      }),
  });
  return {
    device: 'idScanner',
    mode: 'hidWedge',
    start: () => core.start(),
    stop: () => core.stop(),
    status: () => core.status(),
    onStatus: (listener) => core.onStatus(listener),
    onDocumentPresent: (): Unsubscribe => () => {},
    scanDocument: (request) => core.read(request),
  };
}
