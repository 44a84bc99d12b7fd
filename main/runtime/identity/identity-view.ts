import type { IdentifyView } from '../../../contracts/index.ts';
import type { CaptureStore } from './capture-store.ts';

/**
 * The identify step's view with the document to confirm, for the runtime's view publisher.
 *
 * The machine's view (toIdentifyView) carries no personal data; the document's summary is added
 * here, from the encrypted store, only while the step is `confirmDocument` and for the capture on
 * screen (`documentOnScreen(snapshot)`). On every other step the view carries no document, so
 * the data leaves the screen with the step. A capture that is gone (expired, deleted, altered)
 * gives `document: null`; the runtime then asks for a rescan (wiring notes in the report).
 */
export function withDocument(
  view: IdentifyView,
  captureId: string | null,
  captures: Pick<CaptureStore, 'summary'>,
): IdentifyView {
  const document = view.step === 'confirmDocument' && captureId !== null ? captures.summary(captureId) : null;
  return { ...view, document };
}
