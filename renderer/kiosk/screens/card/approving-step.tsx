import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { CardMessageLine } from './card-message-line.tsx';
import { CardProgressStep } from './card-progress-step.tsx';

/**
 * The bank approves the order and issues the card's number. A second card starts here too, so
 * this is where the customer first hears that the first one failed.
 */
export function ApprovingStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  return (
    <CardProgressStep
      step="approving"
      heading={t('card.approving.title')}
      message={t('card.approving.message')}
      notice={<CardMessageLine message={card.message} shown={['retrying']} />}
    />
  );
}
