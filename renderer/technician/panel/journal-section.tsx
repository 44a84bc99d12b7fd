import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalFilter } from '../api/technician-api.ts';
import { useJournalPage } from './use-journal-page.ts';

/**
 * A `datetime-local` value (the technician's local time) as an ISO instant. The end of a range
 * covers the whole minute or second it names, so "to 10:05" includes 10:05:30.
 */
function isoFromLocal(value: string, end: boolean): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return undefined;
  if (end) time.setTime(time.getTime() + (value.length <= 16 ? 59_999 : 999));
  return time.toISOString();
}

/** The electronic journal: filter by type and time, newest first, paged back with "older". */
export function JournalSection({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const journal = useJournalPage(onUnauthorized);

  function submit(event: FormEvent) {
    event.preventDefault();
    const filter: JournalFilter = {};
    const trimmedType = type.trim();
    if (trimmedType) filter.type = trimmedType;
    const fromIso = isoFromLocal(from, false);
    if (fromIso) filter.from = fromIso;
    const toIso = isoFromLocal(to, true);
    if (toIso) filter.to = toIso;
    journal.search(filter);
  }

  const first = journal.entries[0];
  const last = journal.entries.at(-1);

  return (
    <section className="journal" aria-labelledby={headingId} data-view="journal">
      <h2 id={headingId}>{t('journal.title')}</h2>
      <form className="journal__filters" aria-label={t('journal.filters')} onSubmit={submit}>
        <label>
          {t('journal.type')}
          <input
            type="text"
            name="type"
            maxLength={64}
            placeholder={t('journal.typeHint')}
            value={type}
            onChange={(event) => setType(event.target.value)}
          />
        </label>
        <label>
          {t('journal.from')}
          <input
            type="datetime-local"
            name="from"
            step={1}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          {t('journal.to')}
          <input
            type="datetime-local"
            name="to"
            step={1}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button type="submit" disabled={journal.loading}>
          {t('journal.search')}
        </button>
      </form>
      {journal.problem && (
        <p role="alert" className="error" data-problem={journal.problem}>
          {t(`journal.${journal.problem}`)}
        </p>
      )}
      <div className="journal__scroll">
        <table className="journal__table" aria-busy={journal.loading}>
          {/* The section heading already shows the name; the caption names the table for screen readers. */}
          <caption className="visually-hidden">{t('journal.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('journal.seq')}</th>
              <th scope="col">{t('journal.time')}</th>
              <th scope="col">{t('journal.entryType')}</th>
              <th scope="col">{t('journal.data')}</th>
            </tr>
          </thead>
          <tbody>
            {journal.entries.map((entry) => (
              <tr key={entry.seq} data-seq={entry.seq}>
                <td className="journal__seq">{entry.seq}</td>
                <td>
                  <time dateTime={entry.at}>{entry.at}</time>
                </td>
                <td>{entry.type}</td>
                <td>
                  <code>{JSON.stringify(entry.data)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" aria-live="polite">
        {journal.loading
          ? t('journal.loading')
          : first && last
            ? t('journal.page', { newest: first.seq, oldest: last.seq })
            : journal.problem
              ? null
              : t('journal.empty')}
      </p>
      <div className="journal__paging">
        <button type="button" onClick={journal.newest} disabled={journal.loading || journal.atNewest}>
          {t('journal.newest')}
        </button>
        <button type="button" onClick={journal.older} disabled={journal.loading || !journal.hasOlder}>
          {t('journal.older')}
        </button>
      </div>
    </section>
  );
}
