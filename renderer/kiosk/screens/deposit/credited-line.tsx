import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { useMoney } from './use-money.ts';

/**
 * Where the counted cash goes, said plainly. Offline the backend has not seen the deposit yet,
 * so the screen says "will be credited", not "is credited".
 */
export function CreditedLine({
  deposit,
  textKey,
}: {
  deposit: DepositView;
  textKey: 'done' | 'interrupted';
}) {
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  const key = deposit.offline ? 'creditedOffline' : 'credited';
  return (
    <p className="screen__message deposit-credited" data-total={deposit.total}>
      {t(`deposit.${textKey}.${key}`, { amount: money(deposit.total), account: deposit.accountMasked ?? '' })}
    </p>
  );
}
