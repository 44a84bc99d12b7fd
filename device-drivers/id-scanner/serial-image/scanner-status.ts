import type { ScannerStatus } from '../../codecs/id-scanner/index.ts';
import type { StatusCore } from '../../cash/status-publisher.ts';

const ERROR_MESSAGES: Record<string, string> = {
  lamp: 'scanner lamp failure',
  sensor: 'scanner image sensor failure',
  memory: 'scanner memory failure',
};

/**
 * Maps the scanner's status reply onto the status vocabulary: an error byte means an engineer
 * is needed; otherwise online and ready. Detail: whether a document lies on the glass, and the mode.
 */
export function statusFromScanner(status: ScannerStatus): StatusCore {
  const detail = { documentPresent: status.documentPresent, mode: 'serialImage' };
  if (status.error !== 'none') {
    const message = ERROR_MESSAGES[String(status.error)] ?? `scanner error ${status.error}`;
    return { state: 'hardwareError', ready: false, detail, action: 'maintenance', message };
  }
  return { state: 'online', ready: true, detail, action: 'none', message: null };
}
