import { useContext } from 'react';
import type { IdentityDocumentSummary } from '../../../../contracts/identity.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { HTML_LANG } from '../../../i18n/kiosk-i18n.ts';
import { LanguageContext, useKioskT } from '../../language-context.ts';
import { formatDocumentDate } from './document-dates.ts';
import { IdentifyFooter, IdentifyRescanButton } from './identify-buttons.tsx';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';

/**
 * "Is this you?": the data the document's check digits vouched for, for the customer to
 * recognise, with dates in their language. Yes goes on; a wrong detail means scanning again.
 */
export function ConfirmDocumentStep({ identify, frame, cancel }: IdentifyStepProps) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <IdentifyStepFrame
      frame={frame}
      step="confirmDocument"
      method={identify.method}
      heading={t('identify.confirmDocument.title')}
    >
      <div className="identify-confirm">
        <p className="screen__message">{t('identify.confirmDocument.intro')}</p>
        {identify.document && <DocumentFacts document={identify.document} />}
        <div className="identify-confirm__actions">
          <TouchButton
            className="card-main-action identify-main-action"
            data-testid="identify-confirm"
            disabled={identify.document === null}
            onClick={() => send({ type: 'IDENTIFY_CONFIRM' })}
          >
            {t('identify.confirmDocument.confirm')}
          </TouchButton>
          <IdentifyRescanButton main={false} label={t('identify.confirmDocument.wrong')} />
        </div>
        <p className="identify-take-back">{t('identify.confirmDocument.takeBack')}</p>
      </div>
      <IdentifyFooter cancel={cancel} />
    </IdentifyStepFrame>
  );
}

function DocumentFacts({ document }: { document: IdentityDocumentSummary }) {
  const t = useKioskT();
  const locale = HTML_LANG[useContext(LanguageContext)];
  const facts: Array<[key: string, label: string, value: string, className?: string]> = [
    ['surname', t('identify.confirmDocument.surname'), document.surname, 'identify-facts__name'],
    ['givenNames', t('identify.confirmDocument.givenNames'), document.givenNames, 'identify-facts__name'],
    ['kind', t('identify.confirmDocument.kind'), t(`identify.confirmDocument.kinds.${document.kind}`)],
    ['number', t('identify.confirmDocument.number'), document.documentNumber, 'identify-facts__code'],
    ['nationality', t('identify.confirmDocument.nationality'), document.nationality, 'identify-facts__code'],
    ['birthDate', t('identify.confirmDocument.birthDate'), formatDocumentDate(document.birthDate, locale)],
    ['expiryDate', t('identify.confirmDocument.expiryDate'), formatDocumentDate(document.expiryDate, locale)],
  ];
  return (
    <dl className="identify-facts" data-testid="identify-document">
      {facts.map(([key, label, value, className]) => (
        <div key={key} data-fact={key}>
          <dt>{label}</dt>
          <dd className={className}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
