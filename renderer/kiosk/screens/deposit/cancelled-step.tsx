import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositMessageLine } from './deposit-message-line.tsx';

/** Cancelled with nothing counted: the customer should have everything back. */
export function CancelledStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  return (
    <DepositFrame step="cancelled" heading={t('deposit.cancelled.title')}>
      <DepositMessageLine message={deposit.message} step="cancelled" shown={['noteReturned']} />
      <p className="screen__message">{t('deposit.cancelled.message')}</p>
    </DepositFrame>
  );
}
