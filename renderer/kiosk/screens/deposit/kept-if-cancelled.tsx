import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { useMoney } from './use-money.ts';

/**
 * Said before the customer cancels, not after: notes already stacked cannot come back out of a
 * single-note escrow, so a cancel still credits what was counted.
 */
export function KeptIfCancelled({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  if (deposit.total === 0) return null;
  return (
    <p className="deposit-kept" data-kept-if-cancelled={deposit.total}>
      {t('deposit.inserting.keptIfCancelled', { amount: money(deposit.total) })}
    </p>
  );
}
