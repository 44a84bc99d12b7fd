import { describe, expect, it } from 'vitest';
import { PRODUCTION_PHASES, phaseState } from './production-phases.ts';

const states = (current: Parameters<typeof phaseState>[1]) =>
  PRODUCTION_PHASES.map((phase) => phaseState(phase, current));

describe('production phases', () => {
  it('marks the phases before the current one done and the ones after pending', () => {
    expect(states('picking')).toEqual(['current', 'pending', 'pending', 'pending']);
    expect(states('printing')).toEqual(['done', 'done', 'current', 'pending']);
    expect(states('ejecting')).toEqual(['done', 'done', 'done', 'current']);
  });

  it('starts over while a faulty card is rejected, and before the first phase', () => {
    expect(states('rejecting')).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(states(null)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });
});
