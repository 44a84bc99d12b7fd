import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CallDialog } from './call-dialog.tsx';

/** The wait grew too long: be called back instead, keep waiting, or give up. */
export function CallbackOfferStep() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <CallDialog
      step="callbackOffer"
      heading={t('call.callbackOffer.title')}
      actions={
        <>
          <TouchButton
            className="overlay__button"
            data-testid="call-callback"
            onClick={() => send({ type: 'CALL_CALLBACK' })}
          >
            {t('call.callbackOffer.callback')}
          </TouchButton>
          <TouchButton
            variant="secondary"
            className="overlay__button"
            data-testid="call-keep-waiting"
            onClick={() => send({ type: 'CALL_KEEP_WAITING' })}
          >
            {t('call.callbackOffer.keepWaiting')}
          </TouchButton>
          <TouchButton
            variant="secondary"
            className="overlay__button"
            data-testid="call-cancel"
            onClick={() => send({ type: 'CALL_END' })}
          >
            {t('call.callbackOffer.cancel')}
          </TouchButton>
        </>
      }
    >
      <p className="overlay__message">{t('call.callbackOffer.message')}</p>
    </CallDialog>
  );
}
