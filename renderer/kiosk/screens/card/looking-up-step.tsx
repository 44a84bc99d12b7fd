import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';

/** The bank is asked for the order behind the code. */
export function LookingUpStep() {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="lookingUp"
      heading={t('card.lookingUp.title')}
      message={t('card.lookingUp.message')}
    />
  );
}
