import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositTotal } from './deposit-total.tsx';
import { useMoney } from './use-money.ts';

/** A note is held: "20,00 € note: add it, or give it back". */
export function EscrowStep({ deposit }: { deposit: DepositView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  const note = money(deposit.escrowValue ?? 0);
  return (
    <DepositFrame step="escrow" heading={t('deposit.escrow.title', { amount: note })}>
      <p className="screen__message" data-escrow-value={deposit.escrowValue ?? undefined}>
        {t('deposit.escrow.question')}
      </p>
      <div className="deposit-choices">
        <TouchButton className="deposit-choice" onClick={() => send({ type: 'DEPOSIT_ACCEPT_NOTE' })}>
          {t('deposit.escrow.add')}
        </TouchButton>
        <TouchButton
          variant="secondary"
          className="deposit-choice"
          onClick={() => send({ type: 'DEPOSIT_RETURN_NOTE' })}
        >
          {t('deposit.escrow.giveBack')}
        </TouchButton>
      </div>
      <DepositTotal
        label={t('deposit.inserting.totalLabel')}
        total={deposit.total}
        formatted={money(deposit.total)}
      />
    </DepositFrame>
  );
}
