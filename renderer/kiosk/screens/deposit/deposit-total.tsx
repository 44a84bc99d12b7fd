import { useId } from 'react';

interface DepositTotalProps {
  label: string;
  total: number;
  formatted: string;
}

/** The running total, the largest text on the screen; `data-total` carries the minor units for tests. */
export function DepositTotal({ label, total, formatted }: DepositTotalProps) {
  const labelId = useId();
  return (
    <section className="deposit-total" aria-labelledby={labelId}>
      <h2 id={labelId} className="deposit-total__label">
        {label}
      </h2>
      <p className="deposit-total__amount" data-total={total}>
        {formatted}
      </p>
    </section>
  );
}
