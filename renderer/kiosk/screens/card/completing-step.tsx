import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardReceiptLine } from './card-receipt-line.tsx';

/** The card is in the customer's hand: it is journaled and the receipt printed. */
export function CompletingStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  return (
    <CardFrame step="completing" heading={t('card.completing.title')}>
      <div className="spinner" aria-hidden="true" />
      <p className="screen__message">{t('card.completing.message')}</p>
      <CardReceiptLine receipt={card.receipt} />
    </CardFrame>
  );
}
