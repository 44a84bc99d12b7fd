import { useId } from 'react';
import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { BackAndCancel } from './back-and-cancel.tsx';

/**
 * "A debit card for A*** E*****": the order as the bank masked it, and what printing means for
 * the customer (how long, where the card comes out) before they commit to it.
 */
export function ConfirmOrderStep({ card }: { card: CardIssuingView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const nextId = useId();
  return (
    <CardFrame step="confirmOrder" heading={t('card.confirmOrder.title')}>
      <div className="card-order">
        <dl className="card-order__facts">
          <div>
            <dt>{t('card.confirmOrder.holderLabel')}</dt>
            <dd className="card-order__holder" data-holder>
              {card.holderNameMasked}
            </dd>
          </div>
          {card.product && (
            <div>
              <dt>{t('card.confirmOrder.productLabel')}</dt>
              <dd data-product={card.product}>{t(`card.confirmOrder.products.${card.product}`)}</dd>
            </div>
          )}
        </dl>
        <section className="card-order__next" aria-labelledby={nextId}>
          <h2 id={nextId} className="card-order__next-title">
            {t('card.confirmOrder.nextTitle')}
          </h2>
          <ul className="card-order__next-list">
            <li>{t('card.confirmOrder.nextTime')}</li>
            <li>{t('card.confirmOrder.nextWatch')}</li>
            <li>{t('card.confirmOrder.nextSlot')}</li>
          </ul>
        </section>
        <TouchButton
          className="card-main-action"
          data-testid="card-confirm"
          onClick={() => send({ type: 'CARD_CONFIRM' })}
        >
          {t('card.confirmOrder.print')}
        </TouchButton>
      </div>
      <BackAndCancel back />
    </CardFrame>
  );
}
