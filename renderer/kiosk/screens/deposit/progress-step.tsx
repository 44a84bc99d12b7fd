import type { ReactNode } from 'react';
import type { DepositStep } from '../../../../contracts/cash-deposit.ts';
import { DepositFrame } from './deposit-frame.tsx';

/** A step the customer waits through: its heading, a spinner, and what it is waiting for. */
export function ProgressStep({
  step,
  heading,
  children,
}: {
  step: DepositStep;
  heading: string;
  children?: ReactNode;
}) {
  return (
    <DepositFrame step={step} heading={heading}>
      <div className="spinner" aria-hidden="true" />
      {children}
    </DepositFrame>
  );
}
