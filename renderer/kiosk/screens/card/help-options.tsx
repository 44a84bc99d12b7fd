import { useId } from 'react';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/**
 * Where to get help after a failure. Calling a teller is shown but cannot be pressed: the video
 * teller is not part of this kiosk yet, and a button that does nothing would only add to the
 * customer's trouble.
 */
export function HelpOptions() {
  const t = useKioskT();
  const headingId = useId();
  const tellerLabelId = useId();
  const tellerReasonId = useId();
  return (
    <section className="card-help" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-help__title">
        {t('card.failed.helpTitle')}
      </h2>
      <TouchButton
        variant="secondary"
        className="card-help__teller"
        data-testid="card-call-teller"
        data-available="false"
        aria-disabled="true"
        aria-labelledby={tellerLabelId}
        aria-describedby={tellerReasonId}
      >
        <span id={tellerLabelId}>{t('card.failed.teller')}</span>
        <span id={tellerReasonId} className="card-help__reason">
          {t('card.unavailable')}
        </span>
      </TouchButton>
      <p className="card-help__text">{t('card.failed.staff')}</p>
      <p className="card-help__text">{t('card.failed.app')}</p>
    </section>
  );
}
