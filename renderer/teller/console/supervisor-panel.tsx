import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TellerConsoleState } from '../../../contracts/teller.ts';
import { QueueTable } from './queue-table.tsx';
import { since } from './time.ts';

type SupervisorView = NonNullable<TellerConsoleState['supervisor']>;

/** Supervisors: every waiting call, every call in progress, and how many customers asked for a callback. */
export function SupervisorPanel({ view, now }: { view: SupervisorView; now: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel supervisor" aria-labelledby={headingId} data-testid="supervisor-panel">
      <h2 id={headingId}>{t('supervisor.title')}</h2>
      <p>
        {t('supervisor.callbacks')}: <strong data-testid="callback-count">{view.callbacks}</strong>
      </p>
      <h3>{t('supervisor.waiting')}</h3>
      {view.queue.length === 0 ? (
        <p className="muted">{t('supervisor.noneWaiting')}</p>
      ) : (
        <QueueTable queue={view.queue} now={now} testId="supervisor-queue" />
      )}
      <h3>{t('supervisor.inProgress')}</h3>
      {view.calls.length === 0 ? (
        <p className="muted">{t('supervisor.noneInProgress')}</p>
      ) : (
        <table className="table" data-testid="supervisor-calls">
          <thead>
            <tr>
              <th scope="col">{t('queue.kiosk')}</th>
              <th scope="col">{t('supervisor.teller')}</th>
              <th scope="col">{t('queue.language')}</th>
              <th scope="col">{t('queue.topic')}</th>
              <th scope="col">{t('supervisor.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {view.calls.map((call) => (
              <tr key={call.callId}>
                <td>{call.kioskName}</td>
                <td>{call.tellerName}</td>
                <td>{t(`languages.${call.language}`)}</td>
                <td>{t(`topics.${call.topic}`)}</td>
                <td className="numeric">{since(call.acceptedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
