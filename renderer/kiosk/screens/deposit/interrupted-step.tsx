import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { CreditedLine } from './credited-line.tsx';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositMessageLine } from './deposit-message-line.tsx';
import { ReceiptLine } from './receipt-line.tsx';

/** A device fault ended the deposit: what happened, what is credited, and who can help. */
export function InterruptedStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  return (
    <DepositFrame step="interrupted" heading={t('deposit.interrupted.title')}>
      <DepositMessageLine
        message={deposit.message}
        step="interrupted"
        shown={['jam', 'fraud', 'stackerFull', 'deviceDown']}
      />
      {deposit.total > 0 ? (
        <CreditedLine deposit={deposit} textKey="interrupted" />
      ) : (
        <p className="screen__message">{t('deposit.interrupted.nothingCounted')}</p>
      )}
      <ReceiptLine receipt={deposit.receipt} />
      <p className="screen__message deposit-staff">{t('deposit.interrupted.staff')}</p>
    </DepositFrame>
  );
}
