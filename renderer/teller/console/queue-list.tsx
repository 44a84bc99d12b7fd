import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedCall } from '../../../contracts/teller.ts';
import { QueueTable } from './queue-table.tsx';

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
        <QueueTable
          queue={queue}
          now={now}
          action={{
            label: t('queue.accept'),
            render: (entry) => (
              <button
                type="button"
                data-testid="queue-accept"
                disabled={!canAccept}
                aria-label={t('queue.acceptCall', { kiosk: entry.kioskName })}
                onClick={() => onAccept(entry.callId)}
              >
                {t('queue.accept')}
              </button>
            ),
          }}
        />
      )}
    </section>
  );
}
