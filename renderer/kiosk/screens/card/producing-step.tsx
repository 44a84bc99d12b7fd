import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardGraphic } from './card-graphic.tsx';
import { CardMessageLine } from './card-message-line.tsx';
import { ProductionStepper } from './production-stepper.tsx';

/**
 * The card being made, phase by phase. On a second attempt the customer is told plainly what
 * became of the first card, so a longer wait and a different number are not a surprise.
 */
export function ProducingStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  const retrying = card.attempt >= 2 && card.message === 'retrying';
  return (
    <CardFrame step="producing" heading={t('card.producing.title')}>
      {retrying && <CardMessageLine message={card.message} shown={['retrying']} />}
      {!retrying && card.phase === 'rejecting' && (
        <p role="status" className="screen__message card-message card-message--notice">
          {t('card.producing.rejecting')}
        </p>
      )}
      <div className="card-production" data-attempt={card.attempt}>
        <CardGraphic card={card} />
        <ProductionStepper phase={card.phase} />
      </div>
    </CardFrame>
  );
}
