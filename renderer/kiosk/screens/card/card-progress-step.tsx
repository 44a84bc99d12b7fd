import type { CardIssuingStep } from '../../../../contracts/card-issuing.ts';
import { CardFrame } from './card-frame.tsx';

/** A step the customer waits through: its heading, a spinner, and what is happening meanwhile. */
export function CardProgressStep({
  step,
  heading,
  message,
}: {
  step: CardIssuingStep;
  heading: string;
  message: string;
}) {
  return (
    <CardFrame step={step} heading={heading}>
      <div className="spinner" aria-hidden="true" />
      <p role="status" className="screen__message">
        {message}
      </p>
    </CardFrame>
  );
}
