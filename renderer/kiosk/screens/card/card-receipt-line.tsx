import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';

/** What happened to the card receipt; a status region, so the change from printing is announced. */
export function CardReceiptLine({ receipt }: { receipt: CardIssuingView['receipt'] }) {
  const t = useKioskT();
  if (receipt === null) return null;
  return (
    <p role="status" className="screen__message receipt-outcome" data-receipt={receipt}>
      {t(`card.receipt.${receipt}`)}
    </p>
  );
}
