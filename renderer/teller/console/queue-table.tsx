import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedCall } from '../../../contracts/teller.ts';
import { since } from './time.ts';

export interface QueueTableProps {
  queue: QueuedCall[];
  now: number;
  testId?: string;
  /** A last column per waiting call (the teller's Accept), headed by `action.label` for screen readers. */
  action?: { label: string; render: (entry: QueuedCall) => ReactNode };
}

/** Waiting calls, oldest first: place, kiosk, language, topic and how long each has waited. */
export function QueueTable({ queue, now, testId, action }: QueueTableProps) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('queue.position')}</th>
          <th scope="col">{t('queue.kiosk')}</th>
          <th scope="col">{t('queue.language')}</th>
          <th scope="col">{t('queue.topic')}</th>
          <th scope="col">{t('queue.waiting')}</th>
          {action && (
            <th scope="col">
              <span className="visually-hidden">{action.label}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {queue.map((entry) => (
          <tr
            key={entry.callId}
            // The teller's own list is what the console's tests pick calls from.
            data-testid={action ? 'queue-entry' : undefined}
            data-call-id={entry.callId}
          >
            <td>{entry.position}</td>
            <td>{entry.kioskName}</td>
            <td>{t(`languages.${entry.language}`)}</td>
            <td>{t(`topics.${entry.topic}`)}</td>
            <td className="numeric">{since(entry.requestedAt, now)}</td>
            {action && <td>{action.render(entry)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
