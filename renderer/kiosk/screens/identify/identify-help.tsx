import { useId } from 'react';
import { useCallTeller } from '../../call/call-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/**
 * Where to get help when the kiosk could not identify the customer: a teller by video (about the
 * flow on screen), the branch staff, the helpline. The teller is not offered while a call is
 * already open (the customer is showing a document to that teller).
 */
export function IdentifyHelp() {
  const t = useKioskT();
  const headingId = useId();
  const callTeller = useCallTeller();
  return (
    <section className="card-help identify-help" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-help__title">
        {t('identify.failed.helpTitle')}
      </h2>
      {callTeller && (
        <TouchButton
          variant="secondary"
          className="card-help__teller"
          data-testid="identify-call-teller"
          data-available="true"
          onClick={callTeller}
        >
          {t('identify.failed.teller')}
        </TouchButton>
      )}
      <p className="card-help__text">{t('identify.failed.staff')}</p>
      <p className="card-help__text">{t('identify.failed.helpLine')}</p>
    </section>
  );
}
