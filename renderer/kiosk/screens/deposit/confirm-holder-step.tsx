import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { DepositFrame } from './deposit-frame.tsx';

/** "Is this your account? A*** E*****": the masked holder name from the backend. */
export function ConfirmHolderStep({ deposit }: { deposit: DepositView }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <DepositFrame step="confirmHolder" heading={t('deposit.confirmHolder.title')}>
      <p className="deposit-holder" data-holder>
        {deposit.holderNameMasked}
      </p>
      <p className="screen__message deposit-account-line">
        {t('deposit.confirmHolder.account', { account: deposit.accountMasked ?? '' })}
      </p>
      <div className="deposit-choices">
        <TouchButton className="deposit-choice" onClick={() => send({ type: 'DEPOSIT_CONFIRM_HOLDER' })}>
          {t('deposit.confirmHolder.yes')}
        </TouchButton>
        <TouchButton
          variant="secondary"
          className="deposit-choice"
          onClick={() => send({ type: 'DEPOSIT_REJECT_HOLDER' })}
        >
          {t('deposit.confirmHolder.no')}
        </TouchButton>
      </div>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'DEPOSIT_CANCEL' })}>
          {t('deposit.cancel')}
        </TouchButton>
      </div>
    </DepositFrame>
  );
}
