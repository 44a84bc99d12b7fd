import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallTimelineEntry } from '../../../contracts/teller.ts';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString();
}

/** What the teller sent and the customer answered on this call, in order. */
export function CallTimeline({ entries }: { entries: CallTimelineEntry[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel timeline" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('timeline.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline__list" data-testid="timeline">
          {entries.map((entry) => (
            <li
              // An action may have several entries (a prompt and its answer).
              key={`${entry.actionId}-${entry.kind}-${entry.at}`}
              data-testid="timeline-entry"
              data-kind={entry.kind}
            >
              <time dateTime={entry.at}>{clock(entry.at)}</time>
              <strong>{t(`timeline.kind.${entry.kind}`)}</strong>
              {entry.text !== null && <span>{timelineText(entry, t)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The customer's answers and the outcomes are recorded as words: shown in the console's language. */
const RECORDED_WORDS = new Set([
  'approved',
  'rejected',
  'withdrawn',
  'yes',
  'no',
  'shared',
  'declined',
  'failed',
]);

function timelineText(
  entry: { kind: string; text: string | null },
  t: (key: string) => string,
): string | null {
  if (entry.text === null || entry.kind === 'message' || entry.kind === 'prompt') return entry.text;
  return RECORDED_WORDS.has(entry.text) ? t(`timeline.value.${entry.text}`) : entry.text;
}
