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

/** The devices are taking cash: the running total first, then what was counted. */
export function InsertingStep({ deposit }: { deposit: DepositView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  return (
    <DepositFrame step="inserting" heading={t('deposit.inserting.title')}>
      <div className="deposit-body">
        <p className="screen__message deposit-instruction">{t('deposit.inserting.instruction')}</p>
        <DepositTotal
          label={t('deposit.inserting.totalLabel')}
          total={deposit.total}
          formatted={money(deposit.total)}
        />
        <div className="deposit-notices">
          {deposit.offline && deposit.offlineLimit !== null && (
            <p className="screen__message offline-notice" data-offline-limit={deposit.offlineLimit}>
              {t('deposit.inserting.offlineLimit', { amount: money(deposit.offlineLimit) })}
            </p>
          )}
          <DepositMessageLine
            message={deposit.message}
            step="inserting"
            shown={['noteRejected', 'noteReturned', 'limitReached', 'offlineDeposit']}
          />
          <KeptIfCancelled deposit={deposit} />
        </div>
        <CountedCash deposit={deposit} />
      </div>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'DEPOSIT_CANCEL' })}>
          {t('deposit.cancel')}
        </TouchButton>
        <TouchButton disabled={deposit.total === 0} onClick={() => send({ type: 'DEPOSIT_DONE' })}>
          {t('deposit.inserting.done')}
        </TouchButton>
      </div>
    </DepositFrame>
  );
}
