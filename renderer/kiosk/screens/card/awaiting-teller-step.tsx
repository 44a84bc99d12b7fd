import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';

/**
 * The bank wants a teller to approve this card: the call opens over this screen, and the flow
 * waits for the teller's decision. Leaving is done on the call (ending it), not here.
 */
export function AwaitingTellerStep() {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="awaitingTeller"
      heading={t('card.awaitingTeller.title')}
      message={t('card.awaitingTeller.message')}
    />
  );
}
