import type { IncomingMessage, ServerResponse } from 'node:http';
import { PlaceDocumentRequest } from '../../contracts/index.ts';
import { HttpError, readJsonBody, sendJson } from '../../platform/http.ts';
import type { Logger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/index.ts';
import { SPECIMEN_ID, type SimulatorProxy } from './simulator-proxy.ts';

const NO_READER = 'this kiosk has no MRZ reader';

/** A test read needs a specimen's id, as the ID scanner simulator lists it. */
const OcrTestRequest = PlaceDocumentRequest.refine((body) => SPECIMEN_ID.test(body.documentId));

/**
 * The technician's MRZ reader routes:
 *   GET  /ocr                 → MrzReaderHealth (404 when the kiosk has no reader)
 *   POST /ocr/test {documentId} → MrzReadResult: the specimen's image, fetched from the ID scanner
 *        simulator, read by the kiosk's own reader (404 no reader or no such specimen, 400 bad id,
 *        502 simulator unreachable).
 * Only simulator specimens (fictional people) are read here, never a customer's document; even
 * so, nothing read is logged: the result goes to the panel alone.
 */
export async function ocrRoute(
  deps: { runtime: KioskRuntime; simulators: SimulatorProxy; logger: Logger },
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  method: string,
): Promise<void> {
  const { runtime, simulators, logger } = deps;
  if (route === '/ocr' && method === 'GET') {
    const health = runtime.mrzReaderHealth?.() ?? null;
    if (health === null) throw new HttpError(404, NO_READER);
    sendJson(res, 200, health);
    return;
  }
  if (route !== '/ocr/test' || method !== 'POST') throw new HttpError(404, 'not found');
  if (!runtime.readMrzForTechnician) throw new HttpError(404, NO_READER);
  const parsed = OcrTestRequest.safeParse(await readJsonBody(req, 1024));
  if (!parsed.success) throw new HttpError(400, 'body must be {"documentId": "<specimen id>"}');
  const image = await simulators
    .forward('idScanner', 'GET', `/documents/${parsed.data.documentId}.png`, null)
    .catch((error: Error) => {
      logger.warn('simulator control unreachable', { device: 'idScanner', reason: error.message });
      throw new HttpError(502, 'ID scanner simulator not reachable');
    });
  if (image === null) throw new HttpError(404, 'no ID scanner simulator');
  if (image.status === 404) throw new HttpError(404, 'no such specimen document');
  if (image.status !== 200) throw new HttpError(502, `ID scanner simulator answered ${image.status}`);
  const result = await runtime.readMrzForTechnician(new Uint8Array(image.body));
  logger.info('technician MRZ test read', {
    status: result.status,
    ...(result.status === 'rejected' ? { reason: result.reason } : {}),
    totalMs: Math.round(result.timings.totalMs),
  });
  sendJson(res, 200, result);
}
