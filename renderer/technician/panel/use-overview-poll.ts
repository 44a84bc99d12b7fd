import { useCallback, useEffect, useRef, useState } from 'react';
import type { PrintedReceipt } from '../../../contracts/simulator-control.ts';
import type { TechnicianOverview } from '../../../contracts/technician.ts';
import { fetchLastReceipt, fetchOverview, UnauthorizedError } from '../api/technician-api.ts';

export const POLL_INTERVAL_MS = 1_000;

export interface OverviewPoll {
  overview: TechnicianOverview | null;
  /** Undefined until asked; null when the printer has printed nothing yet. */
  lastReceipt: PrintedReceipt | null | undefined;
  /** The last poll failed (other than 401); the data shown may be stale. */
  lostContact: boolean;
  /** Polls now, e.g. right after an action, instead of waiting for the next tick. */
  refresh: () => void;
}

/**
 * Polls the overview (and the last receipt when there is a receipt printer simulator) once a
 * second. One poll at a time: the next starts a second after the previous one ended.
 */
export function useOverviewPoll(onUnauthorized: () => void): OverviewPoll {
  const [overview, setOverview] = useState<TechnicianOverview | null>(null);
  const [lastReceipt, setLastReceipt] = useState<PrintedReceipt | null | undefined>(undefined);
  const [lostContact, setLostContact] = useState(false);
  const pollNow = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;

    async function poll() {
      if (stopped || running) return;
      running = true;
      clearTimeout(timer);
      try {
        const next = await fetchOverview();
        // A simulator that is down must not hide the device status the runtime reports (that
        // is when the technician needs it most), so the receipt is fetched on its own terms.
        let receipt: PrintedReceipt | null | undefined | 'unchanged';
        if (next.simulators.some((s) => s.device === 'receiptPrinter')) {
          try {
            receipt = await fetchLastReceipt();
          } catch (error) {
            if (error instanceof UnauthorizedError) throw error;
            receipt = 'unchanged';
          }
        }
        if (stopped) return;
        setOverview(next);
        if (receipt !== 'unchanged') setLastReceipt(receipt);
        setLostContact(false);
      } catch (error) {
        if (stopped) return;
        if (error instanceof UnauthorizedError) {
          stopped = true;
          onUnauthorized();
          return;
        }
        setLostContact(true);
      } finally {
        running = false;
        if (!stopped) timer = setTimeout(poll, POLL_INTERVAL_MS);
      }
    }

    pollNow.current = () => void poll();
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [onUnauthorized]);

  const refresh = useCallback(() => pollNow.current(), []);
  return { overview, lastReceipt, lostContact, refresh };
}
