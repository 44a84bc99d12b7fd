import { useKioskT } from '../../language-context.ts';
import { DocumentIllustration } from './document-illustration.tsx';
import { IdentifyFooter } from './identify-buttons.tsx';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';
import { IdentifyMessageLine } from './identify-message-line.tsx';

/** Where and how to lay the document: numbered steps beside a picture of it on the glass. */
export function PlaceDocumentStep({ identify, frame, cancel }: IdentifyStepProps) {
  const t = useKioskT();
  return (
    <IdentifyStepFrame
      frame={frame}
      step="placeDocument"
      method={identify.method}
      heading={t('identify.placeDocument.title')}
    >
      <IdentifyMessageLine identify={identify} attempts />
      <div className="identify-instructions">
        <DocumentIllustration />
        <ol className="identify-steps">
          <li>{t('identify.placeDocument.open')}</li>
          <li>{t('identify.placeDocument.faceDown')}</li>
          <li>{t('identify.placeDocument.edge')}</li>
          <li>{t('identify.placeDocument.still')}</li>
        </ol>
      </div>
      <IdentifyFooter cancel={cancel} />
    </IdentifyStepFrame>
  );
}
