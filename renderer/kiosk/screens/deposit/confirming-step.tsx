import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CountedCash } from './counted-cash.tsx';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositMessageLine } from './deposit-message-line.tsx';
import { DepositTotal } from './deposit-total.tsx';
import { KeptIfCancelled } from './kept-if-cancelled.tsx';
import { useMoney } from './use-money.ts';

/** The summary: where the cash goes and how much, before the customer confirms. */
export function ConfirmingStep({ deposit }: { deposit: DepositView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  return (
    <DepositFrame step="confirming" heading={t('deposit.confirming.title')}>
      <div className="deposit-body">
        <p className="screen__message deposit-account-line deposit-instruction">
          {t('deposit.confirming.account', { account: deposit.accountMasked ?? '' })}
        </p>
        <DepositTotal
          label={t('deposit.confirming.totalLabel')}
          total={deposit.total}
          formatted={money(deposit.total)}
        />
        <div className="deposit-notices">
          <DepositMessageLine
            message={deposit.message}
            step="confirming"
            shown={['limitReached', 'offlineDeposit']}
          />
          <KeptIfCancelled deposit={deposit} />
        </div>
        <CountedCash deposit={deposit} />
      </div>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'DEPOSIT_CANCEL' })}>
          {t('deposit.cancel')}
        </TouchButton>
        <TouchButton onClick={() => send({ type: 'DEPOSIT_CONFIRM' })}>
          {t('deposit.confirming.deposit', { amount: money(deposit.total) })}
        </TouchButton>
      </div>
    </DepositFrame>
  );
}
