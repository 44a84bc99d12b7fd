import { type ReactNode, useId } from 'react';
import type { DepositStep } from '../../../../contracts/cash-deposit.ts';

interface DepositFrameProps {
  step: DepositStep;
  /** The step's heading; also the accessible name of its main landmark. */
  heading: ReactNode;
  children?: ReactNode;
}

/**
 * The main landmark of one deposit step, named by its heading. `data-deposit-step` names the step
 * so tests can wait on it.
 */
export function DepositFrame({ step, heading, children }: DepositFrameProps) {
  const headingId = useId();
  return (
    <main
      className={`screen screen--deposit deposit deposit--${step}`}
      aria-labelledby={headingId}
      data-deposit-step={step}
    >
      <h1 id={headingId} className="screen__heading">
        {heading}
      </h1>
      {children}
    </main>
  );
}
