import type { CardProductionPhase } from '../../../../contracts/card-issuing.ts';

/** The phases of a good card, in the order the printer goes through them. */
export const PRODUCTION_PHASES = [
  'picking',
  'encoding',
  'printing',
  'ejecting',
] as const satisfies readonly CardProductionPhase[];
export type ShownPhase = (typeof PRODUCTION_PHASES)[number];

export type PhaseState = 'done' | 'current' | 'pending';

/**
 * Where one phase stands while the printer is in `current`. `rejecting` (a faulty card going to
 * the reject bin) and no phase at all put every phase back to pending: the next card starts over.
 */
export function phaseState(phase: ShownPhase, current: CardProductionPhase | null): PhaseState {
  const at = PRODUCTION_PHASES.indexOf(current as ShownPhase);
  if (at < 0) return 'pending';
  const index = PRODUCTION_PHASES.indexOf(phase);
  if (index < at) return 'done';
  return index === at ? 'current' : 'pending';
}
