import type { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';
import type { ImageMime } from '../../device-drivers/codecs/id-scanner/index.ts';
import { documentById, listSpecimenDocuments } from '../documents/catalogue.ts';
import { renderTestPattern } from './test-pattern.ts';

export interface DocumentImage {
  image: Uint8Array;
  mime: ImageMime;
}

/**
 * `scan`: what the scanner captures and sends (JPEG, as kiosk document readers send their visible
 * image; PNG for the test pattern). `preview`: lossless PNG for the control API's
 * `/documents/:id.png` (the `jpeg` condition stays JPEG: its artefacts are the point).
 */
export type RenderPurpose = 'scan' | 'preview';

/** What can be laid on the simulated scanner's glass. */
export interface DocumentSource {
  list(): SpecimenDocumentInfo[];
  /** The image of a document, or null for an id it does not know. */
  render(id: string, purpose: RenderPurpose): DocumentImage | null;
}

export const TEST_PATTERN: SpecimenDocumentInfo = {
  id: 'test-pattern',
  label: 'Test pattern (not a document)',
  format: null,
  condition: ['clean'],
  expected: 'reject',
};

/** The specimen catalogue (simulators/documents/), then the scanner's own test pattern. */
export function createDocumentSource(): DocumentSource {
  let pattern: Uint8Array | null = null;
  return {
    list: () => [...listSpecimenDocuments(), TEST_PATTERN],
    render(id, purpose) {
      if (id === TEST_PATTERN.id) {
        pattern ??= renderTestPattern();
        return { image: pattern, mime: 'image/png' };
      }
      const found = documentById(id);
      if (!found) return null;
      const rendered = found.render({ encoding: purpose === 'scan' ? 'jpeg' : 'png' });
      return { image: rendered.bytes, mime: rendered.mime };
    },
  };
}
