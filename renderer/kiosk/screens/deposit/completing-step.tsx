import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { ProgressStep } from './progress-step.tsx';
import { ReceiptLine } from './receipt-line.tsx';

/** The deposit is journaled and its receipt printed. */
export function CompletingStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  return (
    <ProgressStep step="completing" heading={t('deposit.completing.title')}>
      <ReceiptLine receipt={deposit.receipt} />
    </ProgressStep>
  );
}
