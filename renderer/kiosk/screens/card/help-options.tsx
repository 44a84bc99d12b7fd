import { useId } from 'react';
import { useCallTeller } from '../../call/call-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/**
 * Where to get help after a failure: a teller by video (about cards), the branch staff, the app.
 * The teller is not offered while a call is already open.
 */
export function HelpOptions() {
  const t = useKioskT();
  const headingId = useId();
  const callTeller = useCallTeller();
  return (
    <section className="card-help" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-help__title">
        {t('card.failed.helpTitle')}
      </h2>
      {callTeller && (
        <TouchButton
          variant="secondary"
          className="card-help__teller"
          data-testid="card-call-teller"
          data-available="true"
          onClick={callTeller}
        >
          {t('card.failed.teller')}
        </TouchButton>
      )}
      <p className="card-help__text">{t('card.failed.staff')}</p>
      <p className="card-help__text">{t('card.failed.app')}</p>
    </section>
  );
}
