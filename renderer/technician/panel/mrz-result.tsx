import { useTranslation } from 'react-i18next';
import type { MrzReadResult } from '../../../contracts/identity.ts';
import type { SpecimenDocumentInfo } from '../../../contracts/simulator-control.ts';

/** Whether the reader concluded what the specimen says a correct reader concludes. */
export function matchesExpectation(
  result: MrzReadResult,
  expected: SpecimenDocumentInfo['expected'],
): boolean {
  if (expected === 'reject') return result.status === 'rejected';
  return (
    result.status === 'accepted' &&
    result.lines.length === expected.accept.length &&
    result.lines.every((line, i) => line === expected.accept[i])
  );
}

interface MrzResultViewProps {
  result: MrzReadResult;
  /** What the specimen read should give, when known. */
  expected: SpecimenDocumentInfo['expected'] | null;
}

/** One test read: accepted or why not, against the specimen's truth, the lines, checks and timings. */
export function MrzResultView({ result, expected }: MrzResultViewProps) {
  const { t } = useTranslation();
  const ms = (value: number) => t('scanners.result.ms', { ms: Math.round(value) });
  const matches = expected === null ? null : matchesExpectation(result, expected);
  return (
    <div className="mrz-result" data-testid="mrz-result" data-status={result.status}>
      <h5>{t('scanners.result.title')}</h5>
      <p className="mrz-result__verdict">
        <span className={`badge badge--${result.status === 'accepted' ? 'good' : 'bad'}`}>
          {result.status === 'accepted'
            ? t('scanners.result.accepted')
            : t('scanners.result.rejected', { reason: t(`scanners.result.reasons.${result.reason}`) })}
        </span>{' '}
        {matches !== null && (
          <span className={`badge badge--${matches ? 'good' : 'warn'}`} data-matches={String(matches)}>
            {matches ? t('scanners.result.matches') : t('scanners.result.differs')}
          </span>
        )}
      </p>
      {result.status === 'rejected' && result.detail && (
        <p>
          {t('scanners.result.detail')}: {result.detail}
        </p>
      )}
      <h6>{t('scanners.result.lines')}</h6>
      {result.lines.length === 0 ? (
        <p className="muted">{t('scanners.result.noLines')}</p>
      ) : (
        <pre className="mrz-result__lines" data-testid="mrz-result-lines">
          {result.lines.join('\n')}
        </pre>
      )}
      <h6>{t('scanners.result.checks')}</h6>
      {result.checks.length === 0 ? (
        <p className="muted">{t('scanners.result.noChecks')}</p>
      ) : (
        <ul className="mrz-result__checks">
          {result.checks.map((check) => (
            <li key={check.field} data-check={check.field} data-valid={String(check.valid)}>
              {t(`scanners.result.checkFields.${check.field}`)}{' '}
              <span className={`badge badge--${check.valid ? 'good' : 'bad'}`}>
                {check.valid ? t('scanners.result.valid') : t('scanners.result.invalid')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <dl className="facts facts--detail mrz-result__timings" aria-label={t('scanners.result.timings')}>
        {result.status === 'accepted' && (
          <div>
            <dt>{t('scanners.result.corrections')}</dt>
            <dd>{result.corrections}</dd>
          </div>
        )}
        <div>
          <dt>{t('scanners.result.decode')}</dt>
          <dd>{ms(result.timings.decodeMs)}</dd>
        </div>
        <div>
          <dt>{t('scanners.result.prepare')}</dt>
          <dd>{ms(result.timings.prepareMs)}</dd>
        </div>
        <div>
          <dt>{t('scanners.result.ocr')}</dt>
          <dd>{ms(result.timings.ocrMs)}</dd>
        </div>
        <div data-timing="total">
          <dt>{t('scanners.result.total')}</dt>
          <dd>{ms(result.timings.totalMs)}</dd>
        </div>
      </dl>
    </div>
  );
}
