import { useTranslation } from 'react-i18next';
import type { QueuedCall } from '../../../contracts/teller.ts';
import { since } from './time.ts';

export interface OfferBannerProps {
  offer: QueuedCall;
  now: number;
  disabled: boolean;
  onAccept: (callId: string) => void;
  onDecline: (callId: string) => void;
}

/** A call offered to this teller: rings visibly (a pulsing banner; no sound) until answered. */
export function OfferBanner({ offer, now, disabled, onAccept, onDecline }: OfferBannerProps) {
  const { t } = useTranslation();
  return (
    <section className="offer" role="alertdialog" aria-labelledby="offer-title" data-testid="offer-banner">
      <div>
        <h2 id="offer-title">{t('offer.title')}</h2>
        <p>
          {t('offer.detail', {
            kiosk: offer.kioskName,
            language: t(`languages.${offer.language}`),
            topic: t(`topics.${offer.topic}`),
            waiting: since(offer.requestedAt, now),
          })}
        </p>
      </div>
      <div className="offer__buttons">
        <button
          type="button"
          className="primary"
          data-testid="offer-accept"
          disabled={disabled}
          // biome-ignore lint/a11y/noAutofocus: a ringing call is what the teller must answer now.
          autoFocus
          onClick={() => onAccept(offer.callId)}
        >
          {t('offer.accept')}
        </button>
        <button
          type="button"
          data-testid="offer-decline"
          disabled={disabled}
          onClick={() => onDecline(offer.callId)}
        >
          {t('offer.decline')}
        </button>
      </div>
    </section>
  );
}
