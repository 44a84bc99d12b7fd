import { useId } from 'react';
import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardReceiptLine } from './card-receipt-line.tsx';
import { FinishButton } from './finish-button.tsx';

/** The card is issued and in the customer's hand: which card it is, the receipt, and what next. */
export function DoneStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  const nextId = useId();
  return (
    <CardFrame step="done" heading={t('card.done.title')}>
      {card.panLast4 !== null && (
        <p className="screen__message card-issued" data-last4={card.panLast4}>
          {t('card.done.issued', { last4: card.panLast4 })}
        </p>
      )}
      <CardReceiptLine receipt={card.receipt} />
      <section className="card-next" aria-labelledby={nextId}>
        <h2 id={nextId} className="card-next__title">
          {t('card.done.nextTitle')}
        </h2>
        <p className="card-next__text">{t('card.done.activate')}</p>
      </section>
      <FinishButton />
    </CardFrame>
  );
}
