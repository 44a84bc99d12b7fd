import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceId } from '../../../contracts/devices/status.ts';
import { CashSection } from './cash-section.tsx';
import { DeviceCard } from './device-card.tsx';
import { JournalSection } from './journal-section.tsx';
import { SCANNER_DEVICES, ScannersSection } from './scanners-section.tsx';
import { useOverviewPoll } from './use-overview-poll.ts';

/**
 * The signed-in panel: kiosk summary and one card per device, refreshed every second, then the
 * kiosk's cash (on a kiosk with cash devices) and the electronic journal.
 */
export function OverviewPanel({
  onSignOut,
  onUnauthorized,
}: {
  onSignOut: () => void;
  onUnauthorized: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const { overview, lastReceipt, lostContact, refresh } = useOverviewPoll(onUnauthorized);
  // Devices with a status first, then simulated devices the runtime does not report. The
  // scanners have their own section, with the OCR worker that serves them.
  const devices: DeviceId[] = overview
    ? [
        ...overview.devices.map((d) => d.device),
        ...overview.simulators
          .map((s) => s.device)
          .filter((d) => !overview.devices.some((s) => s.device === d)),
      ].filter((d) => !SCANNER_DEVICES.includes(d))
    : [];

  return (
    <main className="panel" aria-labelledby={headingId} data-view="panel">
      <header className="panel__header">
        <h1 id={headingId}>{t('title')}</h1>
        <button type="button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      {lostContact && (
        <p role="alert" className="error">
          {t('kiosk.lostContact')}
        </p>
      )}
      {overview && (
        <>
          <dl className="facts facts--summary" aria-label={t('kiosk.summary')}>
            <div>
              <dt>{t('kiosk.id')}</dt>
              <dd>{overview.kioskId}</dd>
            </div>
            <div>
              <dt>{t('kiosk.screen')}</dt>
              <dd data-screen={overview.screen}>{overview.screen}</dd>
            </div>
            <div>
              <dt>{t('kiosk.backend')}</dt>
              <dd>
                <span className={`badge badge--${overview.backendOnline ? 'good' : 'bad'}`}>
                  {overview.backendOnline ? t('kiosk.online') : t('kiosk.offline')}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('kiosk.backlog')}</dt>
              <dd data-backlog-pending={overview.backlog?.pending ?? ''}>
                {overview.backlog === null
                  ? t('kiosk.backlogUnknown')
                  : overview.backlog.pending === 0
                    ? t('kiosk.backlogEmpty', { mark: overview.backlog.highWaterMark })
                    : t('kiosk.backlogPending', {
                        count: overview.backlog.pending,
                        seconds: Math.round(overview.backlog.oldestPendingSeconds ?? 0),
                        mark: overview.backlog.highWaterMark,
                      })}
              </dd>
            </div>
          </dl>
          <h2 className="visually-hidden">{t('devices.title')}</h2>
          {devices.length === 0 && <p>{t('devices.none')}</p>}
          <div className="device-grid">
            {devices.map((device) => (
              <DeviceCard
                key={device}
                device={device}
                status={overview.devices.find((d) => d.device === device) ?? null}
                simulator={overview.simulators.find((s) => s.device === device) ?? null}
                lastReceipt={lastReceipt}
                onChanged={refresh}
                onUnauthorized={onUnauthorized}
              />
            ))}
          </div>
          <ScannersSection overview={overview} onChanged={refresh} onUnauthorized={onUnauthorized} />
        </>
      )}
      <CashSection onUnauthorized={onUnauthorized} />
      <JournalSection onUnauthorized={onUnauthorized} />
    </main>
  );
}
