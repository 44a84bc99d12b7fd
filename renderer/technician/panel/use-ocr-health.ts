import { useEffect, useState } from 'react';
import type { MrzReaderHealth } from '../../../contracts/identity.ts';
import { fetchOcrHealth, UnauthorizedError } from '../api/technician-api.ts';

/** The OCR worker changes state in seconds (start, restart), not in milliseconds. */
export const OCR_HEALTH_INTERVAL_MS = 2_000;

export interface OcrHealth {
  /** Undefined until first loaded; null on a kiosk without an MRZ reader. */
  health: MrzReaderHealth | null | undefined;
  /** The last load failed; what is shown may be stale. */
  failed: boolean;
}

/** Polls the MRZ reader's worker state, one request at a time. */
export function useOcrHealth(onUnauthorized: () => void): OcrHealth {
  const [health, setHealth] = useState<MrzReaderHealth | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      try {
        const next = await fetchOcrHealth();
        if (stopped) return;
        setHealth(next);
        setFailed(false);
      } catch (error) {
        if (stopped) return;
        if (error instanceof UnauthorizedError) return onUnauthorized();
        setFailed(true);
      }
      if (!stopped) timer = setTimeout(poll, OCR_HEALTH_INTERVAL_MS);
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [onUnauthorized]);

  return { health, failed };
}
