import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../contracts/teller.ts';
import { fetchAudit, UnauthorizedError } from '../api/teller-api.ts';

type Load = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; entries: AuditEntry[] };

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  return (
    <table className="table audit" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.time')}</th>
          <th scope="col">{t('audit.teller')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.call')}</th>
          <th scope="col">{t('audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
            <td>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
            </td>
            <td>{entry.username}</td>
            <td>{entry.action}</td>
            {/* The first block of the id is enough to tell calls apart on screen. */}
            <td title={entry.callId ?? undefined}>{entry.callId?.slice(0, 8) ?? ''}</td>
            <td className="audit__detail">{entry.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The audit log: a supervisor sees every teller's actions, a teller their own. Refreshed on demand. */
export function AuditLog({ token, onUnauthorized }: { token: string; onUnauthorized: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const refresh = useCallback(() => {
    setLoad({ state: 'loading' });
    fetchAudit(token)
      .then((entries) => setLoad({ state: 'ready', entries }))
      .catch((error: unknown) => {
        if (error instanceof UnauthorizedError) onUnauthorized();
        else setLoad({ state: 'failed' });
      });
  }, [token, onUnauthorized]);

  useEffect(refresh, [refresh]);

  return (
    <section className="panel audit-log" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>{t('audit.title')}</h2>
        <button
          type="button"
          data-testid="audit-refresh"
          onClick={refresh}
          disabled={load.state === 'loading'}
        >
          {t('audit.refresh')}
        </button>
      </header>
      {load.state === 'loading' && <p className="muted">{t('audit.loading')}</p>}
      {load.state === 'failed' && (
        <p role="alert" className="error">
          {t('audit.failed')}
        </p>
      )}
      {load.state === 'ready' && <AuditTable entries={load.entries} />}
    </section>
  );
}
