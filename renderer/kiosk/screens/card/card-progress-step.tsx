import type { ReactNode } from 'react';
import type { CardIssuingStep } from '../../../../contracts/card-issuing.ts';
import { CardFrame } from './card-frame.tsx';

interface CardProgressStepProps {
  step: CardIssuingStep;
  heading: string;
  /** What is happening meanwhile, in a sentence. */
  message: string;
  /** Anything said before the wait (a notice), and a footer after it. */
  notice?: ReactNode;
  footer?: ReactNode;
}

/** A step the customer waits through: its heading, a spinner, and what is happening meanwhile. */
export function CardProgressStep({ step, heading, message, notice, footer }: CardProgressStepProps) {
  return (
    <CardFrame step={step} heading={heading}>
      {notice}
      <div className="spinner" aria-hidden="true" />
      <p role="status" className="screen__message">
        {message}
      </p>
      {footer && <div className="screen__footer">{footer}</div>}
    </CardFrame>
  );
}
