/** One degradation a scanner image may suffer. */
export type Degradation = 'noise' | 'blur' | 'rotation' | 'lowContrast' | 'unevenLight' | 'jpeg';
export const DEGRADATIONS: readonly Degradation[] = [
  'noise',
  'blur',
  'rotation',
  'lowContrast',
  'unevenLight',
  'jpeg',
];

/**
 * Rendering conditions: `clean`, each degradation alone (rotation is up to ±3°), and combinations
 * seen together on real scanners. A combination's id joins its degradations with `+`.
 */
export const SPECIMEN_CONDITIONS = [
  'clean',
  'noise',
  'blur',
  'rotation',
  'lowContrast',
  'unevenLight',
  'jpeg',
  'noise+blur',
  'rotation+jpeg',
  'lowContrast+unevenLight',
  'noise+rotation+jpeg',
  'blur+lowContrast+unevenLight',
] as const;
export type SpecimenCondition = (typeof SPECIMEN_CONDITIONS)[number];

export function isSpecimenCondition(value: string): value is SpecimenCondition {
  return (SPECIMEN_CONDITIONS as readonly string[]).includes(value);
}

/** The degradations of a condition, in the order they are applied. */
export function degradationsOf(condition: SpecimenCondition): Degradation[] {
  if (condition === 'clean') return [];
  return DEGRADATIONS.filter((degradation) => condition.split('+').includes(degradation));
}
