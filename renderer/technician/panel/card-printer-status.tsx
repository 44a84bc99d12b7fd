import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../contracts/devices/status.ts';
import { readCardPrinterDetail, type SupplyLevel } from './card-printer-detail.ts';
import { DetailList } from './detail-list.tsx';

/** The badge colour of a level: a level the printer did not report is neutral, not "good". */
const BADGE: Record<SupplyLevel, string> = { good: 'good', warn: 'warn', bad: 'bad', unknown: 'neutral' };

/**
 * The card printer's status detail as a technician reads it: what is left in the feeder and on
 * the ribbon, how full the reject bin is, where the card is, and the printer's own state words.
 */
export function CardPrinterStatus({ detail }: { detail: DeviceDetail }) {
  const { t } = useTranslation();
  const reading = readCardPrinterDetail(detail);
  const { feeder, ribbon, rejectBin } = reading;
  return (
    <div className="card-printer-status" data-card-position={reading.position ?? undefined}>
      <dl className="facts supplies" aria-label={t('cardPrinter.supplies')}>
        <div data-supply="feeder" data-level={feeder.level}>
          <dt>{t('cardPrinter.feeder')}</dt>
          <dd>
            {feeder.cards !== null && t('cardPrinter.feederCards', { count: feeder.cards })}{' '}
            <span className={`badge badge--${BADGE[feeder.level]}`}>
              {t(`cardPrinter.levels.${feeder.level}`)}
            </span>
          </dd>
        </div>
        <div data-supply="ribbon" data-level={ribbon.level}>
          <dt>{t('cardPrinter.ribbon')}</dt>
          <dd>
            {ribbon.panels !== null && t('cardPrinter.ribbonPanels', { count: ribbon.panels })}{' '}
            <span className={`badge badge--${BADGE[ribbon.level]}`}>
              {t(`cardPrinter.levels.${ribbon.level}`)}
            </span>
          </dd>
        </div>
        <div data-supply="rejectBin" data-level={rejectBin.level}>
          <dt>{t('cardPrinter.rejectBin')}</dt>
          <dd>
            {rejectBin.cards !== null &&
              rejectBin.capacity !== null &&
              t('cardPrinter.rejectBinFill', { count: rejectBin.cards, capacity: rejectBin.capacity })}{' '}
            <span className={`badge badge--${BADGE[rejectBin.level]}`}>
              {t(`cardPrinter.binLevels.${rejectBin.level}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('cardPrinter.position')}</dt>
          <dd>
            {reading.position === null
              ? t('cardPrinter.levels.unknown')
              : t(`cardPrinter.positions.${reading.position}`)}
          </dd>
        </div>
        <div>
          <dt>{t('cardPrinter.minorStates')}</dt>
          <dd>
            {reading.minorStates.length === 0 ? (
              t('cardPrinter.noMinorStates')
            ) : (
              <span className="minor-states">
                {reading.minorStates.map((word) => (
                  <code key={word} className="minor-state" data-minor-state={word}>
                    {word}
                  </code>
                ))}
              </span>
            )}
          </dd>
        </div>
      </dl>
      {Object.keys(reading.others).length > 0 && (
        <>
          <h4>{t('cardPrinter.otherDetails')}</h4>
          <DetailList values={reading.others} />
        </>
      )}
    </div>
  );
}
