import type { ReactElement, ReactNode } from 'react';
import type { IdentifyStep, IdentifyView } from '../../../../contracts/identity.ts';

/**
 * How the flow that identifies the customer frames a step: its own main landmark and heading
 * (the card flow's `card-step-identifying`), so the identify screens fit any flow.
 */
export type IdentifyFrame = (heading: string, body: ReactNode) => ReactElement;

/** What every identify step gets: the view, the flow's frame, and the flow's own Cancel. */
export interface IdentifyStepProps {
  identify: IdentifyView;
  frame: IdentifyFrame;
  /** The flow's way out altogether, shown beside Back; absent where leaving is not offered. */
  cancel?: ReactNode;
}

interface IdentifyStepFrameProps {
  frame: IdentifyFrame;
  step: IdentifyStep;
  method: IdentifyView['method'];
  heading: string;
  children?: ReactNode;
}

/** One identify step inside the flow's frame; `identify-step-<step>` names it for tests. */
export function IdentifyStepFrame({ frame, step, method, heading, children }: IdentifyStepFrameProps) {
  return frame(
    heading,
    <div
      className={`identify identify--${step}`}
      data-identify-step={step}
      data-identify-method={method}
      data-testid={`identify-step-${step}`}
    >
      {children}
    </div>,
  );
}
