/**
 * The small fixture set tests read from tests/fixtures/documents/: catalogue ids (so each image is
 * exactly what the ID scanner simulator sends for that id), TD1, TD2 and TD3, clean and degraded,
 * and pages a reader must reject. Noise alone is left out: its images are ~600 KB each.
 */
export const FIXTURE_IDS = [
  'passport-esp',
  'idcard-esp',
  'idcard-aut-td2',
  'passport-chn:rotation',
  'idcard-prt-long-number:jpeg',
  'passport-gbr-long:lowContrast+unevenLight',
  'idcard-ita:blur',
  'passport-mex:noise+rotation+jpeg',
  'idcard-tur:unevenLight',
  'idcard-vnm:noise+blur',
  'blank-page',
  'mrz-half-covered',
  'random-text',
] as const;

export const FIXTURE_DIR = new URL('../../tests/fixtures/documents/', import.meta.url);

export interface FixtureTruth {
  /** Catalogue id (`<specimen>` or `<specimen>:<condition>`). */
  id: string;
  file: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  format: 'TD1' | 'TD2' | 'TD3' | null;
  /** The MRZ lines a reader must accept, or `reject`. */
  expected: { accept: string[] } | 'reject';
}

export function fixtureFileName(id: string, mime: FixtureTruth['mime']): string {
  return `${id.replace(/[:+]/g, '_')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
}
