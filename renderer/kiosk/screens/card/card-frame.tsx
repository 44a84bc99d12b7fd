import { type ReactNode, useId } from 'react';
import type { CardIssuingStep } from '../../../../contracts/card-issuing.ts';

interface CardFrameProps {
  step: CardIssuingStep;
  /** The step's heading; also the accessible name of its main landmark. */
  heading: ReactNode;
  children?: ReactNode;
}

/**
 * The main landmark of one card issuing step, named by its heading. `data-card-step` and the
 * `card-step-<step>` test id name the step so tests can wait on it.
 */
export function CardFrame({ step, heading, children }: CardFrameProps) {
  const headingId = useId();
  return (
    <main
      className={`screen screen--card card-flow card-flow--${step}`}
      aria-labelledby={headingId}
      data-card-step={step}
      data-testid={`card-step-${step}`}
    >
      <h1 id={headingId} className="screen__heading">
        {heading}
      </h1>
      {children}
    </main>
  );
}
