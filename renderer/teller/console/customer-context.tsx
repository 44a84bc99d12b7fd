import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveCall } from '../../../contracts/teller.ts';
import type { DocumentImage } from './use-document-image.ts';

type SharedDocumentView = NonNullable<ActiveCall['document']>;

function SharedDocumentPanel({ document, image }: { document: SharedDocumentView; image: DocumentImage }) {
  const { t } = useTranslation();
  const headingId = useId();
  const fields: Array<[string, string]> = [
    [t('document.kind'), t(`document.kindValue.${document.kind}`)],
    [t('document.surname'), document.surname],
    [t('document.givenNames'), document.givenNames],
    [t('document.documentNumber'), document.documentNumber],
    [t('document.nationality'), document.nationality],
    [t('document.issuingState'), document.issuingState],
    [t('document.birthDate'), document.birthDate],
    [t('document.expiryDate'), document.expiryDate],
    [t('document.sex'), t(`document.sexValue.${document.sex}`)],
  ];
  return (
    <section className="document" aria-labelledby={headingId} data-testid="shared-document">
      <h3 id={headingId}>{t('document.title')}</h3>
      <dl className="pairs">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mrz">
        <span className="visually-hidden">{t('document.mrz')}</span>
        {document.mrzLines.map((line) => (
          <code key={line}>{line}</code>
        ))}
      </p>
      {image.state === 'loading' && <p className="muted">{t('document.imageLoading')}</p>}
      {image.state === 'failed' && <p className="error">{t('document.imageFailed')}</p>}
      {image.state === 'ready' && (
        <img
          className="document__image"
          src={image.url}
          alt={t('document.image')}
          data-testid="document-image"
        />
      )}
    </section>
  );
}

/** Who the teller is talking to and where they are at the kiosk (no personal data but the shared document). */
export function CustomerContext({ call, image }: { call: ActiveCall; image: DocumentImage }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { context } = call;
  return (
    <section className="panel context" aria-labelledby={headingId} data-testid="customer-context">
      <h2 id={headingId}>{t('context.title')}</h2>
      <dl className="pairs">
        <div>
          <dt>{t('context.kiosk')}</dt>
          <dd>{call.kioskName}</dd>
        </div>
        <div>
          <dt>{t('context.language')}</dt>
          <dd>{t(`languages.${context.language}`)}</dd>
        </div>
        <div>
          <dt>{t('context.topic')}</dt>
          <dd>{t(`topics.${call.topic}`)}</dd>
        </div>
        <div>
          <dt>{t('context.flow')}</dt>
          <dd data-testid="context-flow">{t(context.flow ? `flows.${context.flow}` : 'flows.none')}</dd>
        </div>
        <div>
          <dt>{t('context.step')}</dt>
          <dd data-testid="context-step">{context.step ?? t('context.noStep')}</dd>
        </div>
        <div>
          <dt>{t('context.link')}</dt>
          <dd data-testid="kiosk-link" data-link={call.kioskLink} className={`link link--${call.kioskLink}`}>
            {t(`context.linkValue.${call.kioskLink}`)}
          </dd>
        </div>
      </dl>
      {call.document && <SharedDocumentPanel document={call.document} image={image} />}
    </section>
  );
}
