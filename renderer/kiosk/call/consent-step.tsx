import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CallDialog } from './call-dialog.tsx';

/** Before any camera opens: what the call means for the customer's privacy, and a free choice. */
export function ConsentStep() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <CallDialog
      step="consent"
      heading={t('call.consent.title')}
      actions={
        <>
          <TouchButton
            className="overlay__button"
            data-testid="call-consent-accept"
            onClick={() => send({ type: 'CALL_CONSENT' })}
          >
            {t('call.consent.accept')}
          </TouchButton>
          <TouchButton
            variant="secondary"
            className="overlay__button"
            data-testid="call-consent-decline"
            onClick={() => send({ type: 'CALL_DECLINE' })}
          >
            {t('call.consent.decline')}
          </TouchButton>
        </>
      }
    >
      <p className="overlay__message call-consent__message">{t('call.consent.message')}</p>
    </CallDialog>
  );
}
