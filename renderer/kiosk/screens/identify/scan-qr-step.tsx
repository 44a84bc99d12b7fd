import { useKioskT } from '../../language-context.ts';
import { IdentifyFooter } from './identify-buttons.tsx';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';
import { IdentifyMessageLine } from './identify-message-line.tsx';
import { QrIllustration } from './qr-illustration.tsx';

/** Where to hold the phone with the app's QR code: steps beside a picture of it over the scanner. */
export function ScanQrStep({ identify, frame, cancel }: IdentifyStepProps) {
  const t = useKioskT();
  return (
    <IdentifyStepFrame
      frame={frame}
      step="scanQr"
      method={identify.method}
      heading={t('identify.scanQr.title')}
    >
      <IdentifyMessageLine identify={identify} attempts />
      <div className="identify-instructions">
        <QrIllustration />
        <ol className="identify-steps">
          <li>{t('identify.scanQr.open')}</li>
          <li>{t('identify.scanQr.hold')}</li>
          <li>{t('identify.scanQr.still')}</li>
        </ol>
      </div>
      <IdentifyFooter cancel={cancel} />
    </IdentifyStepFrame>
  );
}
