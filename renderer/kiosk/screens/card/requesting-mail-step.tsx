import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';

/** The request to mail the card is being recorded. */
export function RequestingMailStep() {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="requestingMail"
      heading={t('card.requestingMail.title')}
      message={t('card.requestingMail.message')}
    />
  );
}
