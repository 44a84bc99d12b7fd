import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashLevels } from '../../../contracts/backend-protocol.ts';
import { amountOf, formatMoney } from './cash-denominations.ts';
import { CashExchangePanel } from './cash-exchange.tsx';
import { useCashLevels } from './use-cash-levels.ts';

type Place = 'cashbox' | 'hopper';
const PLACES: Place[] = ['cashbox', 'hopper'];

/** The kiosk's cash: counts per place and denomination, alerts, and the exchange procedure. */
export function CashSection({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const cash = useCashLevels(onUnauthorized);
  // A kiosk without cash devices has no cash section at all.
  if (cash.levels === null) return null;

  return (
    <section className="cash" aria-labelledby={headingId} data-view="cash">
      <h2 id={headingId}>{t('cash.title')}</h2>
      {cash.failed && (
        <p role="alert" className="error">
          {t('cash.failed')}
        </p>
      )}
      {cash.levels === undefined ? (
        <p className="muted">{t('cash.loading')}</p>
      ) : (
        <>
          <CashAlerts levels={cash.levels} />
          <CashTable levels={cash.levels} language={i18n.language} />
          <CashExchangePanel
            currency={cash.levels.currency}
            onEnded={cash.show}
            onUnauthorized={onUnauthorized}
          />
        </>
      )}
    </section>
  );
}

function CashAlerts({ levels }: { levels: CashLevels }) {
  const { t } = useTranslation();
  if (levels.alerts.length === 0) {
    return <p className="badge badge--good">{t('cash.noAlerts')}</p>;
  }
  return (
    <ul className="cash__alerts" aria-label={t('cash.alertsLabel')}>
      {levels.alerts.map((alert) => (
        <li
          key={alert}
          className={`badge badge--${alert.endsWith('Full') || alert.endsWith('Empty') ? 'bad' : 'warn'}`}
          data-alert={alert}
        >
          {t(`cash.alerts.${alert}`, { defaultValue: alert })}
        </li>
      ))}
    </ul>
  );
}

function CashTable({ levels, language }: { levels: CashLevels; language: string }) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, levels.currency, language);
  return (
    <table className="cash__table">
      <caption className="visually-hidden">{t('cash.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cash.place')}</th>
          <th scope="col">{t('cash.denomination')}</th>
          <th scope="col">{t('cash.count')}</th>
          <th scope="col">{t('cash.amount')}</th>
        </tr>
      </thead>
      {PLACES.map((place) => {
        const counts = levels[place];
        const rows = Object.entries(counts).sort(([a], [b]) => Number(b) - Number(a));
        const pieces = rows.reduce((sum, [, count]) => sum + count, 0);
        return (
          <tbody key={place} data-place={place}>
            {rows.length === 0 ? (
              <tr>
                <th scope="row">{t(`cash.places.${place}`)}</th>
                <td colSpan={3} className="muted">
                  {t('cash.emptyPlace')}
                </td>
              </tr>
            ) : (
              rows.map(([value, count], i) => (
                <tr key={value} data-value={value}>
                  {i === 0 && (
                    <th scope="row" rowSpan={rows.length + 1}>
                      {t(`cash.places.${place}`)}
                    </th>
                  )}
                  <td>{money(Number(value))}</td>
                  <td className="cash__count">{count}</td>
                  <td className="cash__count">{money(Number(value) * count)}</td>
                </tr>
              ))
            )}
            {rows.length > 0 && (
              <tr className="cash__total">
                <td>{t('cash.total')}</td>
                <td className="cash__count">{pieces}</td>
                <td className="cash__count">{money(amountOf(counts))}</td>
              </tr>
            )}
          </tbody>
        );
      })}
    </table>
  );
}
