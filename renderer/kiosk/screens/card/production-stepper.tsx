import type { CardProductionPhase } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { PRODUCTION_PHASES, phaseState } from './production-phases.ts';

/** The printer's progress as a list of phases: done ones ticked, the current one animated. */
export function ProductionStepper({ phase }: { phase: CardProductionPhase | null }) {
  const t = useKioskT();
  return (
    <ol className="card-stepper" aria-label={t('card.producing.phasesLabel')} data-phase={phase ?? undefined}>
      {PRODUCTION_PHASES.map((shown, index) => {
        const state = phaseState(shown, phase);
        return (
          <li
            key={shown}
            className={`card-stepper__phase card-stepper__phase--${state}`}
            data-phase={shown}
            data-state={state}
            data-testid={`card-phase-${shown}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="card-stepper__mark" aria-hidden="true">
              {state === 'done' ? '✓' : String(index + 1)}
            </span>
            <span className="card-stepper__label">{t(`card.producing.phases.${shown}`)}</span>
          </li>
        );
      })}
    </ol>
  );
}
