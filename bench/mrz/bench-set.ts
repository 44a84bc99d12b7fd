import type { MrzDocument } from '../../contracts/identity.ts';
import { SPECIMEN_CONDITIONS, type SpecimenCondition } from '../../simulators/documents/conditions.ts';
import { expectedDocument } from '../../simulators/documents/mrz-compose.ts';
import { renderDocument } from '../../simulators/documents/render.ts';
import { SPECIMENS, type Specimen } from '../../simulators/documents/specimens.ts';
import { randomPerson } from './people.ts';

/** One benchmark image with its truth. */
export interface BenchImage {
  id: string;
  group: 'clean' | 'degraded' | 'reject';
  condition: SpecimenCondition;
  format: Specimen['format'];
  /** The lines a reader must read exactly; null when it must reject. */
  lines: readonly string[] | null;
  document: MrzDocument | null;
  /** Document number or optional data full of O/0-like characters (the named specimens count as such). */
  confusable: boolean;
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
}

export const DEGRADED_CONDITIONS = SPECIMEN_CONDITIONS.filter((condition) => condition !== 'clean');

function image(
  specimen: Specimen,
  condition: SpecimenCondition,
  seed: number,
  group: BenchImage['group'],
  confusable: boolean,
): BenchImage {
  const rendered = renderDocument(specimen, condition, seed);
  return {
    id: condition === 'clean' ? specimen.id : `${specimen.id}:${condition}`,
    group,
    condition,
    format: specimen.format,
    lines: specimen.lines,
    document: specimen.lines && specimen.fields ? expectedDocument(specimen.fields) : null,
    confusable,
    bytes: rendered.bytes,
    mime: rendered.mime,
  };
}

/**
 * The seeded set: the named specimens clean (demo people first), then generated people, TD1 and TD3
 * alternately; degraded ones cycle through every degraded condition; pages to reject, clean and
 * degraded. Same counts and seed, same images.
 */
export function* benchSet(options: { clean: number; degraded: number; seed: number }): Generator<BenchImage> {
  const named = SPECIMENS.filter((specimen) => specimen.kind === 'document');
  for (let i = 0; i < options.clean; i++) {
    const known = named[i];
    const person = known
      ? { specimen: known, confusable: /[O0]/.test(known.fields?.documentNumber ?? '') }
      : randomPerson(i, options.seed, i % 2 === 0 ? 'TD3' : 'TD1');
    yield image(person.specimen, 'clean', options.seed + i, 'clean', person.confusable);
  }
  for (let i = 0; i < options.degraded; i++) {
    const index = options.clean + i;
    // Cycle the format every full round of conditions, so each condition sees both formats.
    const round = Math.floor(i / DEGRADED_CONDITIONS.length);
    const person = randomPerson(index, options.seed, (i + round) % 2 === 0 ? 'TD3' : 'TD1');
    const condition = DEGRADED_CONDITIONS[i % DEGRADED_CONDITIONS.length]!;
    yield image(person.specimen, condition, options.seed + index, 'degraded', person.confusable);
  }
  const rejects = SPECIMENS.filter((specimen) => specimen.kind !== 'document');
  const rejectConditions: SpecimenCondition[] = ['clean', 'noise+rotation+jpeg', 'lowContrast+unevenLight'];
  for (const condition of rejectConditions) {
    for (const specimen of rejects) yield image(specimen, condition, options.seed, 'reject', false);
  }
}
