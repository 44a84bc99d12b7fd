import { useCallback, useEffect, useState } from 'react';
import {
  fetchJournal,
  InvalidFilterError,
  type JournalEntryView,
  type JournalFilter,
  UnauthorizedError,
} from '../api/technician-api.ts';

/** Entries per page; the host accepts up to 200. */
export const JOURNAL_PAGE_SIZE = 50;

export type JournalProblem = 'invalidFilter' | 'failed' | null;

export interface JournalPage {
  entries: JournalEntryView[];
  loading: boolean;
  problem: JournalProblem;
  /** A full page came back, so there may be older entries. */
  hasOlder: boolean;
  /** Whether this page is the newest one (no `before` cursor). */
  atNewest: boolean;
  /** Applies a filter and goes back to the newest entries (also a refresh). */
  search: (filter: JournalFilter) => void;
  older: () => void;
  newest: () => void;
}

/**
 * One page of the journal at a time. The journal is not polled like the overview: it is a record
 * to read, and a page that moved under the technician's eyes would be hard to read. Each search,
 * "older" or "newest" fetches once; a stale answer (the technician clicked again) is dropped.
 */
export function useJournalPage(onUnauthorized: () => void): JournalPage {
  const [filter, setFilter] = useState<JournalFilter>({});
  const [before, setBefore] = useState<number | undefined>(undefined);
  // Bumped to fetch again with the same filter and cursor (a repeated search is a refresh).
  const [generation, setGeneration] = useState(0);
  const [entries, setEntries] = useState<JournalEntryView[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<JournalProblem>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation only asks for a new fetch.
  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchJournal(
      filter,
      before === undefined ? { limit: JOURNAL_PAGE_SIZE } : { limit: JOURNAL_PAGE_SIZE, before },
    )
      .then(
        (page) => {
          if (!current) return;
          setEntries(page);
          setProblem(null);
        },
        (error: unknown) => {
          if (!current) return;
          if (error instanceof UnauthorizedError) return onUnauthorized();
          setEntries([]);
          setProblem(error instanceof InvalidFilterError ? 'invalidFilter' : 'failed');
        },
      )
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [filter, before, generation, onUnauthorized]);

  const search = useCallback((next: JournalFilter) => {
    setFilter(next);
    setBefore(undefined);
    setGeneration((n) => n + 1);
  }, []);
  const newest = useCallback(() => {
    setBefore(undefined);
    setGeneration((n) => n + 1);
  }, []);
  const older = useCallback(() => {
    const oldest = entries.at(-1);
    if (oldest) setBefore(oldest.seq);
  }, [entries]);

  return {
    entries,
    loading,
    problem,
    hasOlder: entries.length === JOURNAL_PAGE_SIZE,
    atNewest: before === undefined,
    search,
    older,
    newest,
  };
}
