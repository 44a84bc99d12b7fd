import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { DepositMessageLine } from './deposit-message-line.tsx';
import { ProgressStep } from './progress-step.tsx';

/** The note in escrow is being stacked or given back. */
export function RoutingStep({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  const explained = deposit.message === 'limitReached';
  return (
    <ProgressStep step="routing" heading={t('deposit.routing.title')}>
      {explained ? (
        <DepositMessageLine message={deposit.message} step="routing" shown={['limitReached']} />
      ) : (
        <p className="screen__message">{t('deposit.routing.message')}</p>
      )}
    </ProgressStep>
  );
}
