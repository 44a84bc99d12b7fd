import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';
import { CancelButton } from './back-and-cancel.tsx';

/** The bank is asked for the order behind the code; only a read, so the customer may still cancel. */
export function LookingUpStep() {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="lookingUp"
      heading={t('card.lookingUp.title')}
      message={t('card.lookingUp.message')}
      footer={<CancelButton />}
    />
  );
}
