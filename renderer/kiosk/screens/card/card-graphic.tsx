import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';

/**
 * A picture of the card being made, with only what the view carries: the last four digits and
 * the expiry. The rest of the number is never known to the screen, so it is dots, as on a
 * statement. `phase` lets the CSS show the card moving through the printer.
 */
export function CardGraphic({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  const label =
    card.panLast4 === null
      ? t('card.cardGraphic.labelNoNumber')
      : t('card.cardGraphic.label', { last4: card.panLast4 });
  return (
    <div
      role="img"
      aria-label={label}
      className={`card-graphic card-graphic--${card.phase ?? 'waiting'}`}
      data-testid="card-graphic"
      data-last4={card.panLast4 ?? undefined}
    >
      <span className="card-graphic__product" aria-hidden="true">
        {t('card.cardGraphic.debit')}
      </span>
      {/* No chip drawn: the card is stripe-only, like the card the printer makes. */}
      <span className="card-graphic__spacer" aria-hidden="true" />
      <span className="card-graphic__number" aria-hidden="true">
        {card.panLast4 === null ? '•••• •••• •••• ••••' : `•••• ${card.panLast4}`}
      </span>
      {card.expiry !== null && (
        <span className="card-graphic__expiry" aria-hidden="true">
          <span className="card-graphic__expiry-label">{t('card.cardGraphic.validThru')}</span>
          <span data-expiry={card.expiry}>{card.expiry}</span>
        </span>
      )}
    </div>
  );
}
