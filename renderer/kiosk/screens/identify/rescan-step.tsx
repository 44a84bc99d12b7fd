import { useKioskT } from '../../language-context.ts';
import { IdentifyFooter, IdentifyRescanButton } from './identify-buttons.tsx';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';
import { IdentifyMessageLine } from './identify-message-line.tsx';

/** A read that did not work: why, how to place it better, the tries left, and Scan again. */
export function RescanStep({ identify, frame, cancel }: IdentifyStepProps) {
  const t = useKioskT();
  const qr = identify.method === 'qr';
  return (
    <IdentifyStepFrame
      frame={frame}
      step="rescan"
      method={identify.method}
      heading={t(qr ? 'identify.rescan.titleQr' : 'identify.rescan.title')}
    >
      <div className="identify-rescan">
        <IdentifyMessageLine identify={identify} attempts />
        <p className="screen__message identify-tip">
          {t(qr ? 'identify.rescan.tipQr' : 'identify.rescan.tip')}
        </p>
        <IdentifyRescanButton />
      </div>
      <IdentifyFooter cancel={cancel} />
    </IdentifyStepFrame>
  );
}
