import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { CreditedLine } from './credited-line.tsx';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositMessageLine } from './deposit-message-line.tsx';
import { ReceiptLine } from './receipt-line.tsx';

/** Recorded: what is credited where, the note given back if there was one, and the receipt. */
export function DoneStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  return (
    // A cancel after cash was counted still records the deposit: the heading says which it was.
    <DepositFrame
      step="done"
      heading={deposit.ending === 'cancelled' ? t('deposit.done.titleCancelled') : t('deposit.done.title')}
    >
      <CreditedLine deposit={deposit} textKey="done" />
      <DepositMessageLine message={deposit.message} step="done" shown={['noteReturned']} />
      <ReceiptLine receipt={deposit.receipt} />
    </DepositFrame>
  );
}
