import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardMessageLine } from './card-message-line.tsx';
import { BackAndCancel } from './back-and-cancel.tsx';

/** The card cannot be made here now: why, and the card by mail instead. */
export function OfferMailStep({ card }: { card: CardIssuingView }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <CardFrame step="offerMail" heading={t('card.offerMail.title')}>
      <CardMessageLine message={card.message} shown={['offline', 'printerUnavailable']} />
      <p className="screen__message card-offer">{t('card.offerMail.offer')}</p>
      <TouchButton
        className="card-main-action"
        data-testid="card-request-mail"
        onClick={() => send({ type: 'CARD_REQUEST_MAIL' })}
      >
        {t('card.offerMail.mail')}
      </TouchButton>
      <BackAndCancel />
    </CardFrame>
  );
}
