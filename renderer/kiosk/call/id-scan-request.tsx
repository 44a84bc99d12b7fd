import type { VideoTellerView } from '../../../contracts/video-teller.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';

type IdScan = NonNullable<VideoTellerView['idScan']>;

/**
 * The teller's request to see the customer's ID document, in the call panel: the question, or a
 * short word on how it went. The scan itself covers the screen below (see IdScanLayer).
 */
export function IdScanRequest({ idScan }: { idScan: IdScan }) {
  const send = useSendEvent();
  const t = useKioskT();
  if (idScan.step === 'asking')
    return (
      <section className="call-id-scan-request" role="alertdialog" aria-label={t('call.idScan.title')}>
        <p className="call-id-scan-request__title">{t('call.idScan.title')}</p>
        <p className="call-id-scan-request__message">{t('call.idScan.message')}</p>
        <div className="call-panel__choices">
          <TouchButton
            data-testid="call-id-scan-accept"
            onClick={() => send({ type: 'CALL_ID_SCAN_ACCEPT' })}
          >
            {t('call.idScan.accept')}
          </TouchButton>
          <TouchButton
            variant="secondary"
            data-testid="call-id-scan-decline"
            onClick={() => send({ type: 'CALL_ID_SCAN_DECLINE' })}
          >
            {t('call.idScan.decline')}
          </TouchButton>
        </div>
      </section>
    );
  if (idScan.step === 'scanning') return null;
  return (
    <p role="status" className="call-panel__notice" data-id-scan={idScan.step}>
      {t(`call.idScan.${idScan.step}`)}
    </p>
  );
}
