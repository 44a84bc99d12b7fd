import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { ProgressStep } from './progress-step.tsx';

/** The backend is asked whose account it is. */
export function VerifyingStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  return (
    <ProgressStep step="verifying" heading={t('deposit.verifying.title')}>
      <p className="screen__message deposit-account-line">{deposit.accountMasked}</p>
    </ProgressStep>
  );
}
