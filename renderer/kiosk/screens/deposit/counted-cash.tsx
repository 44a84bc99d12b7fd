import { useId } from 'react';
import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';
import { useMoney } from './use-money.ts';

/** Value → count, largest value first. */
function byValue(counts: Record<string, number>): Array<[number, number]> {
  return Object.entries(counts)
    .map(([value, count]): [number, number] => [Number(value), count])
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => b - a);
}

/** What was counted and kept, notes and coins, one line per value. */
export function CountedCash({ deposit }: { deposit: DepositView }) {
  const t = useKioskT();
  const notes = byValue(deposit.notes);
  const coins = byValue(deposit.coins);
  if (notes.length === 0 && coins.length === 0)
    return <p className="counted-cash counted-cash--empty">{t('deposit.inserting.nothingYet')}</p>;
  return (
    <div className="counted-cash">
      {notes.length > 0 && (
        <CountList kind="notes" title={t('deposit.inserting.notes')} lines={notes} deposit={deposit} />
      )}
      {coins.length > 0 && (
        <CountList kind="coins" title={t('deposit.inserting.coins')} lines={coins} deposit={deposit} />
      )}
    </div>
  );
}

interface CountListProps {
  kind: 'notes' | 'coins';
  title: string;
  lines: Array<[number, number]>;
  deposit: DepositView;
}

function CountList({ kind, title, lines, deposit }: CountListProps) {
  const t = useKioskT();
  const money = useMoney(deposit.currency);
  const titleId = useId();
  return (
    <section className="counted-cash__group" aria-labelledby={titleId}>
      <h2 id={titleId} className="counted-cash__title">
        {title}
      </h2>
      <ul className="counted-cash__list" data-counted={kind}>
        {lines.map(([value, count]) => (
          <li key={value} data-value={value} data-count={count}>
            {t('deposit.inserting.countLine', { count, amount: money(value) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
