import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedCall } from '../../../contracts/teller.ts';
import { since } from './time.ts';

export interface QueueListProps {
  queue: QueuedCall[];
  now: number;
  /** Accepting is pointless while on a call or while another accept is in flight. */
  canAccept: boolean;
  onAccept: (callId: string) => void;
}

/** Waiting calls this teller can take, oldest first, each with its own Accept. */
export function QueueList({ queue, now, canAccept, onAccept }: QueueListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel queue" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('queue.title')}</h2>
      {queue.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('queue.position')}</th>
              <th scope="col">{t('queue.kiosk')}</th>
              <th scope="col">{t('queue.language')}</th>
              <th scope="col">{t('queue.topic')}</th>
              <th scope="col">{t('queue.waiting')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('queue.accept')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((entry) => (
              <tr key={entry.callId} data-testid="queue-entry" data-call-id={entry.callId}>
                <td>{entry.position}</td>
                <td>{entry.kioskName}</td>
                <td>{t(`languages.${entry.language}`)}</td>
                <td>{t(`topics.${entry.topic}`)}</td>
                <td className="numeric">{since(entry.requestedAt, now)}</td>
                <td>
                  <button
                    type="button"
                    data-testid="queue-accept"
                    disabled={!canAccept}
                    aria-label={t('queue.acceptCall', { kiosk: entry.kioskName })}
                    onClick={() => onAccept(entry.callId)}
                  >
                    {t('queue.accept')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
