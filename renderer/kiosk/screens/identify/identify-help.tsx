import { useId } from 'react';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/**
 * Where to get help when the kiosk could not identify the customer. Calling a teller is shown
 * but cannot be pressed: the video teller is not part of this kiosk yet, and a button that does
 * nothing would only add to the customer's trouble.
 */
export function IdentifyHelp() {
  const t = useKioskT();
  const headingId = useId();
  const tellerLabelId = useId();
  const tellerReasonId = useId();
  return (
    <section className="card-help identify-help" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-help__title">
        {t('identify.failed.helpTitle')}
      </h2>
      <TouchButton
        variant="secondary"
        className="card-help__teller"
        data-testid="identify-call-teller"
        data-available="false"
        aria-disabled="true"
        aria-labelledby={tellerLabelId}
        aria-describedby={tellerReasonId}
      >
        <span id={tellerLabelId}>{t('identify.failed.teller')}</span>
        <span id={tellerReasonId} className="card-help__reason">
          {t('identify.failed.unavailable')}
        </span>
      </TouchButton>
      <p className="card-help__text">{t('identify.failed.staff')}</p>
      <p className="card-help__text">{t('identify.failed.helpLine')}</p>
    </section>
  );
}
