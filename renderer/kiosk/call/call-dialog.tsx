import { type ReactNode, useEffect, useId, useRef } from 'react';

interface CallDialogProps {
  /** The call step shown, for CSS and tests (`data-call-step`). */
  step: string;
  heading: string;
  children?: ReactNode;
  /** The dialog's buttons, stacked large. */
  actions?: ReactNode;
}

/**
 * A step of the call that needs the customer's answer before anything else: a modal over the
 * screen below (which the app makes inert meanwhile), in the look of the other overlays.
 */
export function CallDialog({ step, heading, children, actions }: CallDialogProps) {
  const headingId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // The screen behind is inert, so focus must move into the dialog (each step mounts its own).
  useEffect(() => panel.current?.focus(), []);
  return (
    <div className="overlay call-overlay" data-call-step={step}>
      <div
        ref={panel}
        tabIndex={-1}
        className="overlay__panel call-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
      >
        <h2 id={headingId} className="overlay__heading">
          {heading}
        </h2>
        {children}
        {actions && <div className="overlay__actions">{actions}</div>}
      </div>
    </div>
  );
}
