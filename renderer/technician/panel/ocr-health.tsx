import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MrzReaderHealth } from '../../../contracts/identity.ts';

const STATE_LEVEL: Record<MrzReaderHealth['state'], 'good' | 'warn' | 'bad'> = {
  ready: 'good',
  starting: 'warn',
  restarting: 'warn',
  stopped: 'bad',
  failed: 'bad',
};

/** The OCR worker the kiosk keeps warm: its state, restarts, start-up time and memory. */
export function OcrHealthView({
  health,
  failed,
}: {
  health: MrzReaderHealth | null | undefined;
  failed: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const level = health ? STATE_LEVEL[health.state] : 'unknown';
  return (
    <section
      aria-labelledby={headingId}
      className={`device-card device-card--${level} ocr-health`}
      data-testid="ocr-health"
      data-state={health?.state}
    >
      <h2 id={headingId} className="device-card__name">
        {t('scanners.ocr.title')}
      </h2>
      {failed && (
        <p role="alert" className="error">
          {t('scanners.ocr.loadFailed')}
        </p>
      )}
      {health === null && <p className="muted">{t('scanners.ocr.none')}</p>}
      {health && (
        <dl className="facts">
          <div>
            <dt>{t('scanners.ocr.state')}</dt>
            <dd>
              <span className={`badge badge--${level}`}>{t(`scanners.ocr.states.${health.state}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('scanners.ocr.restarts')}</dt>
            <dd data-restarts={health.restarts}>{health.restarts}</dd>
          </div>
          <div>
            <dt>{t('scanners.ocr.readyIn')}</dt>
            <dd>
              {health.readyMs === null
                ? t('scanners.ocr.notKnown')
                : t('scanners.ocr.ms', { ms: Math.round(health.readyMs) })}
            </dd>
          </div>
          <div>
            <dt>{t('scanners.ocr.memory')}</dt>
            <dd>
              {health.rssBytes === null
                ? t('scanners.ocr.notKnown')
                : t('scanners.ocr.mb', { mb: (health.rssBytes / 1_048_576).toFixed(1) })}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
