import type { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';
import { SPECIMENS } from '../documents/specimens.ts';

/** A document the wedge scanner can be given, with the MRZ lines it types (null: no MRZ found). */
export interface WedgeDocument {
  info: SpecimenDocumentInfo;
  lines: readonly string[] | null;
}

/**
 * The specimen set (simulators/documents/specimens.ts: fictional people with valid check digits,
 * and pages that are no document) as a wedge scanner reads it. The scanner reads the MRZ itself,
 * so each specimen is offered once, under its clean id: image degradations are the serial image
 * mode's concern. A page with no readable MRZ makes the scanner type nothing.
 */
export function wedgeDocuments(): WedgeDocument[] {
  return SPECIMENS.map((specimen) => ({
    info: {
      id: specimen.id,
      label: specimen.label,
      format: specimen.format,
      condition: ['clean'],
      expected: specimen.lines ? { accept: [...specimen.lines] } : 'reject',
    },
    lines: specimen.lines,
  }));
}
