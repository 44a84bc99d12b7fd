import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';

/** The bank approves the order and issues the card's number. */
export function ApprovingStep() {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="approving"
      heading={t('card.approving.title')}
      message={t('card.approving.message')}
    />
  );
}
