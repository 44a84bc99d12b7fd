import { useKioskT } from '../../language-context.ts';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';

/**
 * Reading a document or checking a code: a few seconds the customer waits through, with the one
 * thing they can do meanwhile (keep the document still). No buttons: the runtime's own timeouts
 * end a read that does not finish.
 */
export function IdentifyProgressStep({ identify, frame }: IdentifyStepProps) {
  const t = useKioskT();
  const step = identify.step === 'verifyingQr' ? 'verifyingQr' : 'reading';
  return (
    <IdentifyStepFrame
      frame={frame}
      step={step}
      method={identify.method}
      heading={t(`identify.${step}.title`)}
    >
      <div className="spinner" aria-hidden="true" />
      <p role="status" className="screen__message">
        {t(`identify.${step}.message`)}
      </p>
    </IdentifyStepFrame>
  );
}
