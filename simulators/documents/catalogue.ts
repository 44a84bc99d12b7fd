import type { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';
import {
  degradationsOf,
  isSpecimenCondition,
  SPECIMEN_CONDITIONS,
  type SpecimenCondition,
} from './conditions.ts';
import { seedOf } from './random.ts';
import { type RenderedDocument, type RenderOptions, renderDocument } from './render.ts';
import { SPECIMENS, type Specimen, specimenById } from './specimens.ts';

/**
 * The documents the ID scanner simulator and the technician panel offer: each specimen clean as
 * `<id>`, and each document specimen in every degraded condition as `<id>:<condition>`. A
 * catalogue entry always renders the same bytes (its seed comes from its id).
 */
export interface CatalogueDocument {
  info: SpecimenDocumentInfo;
  specimen: Specimen;
  condition: SpecimenCondition;
  render(options?: RenderOptions): RenderedDocument;
}

function infoOf(specimen: Specimen, condition: SpecimenCondition): SpecimenDocumentInfo {
  const id = condition === 'clean' ? specimen.id : `${specimen.id}:${condition}`;
  return {
    id,
    label: condition === 'clean' ? specimen.label : `${specimen.label} (${condition.replaceAll('+', ', ')})`,
    format: specimen.format,
    condition: condition === 'clean' ? ['clean'] : degradationsOf(condition),
    expected: specimen.lines ? { accept: [...specimen.lines] } : 'reject',
  };
}

function conditionsOf(specimen: Specimen): readonly SpecimenCondition[] {
  // A page that is no document is rejected however it is imaged: its clean rendering is enough.
  return specimen.kind === 'document' ? SPECIMEN_CONDITIONS : ['clean'];
}

export function listSpecimenDocuments(): SpecimenDocumentInfo[] {
  return SPECIMENS.flatMap((specimen) =>
    conditionsOf(specimen).map((condition) => infoOf(specimen, condition)),
  );
}

/** `<id>` or `<id>:<condition>`; undefined for an unknown specimen or condition. */
export function documentById(id: string): CatalogueDocument | undefined {
  const [specimenId = '', condition = 'clean', ...rest] = id.split(':');
  if (rest.length > 0 || !isSpecimenCondition(condition)) return undefined;
  const specimen = specimenById(specimenId);
  if (!specimen || !conditionsOf(specimen).includes(condition)) return undefined;
  if (condition === 'clean' && id.includes(':')) return undefined;
  const info = infoOf(specimen, condition);
  return {
    info,
    specimen,
    condition,
    render: (options) => renderDocument(specimen, condition, seedOf(info.id), options),
  };
}
