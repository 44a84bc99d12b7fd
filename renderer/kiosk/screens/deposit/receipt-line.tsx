import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';

/** What happened to the deposit receipt; a status region, so the change from printing is announced. */
export function ReceiptLine({ receipt }: { receipt: DepositView['receipt'] }) {
  const t = useKioskT();
  if (receipt === null) return null;
  return (
    <p role="status" className="screen__message receipt-outcome" data-receipt={receipt}>
      {t(`deposit.receipt.${receipt}`)}
    </p>
  );
}
