import type { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';
import type { ImageMime } from '../../device-drivers/codecs/id-scanner/index.ts';
import { renderTestPattern } from './test-pattern.ts';

export interface DocumentImage {
  image: Uint8Array;
  mime: ImageMime;
}

/** What can be laid on the simulated scanner's glass. */
export interface DocumentSource {
  list(): SpecimenDocumentInfo[];
  /** The image the scanner would capture, or null for an id it does not know. */
  render(id: string): Promise<DocumentImage | null>;
}

export const TEST_PATTERN: SpecimenDocumentInfo = {
  id: 'test-pattern',
  label: 'Test pattern (not a document)',
  format: null,
  condition: ['clean'],
  expected: 'reject',
};

/** The documents this scanner offers: the test pattern, then those of `more` (the specimen catalogue). */
export function createDocumentSource(more: DocumentSource | null = null): DocumentSource {
  let pattern: Uint8Array | null = null;
  return {
    list: () => [TEST_PATTERN, ...(more?.list() ?? [])],
    async render(id) {
      if (id === TEST_PATTERN.id) {
        pattern ??= renderTestPattern();
        return { image: pattern, mime: 'image/png' };
      }
      return (await more?.render(id)) ?? null;
    },
  };
}
