import { useId } from 'react';
import { useCallTeller } from '../call/call-context.ts';
import { useKioskT } from '../language-context.ts';
import { TouchButton } from './touch-button.tsx';

export interface HelpOptionsProps {
  /** Translation keys: the heading, the teller button, then one paragraph per other way of help. */
  titleKey: string;
  tellerKey: string;
  otherKeys: readonly string[];
  /** Test id of the teller button. */
  tellerTestId: string;
  className?: string;
}

/**
 * Where to get help when a step failed: a teller by video (about the flow on screen), then the
 * other ways the step names. The teller is not offered while a call is already open.
 */
export function HelpOptions({ titleKey, tellerKey, otherKeys, tellerTestId, className }: HelpOptionsProps) {
  const t = useKioskT();
  const headingId = useId();
  const callTeller = useCallTeller();
  return (
    <section className={className ? `card-help ${className}` : 'card-help'} aria-labelledby={headingId}>
      <h2 id={headingId} className="card-help__title">
        {t(titleKey)}
      </h2>
      {callTeller && (
        <TouchButton
          variant="secondary"
          className="card-help__teller"
          data-testid={tellerTestId}
          data-available="true"
          onClick={callTeller}
        >
          {t(tellerKey)}
        </TouchButton>
      )}
      {otherKeys.map((key) => (
        <p key={key} className="card-help__text">
          {t(key)}
        </p>
      ))}
    </section>
  );
}
