import { useTranslation } from 'react-i18next';
import type { PrintedReceipt } from '../../../contracts/simulator-control.ts';
import { lastReceiptImageUrl } from '../api/technician-api.ts';

/** The receipt printer simulator's last receipt, as rendered and as text. */
export function LastReceipt({ receipt }: { receipt: PrintedReceipt | null }) {
  const { t } = useTranslation();
  return (
    <div className="receipt" data-receipt-id={receipt?.id}>
      <h4>{t('receipt.title')}</h4>
      {receipt === null ? (
        <p className="muted">{t('receipt.none')}</p>
      ) : (
        <>
          <p>
            {t('receipt.heading', { id: receipt.id, time: new Date(receipt.printedAt).toLocaleString() })}
          </p>
          {!receipt.complete && <p className="error">{t('receipt.incomplete')}</p>}
          {!receipt.cut && <p className="muted">{t('receipt.notCut')}</p>}
          <div className="receipt__body">
            <img className="receipt__image" alt={t('receipt.image')} src={lastReceiptImageUrl(receipt.id)} />
            <pre className="receipt__text">{receipt.lines.join('\n')}</pre>
          </div>
        </>
      )}
    </div>
  );
}
